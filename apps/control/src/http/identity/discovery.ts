import type { FastifyInstance } from "fastify";
import type { RouteEnv } from "./route-env.ts";

/** The v3 version entry; keystoneauth builds its token URL from links[rel=self]. */
function v3Entry(env: RouteEnv) {
  return {
    id: "v3.14",
    status: "stable",
    updated: "2020-04-07T00:00:00Z",
    links: [{ rel: "self", href: `${env.links.base}/` }],
    "media-types": [{ base: "application/json", type: "application/vnd.openstack.identity-v3+json" }],
  };
}

export function registerDiscoveryRoutes(app: FastifyInstance, env: RouteEnv): void {
  // Keystone answers the unversioned root with 300 Multiple Choices; clients accept any status < 400.
  app.get("/identity", async (_request, reply) =>
    reply.status(300).send({ versions: { values: [v3Entry(env)] } }),
  );
  app.get("/identity/v3", async () => ({ version: v3Entry(env) }));
}
