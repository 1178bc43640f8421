import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeL3 } from "../../policy/network-l3.ts";
import { idParam, parse } from "../parse.ts";
import { l3Context, owningProject } from "./l3-context.ts";
import { listAnswer } from "./l3-list.ts";
import { type L3RouteEnv, NEUTRON_PREFIX } from "./l3-route-env.ts";
import { renderFloatingIp } from "./render-l3.ts";

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

const ATTRIBUTES = new Set([
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

export function registerFloatingIpRoutes(app: FastifyInstance, env: L3RouteEnv): void {
  const fips = env.l3.floatingIps;
  const base = `${NEUTRON_PREFIX}/floatingips`;

  app.get(base, async (request) => {
    const ctx = await l3Context(env.identity, request);
    const rows = (await fips.list(ctx.caller)).map(renderFloatingIp);
    return listAnswer("floatingips", rows, request.query, ATTRIBUTES, `${env.publicUrl()}${base}`);
  });

  app.get(`${base}/:id`, async (request) => {
    const ctx = await l3Context(env.identity, request);
    const row = await fips.get(ctx.caller, parse(ZId, request.params).id);
    authorizeL3(ctx.auth, "get_floatingip", row.projectId);
    return { floatingip: renderFloatingIp(row) };
  });

  app.post(base, async (request, reply) => {
    const ctx = await l3Context(env.identity, request);
    const body = parse(ZCreate, request.body).floatingip;
    const projectId = owningProject(ctx, body);
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
    const ctx = await l3Context(env.identity, request);
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
    const ctx = await l3Context(env.identity, request);
    const { id } = parse(ZId, request.params);
    authorizeL3(ctx.auth, "delete_floatingip", (await fips.get(ctx.caller, id)).projectId);
    await fips.delete(ctx.caller, id);
    return reply.status(204).send();
  });
}
