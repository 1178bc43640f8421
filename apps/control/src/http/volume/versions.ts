import type { FastifyInstance } from "fastify";
import { MAX_VERSION_STRING, MIN_VERSION_STRING } from "./microversion.ts";
import type { VolumeRouteEnv } from "./route-env.ts";

/** Cinder's v3 entry (versions/versions-response.json); v2 is gone upstream and not listed. */
function v3Entry(publicUrl: string) {
  return {
    id: "v3.0",
    status: "CURRENT",
    version: MAX_VERSION_STRING,
    min_version: MIN_VERSION_STRING,
    updated: "2023-08-31T00:00:00Z",
    links: [
      { rel: "describedby", type: "text/html", href: "https://docs.openstack.org/" },
      { rel: "self", href: `${publicUrl}/volume/v3/` },
    ],
    "media-types": [{ base: "application/json", type: "application/vnd.openstack.volume+json;version=3" }],
  };
}

/**
 * Version discovery, unauthenticated as upstream: `GET /volume` answers 300
 * Multiple Choices with every version (what the `cinder` CLI and
 * keystoneauth read), `GET /volume/v3` 200 with the v3 entry.
 */
export function registerVolumeVersionRoutes(app: FastifyInstance, env: VolumeRouteEnv): void {
  app.get("/volume", async (_request, reply) =>
    reply.status(300).send({ versions: [v3Entry(env.publicUrl())] }),
  );
  app.get("/volume/v3", async () => ({ versions: [v3Entry(env.publicUrl())] }));
}
