import type { FastifyInstance } from "fastify";
import { registerExtensionRoutes } from "./extensions.ts";
import { registerL3Routes } from "./l3-routes.ts";
import { registerNetworkRoutes } from "./networks.ts";
import { registerPortRoutes } from "./ports.ts";
import { registerQuotaRoutes } from "./quotas.ts";
import type { NetworkRouteEnv } from "./route-env.ts";
import { registerSubnetPoolRoutes } from "./subnet-pools.ts";
import { registerSubnetRoutes } from "./subnets.ts";
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
  registerL3Routes(app, env);
}
