import type { FastifyInstance } from "fastify";
import { authorizeServer } from "../../policy/compute-servers.ts";
import type { ServerServices } from "../../services/compute/servers/registry.ts";
import { type RouteEnv, requireAuth } from "../identity/route-env.ts";
import { ZENITH_PREFIX } from "./changes.ts";

/**
 * `GET /zenith/v1/server-counts`: how many servers of every project show
 * each status, for the admin overview, which otherwise pages through every
 * server once per status (what it still does on other clouds). Whoever may
 * list every project's servers may count them: the same policy rule.
 */
export function registerServerCountRoutes(
  app: FastifyInstance,
  env: RouteEnv & { servers: Pick<ServerServices, "countByStatus"> },
): void {
  app.get(`${ZENITH_PREFIX}/server-counts`, async (request) => {
    const ctx = await requireAuth(env, request);
    authorizeServer(ctx, "os_compute_api:servers:index:get_all_tenants");
    return { server_counts: await env.servers.countByStatus() };
  });
}
