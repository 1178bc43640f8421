import type { FastifyInstance } from "fastify";
import { authorizeL3, type L3Action } from "../../policy/network-l3.ts";
import type { AuthContext } from "../../services/identity/auth-context.ts";
import { type L3Taggable, writeTags } from "../../services/network/l3/tags.ts";
import { registerFloatingIpRoutes } from "./floating-ips.ts";
import { callerOf } from "./l3-context.ts";
import type { NetworkRouteEnv } from "./route-env.ts";
import { registerRouterRoutes } from "./routers.ts";
import { registerSecurityGroupRoutes } from "./security-groups.ts";
import { registerTagRoutes } from "./tags.ts";

/** Routers, floating IPs, security groups and their rules under /networking/v2.0, with their tags. */
export function registerL3Routes(app: FastifyInstance, env: NetworkRouteEnv): void {
  registerSecurityGroupRoutes(app, env);
  registerRouterRoutes(app, env);
  registerFloatingIpRoutes(app, env);

  const { routers, floatingIps, securityGroups } = env.network.l3;
  const taggable = (
    plural: string,
    kind: L3Taggable,
    get: (ctx: AuthContext, id: string) => Promise<{ projectId: string; tags: string[] }>,
    actions: { read: L3Action; write: L3Action },
  ) =>
    registerTagRoutes(app, env, {
      plural,
      tagsOf: async (ctx, id) => {
        const row = await get(ctx, id);
        authorizeL3(ctx, actions.read, row.projectId);
        return row.tags;
      },
      setTags: async (ctx, id, tags) => {
        authorizeL3(ctx, actions.write, (await get(ctx, id)).projectId);
        return writeTags(env.network.deps.prisma, kind, id, tags);
      },
    });
  taggable("routers", "router", (ctx, id) => routers.get(callerOf(ctx), id), {
    read: "get_router",
    write: "update_router",
  });
  taggable("floatingips", "floatingIp", (ctx, id) => floatingIps.get(callerOf(ctx), id), {
    read: "get_floatingip",
    write: "update_floatingip",
  });
  taggable("security-groups", "securityGroup", (ctx, id) => securityGroups.get(callerOf(ctx), id), {
    read: "get_security_group",
    write: "update_security_group",
  });
}
