import type { FastifyInstance } from "fastify";
import { MAX_VERSION_STRING, MIN_VERSION_STRING } from "./microversion.ts";
import { ComputeLinks } from "./render-common.ts";
import type { ComputeRouteEnv } from "./route-env.ts";

/** What tells the two version documents apart (upstream's versions-get-resp.json). */
interface VersionInfo {
  id: "v2.0" | "v2.1";
  status: "DEPRECATED" | "CURRENT";
  version: string;
  min_version: string;
  updated: string;
  mediaVersion: string;
  path: string;
}

/**
 * Version discovery, unauthenticated as upstream. Both entries are listed
 * as Nova lists them; only v2.1 is served (the legacy v2.0 API is not).
 * keystoneauth (SDK) reads `version` and `min_version` of v2.1 to pick
 * microversions, and skips the DEPRECATED v2.0 when asked for 2.1+.
 */
const VERSIONS: VersionInfo[] = [
  {
    id: "v2.0",
    status: "DEPRECATED",
    version: "",
    min_version: "",
    updated: "2025-07-04T12:00:00Z",
    mediaVersion: "2",
    path: "v2",
  },
  {
    id: "v2.1",
    status: "CURRENT",
    version: MAX_VERSION_STRING,
    min_version: MIN_VERSION_STRING,
    updated: "2013-07-23T11:33:21Z",
    mediaVersion: "2.1",
    path: "v2.1",
  },
];

function versionDoc(links: ComputeLinks, v: VersionInfo, full: boolean) {
  return {
    id: v.id,
    status: v.status,
    version: v.version,
    min_version: v.min_version,
    updated: v.updated,
    links: [
      { rel: "self", href: `${links.root}/${v.path}/` },
      ...(full ? [{ rel: "describedby", type: "text/html", href: "http://docs.openstack.org/" }] : []),
    ],
    ...(full
      ? {
          "media-types": [
            {
              base: "application/json",
              type: `application/vnd.openstack.compute+json;version=${v.mediaVersion}`,
            },
          ],
        }
      : {}),
  };
}

export function registerVersionRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  const links = new ComputeLinks(env.publicUrl);
  const [v20, v21] = VERSIONS;
  app.get("/compute", async () => ({ versions: VERSIONS.map((v) => versionDoc(links, v, false)) }));
  if (v21) app.get("/compute/v2.1", async () => ({ version: versionDoc(links, v21, true) }));
  if (v20) app.get("/compute/v2", async () => ({ version: versionDoc(links, v20, true) }));
}
