import { z } from "zod";
import type { NetworkValidationT } from "@/lib/network/network-form-schemas";
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
export function routesFormSchema(t: NetworkValidationT, attachedCidrs: readonly string[]) {
  const atMost64 = t("atMost", { max: 64 });
  const row = z.object({
    destination: z.string().trim().min(1, t("enterDestination")).max(64, atMost64),
    nexthop: z.string().trim().min(1, t("enterNexthop")).max(64, atMost64),
  });
  return z
    .object({ routes: z.array(row).max(MAX_ROUTES, t("routerMaxRoutes", { max: MAX_ROUTES })) })
    .superRefine(({ routes }, ctx) => {
      const seen = new Set<string>();
      routes.forEach((route, i) => {
        const issue = (field: keyof RouteRow, message: string) =>
          ctx.addIssue({ code: "custom", path: ["routes", i, field], message });
        const network = networkOf(route.destination);
        if (!isCidr(route.destination) || network === null) {
          issue("destination", t("destinationCidr"));
        } else if (network !== route.destination) {
          issue("destination", t("useNetworkAddress", { network }));
        }
        if (!isIpAddress(route.nexthop)) {
          issue("nexthop", t("enterIp", { example: "10.0.0.10" }));
          return;
        }
        if (network !== null && ipVersionOf(route.destination) !== ipVersionOf(route.nexthop)) {
          issue("nexthop", t("sameVersion"));
          return;
        }
        if (attachedCidrs.length === 0) {
          issue("nexthop", t("addInterfaceFirst"));
        } else if (!attachedCidrs.some((cidr) => cidrContains(cidr, route.nexthop))) {
          issue("nexthop", t("notOnSubnet", { cidrs: attachedCidrs.join(", ") }));
        }
        const key = `${route.destination}>${route.nexthop}`;
        if (seen.has(key)) issue("destination", t("routeTwice"));

        seen.add(key);
      });
    });
}

export type RoutesForm = z.infer<ReturnType<typeof routesFormSchema>>;
