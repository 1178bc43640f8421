import type { FastifyInstance } from "fastify";
import { NETWORK_PREFIX, type NetworkRouteEnv, V2 } from "./route-env.ts";

/** The core collections `GET /v2.0` names (upstream lists exactly these three). */
const CORE_RESOURCES = [
  ["subnet", "subnets"],
  ["network", "networks"],
  ["port", "ports"],
] as const;

/**
 * Neutron's version documents: `GET /` lists v2.0 (the SDK needs no
 * discovery, it appends `v2.0` to the catalog URL, but other clients read
 * it), `GET /v2.0` lists the core resources.
 */
export function registerNetworkVersionRoutes(app: FastifyInstance, env: NetworkRouteEnv): void {
  app.get(NETWORK_PREFIX, async () => ({
    versions: [
      {
        status: "CURRENT",
        id: "v2.0",
        links: [{ href: `${env.publicUrl()}${V2}/`, rel: "self" }],
      },
    ],
  }));
  app.get(V2, async () => ({
    resources: CORE_RESOURCES.map(([name, collection]) => ({
      links: [{ href: `${env.publicUrl()}${V2}/${collection}`, rel: "self" }],
      name,
      collection,
    })),
  }));
}
