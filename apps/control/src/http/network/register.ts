import type { FastifyInstance } from "fastify";
import { registerExtensionRoutes } from "./extensions.ts";
import { registerL3Routes } from "./l3-routes.ts";
import { registerNetworkRoutes } from "./networks.ts";
import { registerPortRoutes } from "./ports.ts";
import { registerQuotaRoutes } from "./quotas.ts";
import type { NetworkRouteEnv } from "./route-env.ts";
import { registerSubnetPoolRoutes } from "./subnet-pools.ts";
import { registerSubnetRoutes } from "./subnets.ts";
import { registerTagRoutes } from "./tags.ts";
import { registerNetworkVersionRoutes } from "./versions.ts";

/** Neutron v2.0 under /networking (the catalog's `network` endpoint; the SDK appends `v2.0`). */
export function registerNetworkApiRoutes(app: FastifyInstance, env: NetworkRouteEnv): void {
  registerNetworkVersionRoutes(app, env);
  registerExtensionRoutes(app, env);
  registerNetworkRoutes(app, env);
  registerSubnetRoutes(app, env);
  registerSubnetPoolRoutes(app, env);
  registerPortRoutes(app, env);
  registerQuotaRoutes(app, env);
  const { networks, subnets, ports } = env.network;
  registerTagRoutes(app, env, {
    plural: "networks",
    tagsOf: async (ctx, id) => (await networks.get(ctx, id)).tags,
    setTags: async (ctx, id, tags) => (await networks.update(ctx, id, { tags })).tags,
  });
  registerTagRoutes(app, env, {
    plural: "subnets",
    tagsOf: async (ctx, id) => (await subnets.get(ctx, id)).tags,
    setTags: async (ctx, id, tags) => (await subnets.update(ctx, id, { tags })).tags,
  });
  registerTagRoutes(app, env, {
    plural: "ports",
    tagsOf: async (ctx, id) => (await ports.get(ctx, id)).tags,
    setTags: async (ctx, id, tags) => (await ports.update(ctx, id, { tags })).tags,
  });
  registerL3Routes(app, env);
}
