import type { FastifyInstance } from "fastify";
import type { ImageRouteEnv } from "./route-env.ts";

/** The minor versions we advertise, newest first (Glance Zed speaks 2.16). */
const VERSIONS = ["v2.16", "v2.15", "v2.9", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0"];

/**
 * Glance's version document. keystoneauth reads the newest `v2.x` entry's
 * self href and uses it as the base URL of every image request, so the
 * href must be `<publicUrl>/image/v2/`.
 */
function versionsDocument(env: ImageRouteEnv) {
  const href = `${env.publicUrl()}/image/v2/`;
  return {
    versions: VERSIONS.map((id, i) => ({
      id,
      status: i === 0 ? "CURRENT" : "SUPPORTED",
      links: [{ rel: "self", href }],
    })),
  };
}

export function registerImageDiscoveryRoutes(app: FastifyInstance, env: ImageRouteEnv): void {
  // 300 Multiple Choices, as Glance; every client accepts any status below 400.
  for (const path of ["/image", "/image/v2"]) {
    app.get(path, async (_request, reply) => reply.status(300).send(versionsDocument(env)));
  }
}
