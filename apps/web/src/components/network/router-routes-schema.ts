import { z } from "zod";
import { cidrContains, ipVersionOf, isCidr, isIpAddress, networkOf } from "./router-ip";

/** Neutron's max_routes default. */
export const MAX_ROUTES = 30;

export interface RouteRow {
  destination: string;
  nexthop: string;
}

/**
 * The static-routes editor's schema. Checks what the portal can know
 * before sending: destination is a network in CIDR form (its own network
 * address), nexthop an address of the same family on one of the subnets
 * the router is attached to (Neutron refuses others), no route twice.
 * Errors land on `routes.<i>.destination` / `routes.<i>.nexthop`.
 */
export function routesFormSchema(attachedCidrs: readonly string[]) {
  const row = z.object({
    destination: z.string().trim().min(1, "Enter a destination network.").max(64, "At most 64 characters."),
    nexthop: z.string().trim().min(1, "Enter the next hop address.").max(64, "At most 64 characters."),
  });
  return z
    .object({ routes: z.array(row).max(MAX_ROUTES, `A router holds at most ${MAX_ROUTES} routes.`) })
    .superRefine(({ routes }, ctx) => {
      const seen = new Set<string>();
      routes.forEach((route, i) => {
        const issue = (field: keyof RouteRow, message: string) =>
          ctx.addIssue({ code: "custom", path: ["routes", i, field], message });
        const network = networkOf(route.destination);
        if (!isCidr(route.destination) || network === null) {
          issue("destination", "Enter a network in CIDR form, such as 192.168.10.0/24.");
        } else if (network !== route.destination) {
          issue("destination", `Use the network address: ${network}.`);
        }
        if (!isIpAddress(route.nexthop)) {
          issue("nexthop", "Enter an IP address, such as 10.0.0.10.");
          return;
        }
        if (network !== null && ipVersionOf(route.destination) !== ipVersionOf(route.nexthop)) {
          issue("nexthop", "Use an address of the same IP version as the destination.");
          return;
        }
        if (attachedCidrs.length === 0) {
          issue(
            "nexthop",
            "Add an interface first: the next hop must be on a subnet the router is attached to.",
          );
        } else if (!attachedCidrs.some((cidr) => cidrContains(cidr, route.nexthop))) {
          issue("nexthop", `Not on a subnet of this router (${attachedCidrs.join(", ")}).`);
        }
        const key = `${route.destination}>${route.nexthop}`;
        if (seen.has(key)) issue("destination", "This route is listed twice.");
        seen.add(key);
      });
    });
}

export type RoutesForm = z.infer<ReturnType<typeof routesFormSchema>>;
