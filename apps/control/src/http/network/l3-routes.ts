import type { FastifyInstance } from "fastify";
import { registerFloatingIpRoutes } from "./floating-ips.ts";
import type { NetworkRouteEnv } from "./route-env.ts";
import { registerRouterRoutes } from "./routers.ts";
import { registerSecurityGroupRoutes } from "./security-groups.ts";

/** Routers, floating IPs, security groups and their rules under /networking/v2.0. */
export function registerL3Routes(app: FastifyInstance, env: NetworkRouteEnv): void {
  registerSecurityGroupRoutes(app, env);
  registerRouterRoutes(app, env);
  registerFloatingIpRoutes(app, env);
}
