import type { Prisma } from "@zenith/db/client";
import { normalizeCidr } from "./cidr.ts";
import { inSubnet } from "./device-ports.ts";
import { invalid } from "./faults.ts";

type Tx = Prisma.TransactionClient;

/** Neutron's max_routes default. */
export const MAX_ROUTES = 30;

export interface StaticRoute {
  destination: string;
  nexthop: string;
}

function invalidRoutes(routes: StaticRoute[], reason: string) {
  return invalid("InvalidRoutes", `Invalid format for routes: ${JSON.stringify(routes)}, ${reason}`);
}

/**
 * Upstream's extraroute checks: each nexthop must lie on a subnet the
 * router is connected to and must not be one of the router's own
 * addresses; at most MAX_ROUTES routes. Normalizes destinations in place.
 */
export async function validateRoutes(tx: Tx, routerId: string, routes: StaticRoute[]): Promise<void> {
  if (routes.length > MAX_ROUTES) {
    throw invalid(
      "RoutesExhausted",
      `Unable to complete operation for ${routerId}. The number of routes exceeds the maximum ${MAX_ROUTES}.`,
    );
  }
  const ports = await tx.port.findMany({
    where: {
      deviceId: routerId,
      deviceOwner: { in: ["network:router_interface", "network:router_gateway"] },
    },
    include: { fixedIps: { include: { subnet: true } } },
  });
  const allocations = ports.flatMap((p) => p.fixedIps);
  for (const route of routes) {
    const destination = normalizeCidr(route.destination);
    if (destination === null) throw invalidRoutes(routes, `${route.destination} is not a valid CIDR`);
    route.destination = destination;
    if (allocations.some((a) => a.ipAddress === route.nexthop)) {
      throw invalidRoutes(routes, "the nexthop is used by router");
    }
    if (!allocations.some((a) => inSubnet(a.subnet, route.nexthop))) {
      throw invalidRoutes(routes, "the nexthop is not connected with router");
    }
  }
}
