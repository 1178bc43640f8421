import type { FastifyInstance } from "fastify";
import { MAX_VERSION_STRING, MIN_VERSION_STRING } from "./microversion.ts";
import { ComputeLinks } from "./render-common.ts";
import type { ComputeRouteEnv } from "./route-env.ts";

/**
 * Version discovery, unauthenticated as upstream. Only v2.1 is listed:
 * the legacy v2.0 API is not served. keystoneauth (SDK) reads `version`
 * and `min_version` from `GET /compute/v2.1` to pick microversions.
 */
function versionDoc(links: ComputeLinks, full: boolean) {
  return {
    id: "v2.1",
    status: "CURRENT",
    version: MAX_VERSION_STRING,
    min_version: MIN_VERSION_STRING,
    updated: "2013-07-23T11:33:21Z",
    links: [
      { rel: "self", href: `${links.versioned}/` },
      ...(full ? [{ rel: "describedby", type: "text/html", href: "http://docs.openstack.org/" }] : []),
    ],
    ...(full
      ? {
          "media-types": [
            { base: "application/json", type: "application/vnd.openstack.compute+json;version=2.1" },
          ],
        }
      : {}),
  };
}

export function registerVersionRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const links = new ComputeLinks(env.publicUrl);
  app.get("/compute", async () => ({ versions: [versionDoc(links, false)] }));
  app.get("/compute/v2.1", async () => ({ version: versionDoc(links, true) }));
}
