import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeL3 } from "../../policy/network-l3.ts";
import type { CollectionSpec } from "../../services/network/listing.ts";
import { type GroupWithRules, groupNotFound } from "../../services/network/security-groups/groups.ts";
import { type RuleRow, ruleNotFound } from "../../services/network/security-groups/rules.ts";
import { idParam, parse } from "../parse.ts";
import { type CollectionHandlers, listBody, showBody } from "./collection.ts";
import { callerOf, l3Context, newOwner } from "./l3-context.ts";
import { renderRule, renderSecurityGroup } from "./render-l3.ts";
import { type NetworkRouteEnv, requireNetworkAuth, V2 } from "./route-env.ts";

const name = z.string().max(255);
const description = z.string().max(255);
const ownerFields = { project_id: z.string().max(255).optional(), tenant_id: z.string().max(255).optional() };

const ZGroupCreate = z.strictObject({
  security_group: z.strictObject({
    name: name.optional(),
    description: description.optional(),
    stateful: z.boolean().optional(),
    ...ownerFields,
  }),
});
const ZGroupUpdate = z.strictObject({
  security_group: z.strictObject({
    name: name.optional(),
    description: description.optional(),
    stateful: z.boolean().optional(),
  }),
});

/** Neutron accepts ports as numbers or numeric strings; the range is checked with upstream's message by the service. */
const port = z
  .union([
    z.int(),
    z
      .string()
      .regex(/^-?\d{1,9}$/)
      .transform(Number),
  ])
  .nullable()
  .optional();

const ZRuleCreate = z.strictObject({
  security_group_rule: z.strictObject({
    security_group_id: z.string().min(1).max(255),
    direction: z.enum(["ingress", "egress"]),
    ethertype: z.enum(["IPv4", "IPv6"]).optional(),
    protocol: z
      .union([z.string().max(40), z.int().min(0).max(255)])
      .nullable()
      .optional(),
    port_range_min: port,
    port_range_max: port,
    remote_ip_prefix: z.string().max(64).nullable().optional(),
    remote_group_id: z.string().max(255).nullable().optional(),
    description: description.optional(),
    ...ownerFields,
  }),
});

const ZId = z.object({ id: idParam });

const GROUP_ATTRIBUTES = new Set<string>([
  "id",
  "name",
  "description",
  "project_id",
  "tenant_id",
  "stateful",
  "shared",
  "tags",
  "revision_number",
  "created_at",
  "updated_at",
]);
const RULE_ATTRIBUTES = new Set<string>([
  "id",
  "security_group_id",
  "direction",
  "ethertype",
  "protocol",
  "port_range_min",
  "port_range_max",
  "remote_ip_prefix",
  "remote_group_id",
  "remote_address_group_id",
  "description",
  "project_id",
  "tenant_id",
  "belongs_to_default_sg",
  "revision_number",
  "created_at",
  "updated_at",
]);

const GROUP_SPEC: CollectionSpec = { attributes: GROUP_ATTRIBUTES, notFound: groupNotFound };
const RULE_SPEC: CollectionSpec = { attributes: RULE_ATTRIBUTES, notFound: ruleNotFound };

export function registerSecurityGroupRoutes(app: FastifyInstance, env: NetworkRouteEnv): void {
  const groups = env.network.l3.securityGroups;
  const rules = env.network.l3.securityGroupRules;
  const groupHandlers: CollectionHandlers<GroupWithRules> = {
    plural: "security_groups",
    spec: GROUP_SPEC,
    list: (auth) => groups.list(callerOf(auth)),
    get: (auth, id) => groups.get(callerOf(auth), id),
    render: (row) => renderSecurityGroup(row),
  };
  const ruleHandlers: CollectionHandlers<RuleRow> = {
    plural: "security_group_rules",
    spec: RULE_SPEC,
    list: async (auth) => {
      await groups.ensureDefault(callerOf(auth));
      return rules.list(callerOf(auth));
    },
    get: (auth, id) => rules.get(callerOf(auth), id),
    render: (row) => renderRule(row),
  };
  const base = `${V2}/security-groups`;
  const rulesBase = `${V2}/security-group-rules`;

  app.get(base, async (request) =>
    listBody(env, request, await requireNetworkAuth(env, request), groupHandlers),
  );

  app.get(`${base}/:id`, async (request) => {
    const ctx = await l3Context(env, request);
    const row = await groups.get(ctx.caller, parse(ZId, request.params).id);
    authorizeL3(ctx.auth, "get_security_group", row.projectId);
    return { security_group: showBody(request, renderSecurityGroup(row)) };
  });

  app.post(base, async (request, reply) => {
    const ctx = await l3Context(env, request);
    const body = parse(ZGroupCreate, request.body).security_group;
    const projectId = newOwner(ctx, body);
    authorizeL3(ctx.auth, "create_security_group", projectId);
    const row = await groups.create(ctx.caller, {
      projectId,
      name: body.name ?? "",
      description: body.description ?? "",
      stateful: body.stateful ?? true,
    });
    return reply.status(201).send({ security_group: renderSecurityGroup(row) });
  });

  app.put(`${base}/:id`, async (request) => {
    const ctx = await l3Context(env, request);
    const { id } = parse(ZId, request.params);
    const patch = parse(ZGroupUpdate, request.body).security_group;
    authorizeL3(ctx.auth, "update_security_group", (await groups.get(ctx.caller, id)).projectId);
    return { security_group: renderSecurityGroup(await groups.update(ctx.caller, id, patch)) };
  });

  app.delete(`${base}/:id`, async (request, reply) => {
    const ctx = await l3Context(env, request);
    const { id } = parse(ZId, request.params);
    authorizeL3(ctx.auth, "delete_security_group", (await groups.get(ctx.caller, id)).projectId);
    await groups.delete(ctx.caller, id);
    return reply.status(204).send();
  });

  app.get(rulesBase, async (request) =>
    listBody(env, request, await requireNetworkAuth(env, request), ruleHandlers),
  );

  app.get(`${rulesBase}/:id`, async (request) => {
    const ctx = await l3Context(env, request);
    const row = await rules.get(ctx.caller, parse(ZId, request.params).id);
    authorizeL3(ctx.auth, "get_security_group_rule", row.projectId);
    return { security_group_rule: showBody(request, renderRule(row)) };
  });

  app.post(rulesBase, async (request, reply) => {
    const ctx = await l3Context(env, request);
    const body = parse(ZRuleCreate, request.body).security_group_rule;
    const group = await groups.get(ctx.caller, body.security_group_id);
    newOwner(ctx, body);
    authorizeL3(ctx.auth, "create_security_group_rule", group.projectId);
    const row = await rules.create(ctx.caller, {
      securityGroupId: group.id,
      direction: body.direction,
      ethertype: body.ethertype ?? "IPv4",
      protocol: body.protocol,
      portRangeMin: body.port_range_min,
      portRangeMax: body.port_range_max,
      remoteIpPrefix: body.remote_ip_prefix,
      remoteGroupId: body.remote_group_id,
      description: body.description ?? "",
    });
    return reply.status(201).send({ security_group_rule: renderRule(row) });
  });

  app.delete(`${rulesBase}/:id`, async (request, reply) => {
    const ctx = await l3Context(env, request);
    const { id } = parse(ZId, request.params);
    authorizeL3(ctx.auth, "delete_security_group_rule", (await rules.get(ctx.caller, id)).projectId);
    await rules.delete(ctx.caller, id);
    return reply.status(204).send();
  });
}
