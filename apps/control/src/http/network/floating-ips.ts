import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeL3 } from "../../policy/network-l3.ts";
import { type FloatingIpView, floatingIpNotFound } from "../../services/network/l3/floating-ips.ts";
import type { CollectionSpec } from "../../services/network/listing.ts";
import { idParam, parse } from "../parse.ts";
import { type CollectionHandlers, listBody, showBody } from "./collection.ts";
import { callerOf, l3Context, newOwner } from "./l3-context.ts";
import { renderFloatingIp } from "./render-l3.ts";
import { type NetworkRouteEnv, requireNetworkAuth, V2 } from "./route-env.ts";

const address = z.string().min(1).max(64);
const ZCreate = z.strictObject({
  floatingip: z.strictObject({
    floating_network_id: z.string().min(1).max(255),
    floating_ip_address: address.optional(),
    subnet_id: z.string().min(1).max(255).optional(),
    port_id: z.string().min(1).max(255).nullable().optional(),
    fixed_ip_address: address.optional(),
    description: z.string().max(255).optional(),
    project_id: z.string().max(255).optional(),
    tenant_id: z.string().max(255).optional(),
  }),
});
const ZUpdate = z.strictObject({
  floatingip: z.strictObject({
    port_id: z.string().min(1).max(255).nullable().optional(),
    fixed_ip_address: address.optional(),
    description: z.string().max(255).optional(),
  }),
});
const ZId = z.object({ id: idParam });

const ATTRIBUTES = new Set<string>([
  "id",
  "floating_ip_address",
  "floating_network_id",
  "router_id",
  "port_id",
  "fixed_ip_address",
  "status",
  "description",
  "project_id",
  "tenant_id",
  "tags",
  "revision_number",
  "created_at",
  "updated_at",
]);

const SPEC: CollectionSpec = { attributes: ATTRIBUTES, notFound: floatingIpNotFound };

export function registerFloatingIpRoutes(app: FastifyInstance, env: NetworkRouteEnv): void {
  const fips = env.network.l3.floatingIps;
  const handlers: CollectionHandlers<FloatingIpView> = {
    plural: "floatingips",
    spec: SPEC,
    list: (auth) => fips.list(callerOf(auth)),
    get: (auth, id) => fips.get(callerOf(auth), id),
    render: (row) => renderFloatingIp(row),
  };
  const base = `${V2}/floatingips`;

  app.get(base, async (request) => listBody(env, request, await requireNetworkAuth(env, request), handlers));

  app.get(`${base}/:id`, async (request) => {
    const ctx = await l3Context(env, request);
    const row = await fips.get(ctx.caller, parse(ZId, request.params).id);
    authorizeL3(ctx.auth, "get_floatingip", row.projectId);
    return { floatingip: showBody(request, renderFloatingIp(row)) };
  });

  app.post(base, async (request, reply) => {
    const ctx = await l3Context(env, request);
    const body = parse(ZCreate, request.body).floatingip;
    const projectId = newOwner(ctx, body);
    authorizeL3(ctx.auth, "create_floatingip", projectId);
    if (body.floating_ip_address !== undefined) {
      authorizeL3(ctx.auth, "create_floatingip:floating_ip_address", projectId);
    }
    const row = await fips.create(ctx.caller, {
      projectId,
      floatingNetworkId: body.floating_network_id,
      floatingIpAddress: body.floating_ip_address,
      subnetId: body.subnet_id,
      portId: body.port_id,
      fixedIpAddress: body.fixed_ip_address,
      description: body.description ?? "",
    });
    return reply.status(201).send({ floatingip: renderFloatingIp(row) });
  });

  app.put(`${base}/:id`, async (request) => {
    const ctx = await l3Context(env, request);
    const { id } = parse(ZId, request.params);
    const patch = parse(ZUpdate, request.body).floatingip;
    authorizeL3(ctx.auth, "update_floatingip", (await fips.get(ctx.caller, id)).projectId);
    const row = await fips.update(ctx.caller, id, {
      portId: patch.port_id,
      fixedIpAddress: patch.fixed_ip_address,
      description: patch.description,
    });
    return { floatingip: renderFloatingIp(row) };
  });

  app.delete(`${base}/:id`, async (request, reply) => {
    const ctx = await l3Context(env, request);
    const { id } = parse(ZId, request.params);
    authorizeL3(ctx.auth, "delete_floatingip", (await fips.get(ctx.caller, id)).projectId);
    await fips.delete(ctx.caller, id);
    return reply.status(204).send();
  });
}
