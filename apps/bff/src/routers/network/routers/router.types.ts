import { parseCidr, parseIp, versionOf } from "@zenith/net-rules/ip";
import { z } from "zod";

export const ZRouterGatewaySchema = z.object({
  networkId: z.string(),
  networkName: z.string().nullable(),
  enableSnat: z.boolean().nullable(),
  ips: z.array(z.string()),
});

/** One row of the routers table. */
export const ZRouterRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Neutron's router status: ACTIVE, DOWN, BUILD, ERROR. */
  status: z.string(),
  adminStateUp: z.boolean(),
  projectId: z.string(),
  /** Admin listings across projects only. */
  projectName: z.string().optional(),
  gateway: ZRouterGatewaySchema.nullable(),
  interfaceCount: z.number().int(),
  routeCount: z.number().int(),
  created: z.string().nullable(),
});
export type TRouterRow = z.infer<typeof ZRouterRowSchema>;

export const ZRouteSchema = z.object({ destination: z.string(), nexthop: z.string() });

export const ZRouterInterfaceSchema = z.object({
  portId: z.string(),
  networkId: z.string(),
  networkName: z.string().nullable(),
  subnetId: z.string(),
  subnetName: z.string().nullable(),
  cidr: z.string().nullable(),
  ipAddress: z.string(),
  status: z.string(),
  adminStateUp: z.boolean(),
});

export const ZRouterDetailSchema = ZRouterRowSchema.extend({
  routes: z.array(ZRouteSchema),
  interfaces: z.array(ZRouterInterfaceSchema),
  updated: z.string().nullable(),
});
export type TRouterDetail = z.infer<typeof ZRouterDetailSchema>;

/** What every router mutation answers: the router and the project whose graph changed. */
export const ZRouterRefSchema = z.object({ id: z.string(), name: z.string(), projectId: z.string() });

export const ZRouterName = z.string().trim().max(255, "At most 255 characters.");
export const ZRouterDescription = z.string().max(255, "At most 255 characters.");

/** Neutron's max_routes default. */
export const MAX_ROUTES = 30;

function family(text: string): 4 | 6 | null {
  const parsed = parseIp(text) ?? parseCidr(text);
  return parsed ? versionOf(parsed) : null;
}

export const ZIpAddress = z
  .string()
  .trim()
  .max(64)
  .refine((v) => !v.includes("/") && family(v) !== null, "Enter an IP address such as 10.0.0.5.");

export const ZCidr = z
  .string()
  .trim()
  .max(64)
  .refine(
    (v) => v.includes("/") && family(v) !== null,
    "Enter a network in CIDR form such as 192.168.10.0/24.",
  );

/** One static route: the families of destination and nexthop must match (Neutron's own check follows). */
export const ZRouteInputSchema = z
  .object({ destination: ZCidr, nexthop: ZIpAddress })
  .refine((r) => family(r.destination) === family(r.nexthop), {
    message: "The next hop must be of the same IP version as the destination.",
    path: ["nexthop"],
  });
