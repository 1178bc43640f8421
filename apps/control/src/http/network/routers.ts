import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorizeL3 } from "../../policy/network-l3.ts";
import { type GatewayInput, type RouterView, routerNotFound } from "../../services/network/l3/routers.ts";
import type { CollectionSpec } from "../../services/network/listing.ts";
import { idParam, parse } from "../parse.ts";
import { type CollectionHandlers, listBody, showBody } from "./collection.ts";
import { callerOf, type L3RequestContext, l3Context, newOwner } from "./l3-context.ts";
import { renderInterface, renderRouter } from "./render-l3.ts";
import { type NetworkRouteEnv, requireNetworkAuth, V2 } from "./route-env.ts";

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
/** `routes: null` clears them (what Tempest's cleanup sends). */
const ZUpdate = z.strictObject({
  router: z.strictObject({ ...common, routes: ZRoutes.nullable().optional() }),
});
const ZInterface = z.strictObject({
  subnet_id: z.string().min(1).max(255).optional(),
  port_id: z.string().min(1).max(255).optional(),
});
const ZExtraRoutes = z.strictObject({ router: z.strictObject({ routes: ZRoutes }) });
const ZId = z.object({ id: idParam });

const ATTRIBUTES = new Set<string>([
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

const SPEC: CollectionSpec = { attributes: ATTRIBUTES, notFound: routerNotFound };

export function registerRouterRoutes(app: FastifyInstance, env: NetworkRouteEnv): void {
  const routers = env.network.l3.routers;
  const handlers: CollectionHandlers<RouterView> = {
    plural: "routers",
    spec: SPEC,
    list: (auth) => routers.list(callerOf(auth)),
    get: (auth, id) => routers.get(callerOf(auth), id),
    render: (row) => renderRouter(row),
  };
  const interfaces = env.network.l3.routerInterfaces;
  const base = `${V2}/routers`;

  app.get(base, async (request) => listBody(env, request, await requireNetworkAuth(env, request), handlers));

  app.get(`${base}/:id`, async (request) => {
    const ctx = await l3Context(env, request);
    const row = await routers.get(ctx.caller, parse(ZId, request.params).id);
    authorizeL3(ctx.auth, "get_router", row.projectId);
    return { router: showBody(request, renderRouter(row)) };
  });

  app.post(base, async (request, reply) => {
    const ctx = await l3Context(env, request);
    const body = parse(ZCreate, request.body).router;
    const projectId = newOwner(ctx, body);
    authorizeL3(ctx.auth, "create_router", projectId);
    const row = await routers.create(ctx.caller, {
      projectId,
      name: body.name ?? "",
      description: body.description ?? "",
      adminStateUp: body.admin_state_up ?? true,
      gateway: gatewayInput(ctx, body.external_gateway_info, "create", projectId),
    });
    return reply.status(201).send({ router: renderRouter(row) });
  });

  app.put(`${base}/:id`, async (request) => {
    const ctx = await l3Context(env, request);
    const { id } = parse(ZId, request.params);
    const body = parse(ZUpdate, request.body).router;
    const current = await routers.get(ctx.caller, id);
    authorizeL3(ctx.auth, "update_router", current.projectId);
    const row = await routers.update(ctx.caller, id, {
      name: body.name,
      description: body.description,
      adminStateUp: body.admin_state_up,
      gateway: gatewayInput(ctx, body.external_gateway_info, "update", current.projectId),
      routes: body.routes === null ? [] : body.routes,
    });
    return { router: renderRouter(row) };
  });

  app.delete(`${base}/:id`, async (request, reply) => {
    const ctx = await l3Context(env, request);
    const { id } = parse(ZId, request.params);
    authorizeL3(ctx.auth, "delete_router", (await routers.get(ctx.caller, id)).projectId);
    await routers.delete(ctx.caller, id);
    return reply.status(204).send();
  });

  for (const verb of ["add", "remove"] as const) {
    app.put(`${base}/:id/${verb}_router_interface`, async (request) => {
      const ctx = await l3Context(env, request);
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
      const ctx = await l3Context(env, request);
      const { id } = parse(ZId, request.params);
      const { routes } = parse(ZExtraRoutes, request.body).router;
      const current = await routers.get(ctx.caller, id);
      authorizeL3(ctx.auth, "update_router", current.projectId);
      const row = await routers.changeRoutes(ctx.caller, id, verb, routes);
      return { router: renderRouter(row) };
    });
  }
}
