import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeL3 } from "../../policy/network-l3.ts";
import type { GatewayInput } from "../../services/network/l3/routers.ts";
import { idParam, parse } from "../parse.ts";
import { type L3RequestContext, l3Context, owningProject } from "./l3-context.ts";
import { listAnswer } from "./l3-list.ts";
import { type L3RouteEnv, NEUTRON_PREFIX } from "./l3-route-env.ts";
import { renderInterface, renderRouter } from "./render-l3.ts";

const ZFixedIps = z
  .array(
    z.strictObject({
      subnet_id: z.string().min(1).max(255).optional(),
      ip_address: z.string().min(1).max(64).optional(),
    }),
  )
  .max(8);
/** `{}` and null both clear the gateway (what `openstack router unset --external-gateway` sends). */
const ZGateway = z.union([
  z.null(),
  z.strictObject({}),
  z.strictObject({
    network_id: z.string().min(1).max(255),
    enable_snat: z.boolean().optional(),
    external_fixed_ips: ZFixedIps.optional(),
  }),
]);
const ZRoutes = z
  .array(z.strictObject({ destination: z.string().min(1).max(64), nexthop: z.string().min(1).max(64) }))
  .max(1000);
const common = {
  name: z.string().max(255).optional(),
  description: z.string().max(255).optional(),
  admin_state_up: z.boolean().optional(),
  external_gateway_info: ZGateway.optional(),
};
const ZCreate = z.strictObject({
  router: z.strictObject({
    ...common,
    availability_zone_hints: z.array(z.string().max(255)).max(8).optional(),
    distributed: z.literal(false).optional(),
    ha: z.literal(false).optional(),
    project_id: z.string().max(255).optional(),
    tenant_id: z.string().max(255).optional(),
  }),
});
const ZUpdate = z.strictObject({ router: z.strictObject({ ...common, routes: ZRoutes.optional() }) });
const ZInterface = z.strictObject({
  subnet_id: z.string().min(1).max(255).optional(),
  port_id: z.string().min(1).max(255).optional(),
});
const ZExtraRoutes = z.strictObject({ router: z.strictObject({ routes: ZRoutes }) });
const ZId = z.object({ id: idParam });

const ATTRIBUTES = new Set([
  "id",
  "name",
  "description",
  "admin_state_up",
  "status",
  "project_id",
  "tenant_id",
  "external_gateway_info",
  "routes",
  "tags",
  "revision_number",
  "created_at",
  "updated_at",
]);

type GatewayBody = z.infer<typeof ZGateway> | undefined;

/** The gateway input, checking the admin-only attributes (enable_snat, external_fixed_ips). */
function gatewayInput(
  ctx: L3RequestContext,
  gw: GatewayBody,
  verb: "create" | "update",
  projectId: string,
): GatewayInput | null | undefined {
  if (gw === undefined) return undefined;
  if (gw === null || !("network_id" in gw)) return null;
  if (gw.enable_snat !== undefined) {
    authorizeL3(ctx.auth, `${verb}_router:external_gateway_info:enable_snat` as const, projectId);
  }
  if (gw.external_fixed_ips !== undefined) {
    authorizeL3(ctx.auth, `${verb}_router:external_gateway_info:external_fixed_ips` as const, projectId);
  }
  return {
    networkId: gw.network_id,
    enableSnat: gw.enable_snat,
    externalFixedIps: gw.external_fixed_ips?.map((f) => ({ subnetId: f.subnet_id, ipAddress: f.ip_address })),
  };
}

export function registerRouterRoutes(app: FastifyInstance, env: L3RouteEnv): void {
  const routers = env.l3.routers;
  const interfaces = env.l3.routerInterfaces;
  const base = `${NEUTRON_PREFIX}/routers`;

  app.get(base, async (request) => {
    const ctx = await l3Context(env.identity, request);
    const rows = (await routers.list(ctx.caller)).map((r) => renderRouter(r, ctx.caller.admin));
    return listAnswer("routers", rows, request.query, ATTRIBUTES, `${env.publicUrl()}${base}`);
  });

  app.get(`${base}/:id`, async (request) => {
    const ctx = await l3Context(env.identity, request);
    const row = await routers.get(ctx.caller, parse(ZId, request.params).id);
    authorizeL3(ctx.auth, "get_router", row.projectId);
    return { router: renderRouter(row, ctx.caller.admin) };
  });

  app.post(base, async (request, reply) => {
    const ctx = await l3Context(env.identity, request);
    const body = parse(ZCreate, request.body).router;
    const projectId = owningProject(ctx, body);
    authorizeL3(ctx.auth, "create_router", projectId);
    const row = await routers.create(ctx.caller, {
      projectId,
      name: body.name ?? "",
      description: body.description ?? "",
      adminStateUp: body.admin_state_up ?? true,
      gateway: gatewayInput(ctx, body.external_gateway_info, "create", projectId),
    });
    return reply.status(201).send({ router: renderRouter(row, ctx.caller.admin) });
  });

  app.put(`${base}/:id`, async (request) => {
    const ctx = await l3Context(env.identity, request);
    const { id } = parse(ZId, request.params);
    const body = parse(ZUpdate, request.body).router;
    const current = await routers.get(ctx.caller, id);
    authorizeL3(ctx.auth, "update_router", current.projectId);
    const row = await routers.update(ctx.caller, id, {
      name: body.name,
      description: body.description,
      adminStateUp: body.admin_state_up,
      gateway: gatewayInput(ctx, body.external_gateway_info, "update", current.projectId),
      routes: body.routes,
    });
    return { router: renderRouter(row, ctx.caller.admin) };
  });

  app.delete(`${base}/:id`, async (request, reply) => {
    const ctx = await l3Context(env.identity, request);
    const { id } = parse(ZId, request.params);
    authorizeL3(ctx.auth, "delete_router", (await routers.get(ctx.caller, id)).projectId);
    await routers.delete(ctx.caller, id);
    return reply.status(204).send();
  });

  for (const verb of ["add", "remove"] as const) {
    app.put(`${base}/:id/${verb}_router_interface`, async (request) => {
      const ctx = await l3Context(env.identity, request);
      const { id } = parse(ZId, request.params);
      const body = parse(ZInterface, request.body ?? {});
      authorizeL3(ctx.auth, `${verb}_router_interface`, (await routers.get(ctx.caller, id)).projectId);
      const req = { subnetId: body.subnet_id, portId: body.port_id };
      const info =
        verb === "add"
          ? await interfaces.add(ctx.caller, id, req)
          : await interfaces.remove(ctx.caller, id, req);
      return renderInterface(info);
    });
  }

  // extraroute-atomic: add or remove some routes without rewriting the whole list.
  for (const verb of ["add", "remove"] as const) {
    app.put(`${base}/:id/${verb}_extraroutes`, async (request) => {
      const ctx = await l3Context(env.identity, request);
      const { id } = parse(ZId, request.params);
      const { routes } = parse(ZExtraRoutes, request.body).router;
      const current = await routers.get(ctx.caller, id);
      authorizeL3(ctx.auth, "update_router", current.projectId);
      const row = await routers.changeRoutes(ctx.caller, id, verb, routes);
      return { router: renderRouter(row, ctx.caller.admin) };
    });
  }
}
