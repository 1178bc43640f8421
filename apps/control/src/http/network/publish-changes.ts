import type { FastifyInstance } from "fastify";
import type { NetworkPublisher } from "../../services/network/hub/hub.ts";
import { NETWORK_PREFIX } from "./route-env.ts";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Any successful change through the Network API (a port, subnet, network,
 * router, floating IP or security group) may change what some network
 * agent must apply: the hub recomputes every host's state and sends only
 * what differs, and bursts coalesce into one computation. One hook here
 * instead of a call in every service keeps a new route from forgetting it.
 */
export function publishNetworkApiChanges(app: FastifyInstance, publisher: NetworkPublisher): void {
  app.addHook("onResponse", async (request, reply) => {
    if (READS.has(request.method) || reply.statusCode >= 400) return;
    if (!request.url.startsWith(`${NETWORK_PREFIX}/`)) return;
    publisher.networkChanged();
  });
}
