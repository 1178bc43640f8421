import {
  inSubnet,
  isNetworkAddress,
  networkCidrOf,
  parseCidr,
  parseIp,
  versionOf,
} from "@zenith/net-rules/ip";
import { z } from "zod";
import { ZId } from "../../list.types.ts";

/** Bounds Neutron itself keeps (dns_nameservers ≤ 5 by default, host routes ≤ 20). */
export const MAX_DNS = 5;
export const MAX_POOLS = 20;
export const MAX_ROUTES = 20;

const ZIpText = z
  .string()
  .trim()
  .max(64)
  .refine((v) => parseIp(v) !== null, "Enter an IP address, e.g. 10.0.0.1.");
const ZCidrText = z
  .string()
  .trim()
  .max(64)
  .refine((v) => parseCidr(v) !== null, "Enter a CIDR, e.g. 10.0.1.0/24.");

export const ZAllocationPool = z.object({ start: ZIpText, end: ZIpText });
export const ZHostRoute = z.object({ destination: ZCidrText, nexthop: ZIpText });

/** Subnet attributes that can change after creation (no defaults: an update sends only what is given). */
const editable = {
  name: z.string().trim().max(255, "At most 255 characters."),
  /** null: no gateway. */
  gatewayIp: ZIpText.nullable(),
  enableDhcp: z.boolean(),
  dnsNameservers: z.array(ZIpText).max(MAX_DNS, `At most ${MAX_DNS} DNS servers.`),
  allocationPools: z.array(ZAllocationPool).max(MAX_POOLS, `At most ${MAX_POOLS} pools.`),
  hostRoutes: z.array(ZHostRoute).max(MAX_ROUTES, `At most ${MAX_ROUTES} routes.`),
};

const newSubnet = {
  name: editable.name.default(""),
  cidr: ZCidrText,
  /** Omitted: the first address of the CIDR; null: no gateway. */
  gatewayIp: editable.gatewayIp.optional(),
  enableDhcp: editable.enableDhcp.default(true),
  dnsNameservers: editable.dnsNameservers.default([]),
  allocationPools: editable.allocationPools.default([]),
  hostRoutes: editable.hostRoutes.default([]),
};

interface SubnetCheck {
  cidr: string;
  gatewayIp?: string | null | undefined;
  allocationPools: { start: string; end: string }[];
  dnsNameservers: string[];
}

/**
 * A new subnet: the CIDR must be a network address, and the gateway and
 * pools must lie inside it, checked here so most mistakes come back on
 * their field without a round trip (Neutron checks again: overlaps only it knows).
 */
function checkSubnet(v: SubnetCheck, issue: z.RefinementCtx): void {
  const cidr = parseCidr(v.cidr);
  if (!cidr) return;
  if (!isNetworkAddress(cidr)) {
    issue.addIssue({
      code: "custom",
      path: ["cidr"],
      message: `${v.cidr} is not a network address; use ${networkCidrOf(cidr)}.`,
    });
    return;
  }
  const gateway = v.gatewayIp ? parseIp(v.gatewayIp) : null;
  if (gateway && !inSubnet(gateway, cidr)) {
    issue.addIssue({
      code: "custom",
      path: ["gatewayIp"],
      message: `The gateway must lie inside ${v.cidr}.`,
    });
  }
  v.allocationPools.forEach((pool, i) => {
    const start = parseIp(pool.start);
    const end = parseIp(pool.end);
    if (!start || !end) return;
    if (!inSubnet(start, cidr) || !inSubnet(end, cidr)) {
      issue.addIssue({
        code: "custom",
        path: ["allocationPools", i],
        message: `The pool ${pool.start}-${pool.end} must lie inside ${v.cidr}.`,
      });
    } else if (start.bigInt() > end.bigInt()) {
      issue.addIssue({
        code: "custom",
        path: ["allocationPools", i],
        message: `The pool ${pool.start}-${pool.end} ends before it starts.`,
      });
    }
  });
  v.dnsNameservers.forEach((dns, i) => {
    const ip = parseIp(dns);
    if (ip && versionOf(ip) !== versionOf(cidr)) {
      issue.addIssue({
        code: "custom",
        path: ["dnsNameservers", i],
        message: `Use an IPv${versionOf(cidr)} address.`,
      });
    }
  });
}

/** The first subnet of a new network. */
export const ZSubnetFields = z.object(newSubnet).superRefine(checkSubnet);
export type TSubnetFields = z.infer<typeof ZSubnetFields>;

export const ZSubnetSchema = z.object({
  id: z.string(),
  name: z.string(),
  cidr: z.string(),
  ipVersion: z.number().int(),
  networkId: z.string(),
  projectId: z.string().nullable(),
  gatewayIp: z.string().nullable(),
  enableDhcp: z.boolean(),
  allocationPools: z.array(z.object({ start: z.string(), end: z.string() })),
  dnsNameservers: z.array(z.string()),
  hostRoutes: z.array(z.object({ destination: z.string(), nexthop: z.string() })),
});
export type TSubnet = z.infer<typeof ZSubnetSchema>;

export const ZCreateSubnetRequestSchema = z.object({ networkId: ZId, ...newSubnet }).superRefine(checkSubnet);
export type TCreateSubnetRequest = z.infer<typeof ZCreateSubnetRequestSchema>;

export const ZUpdateSubnetRequestSchema = z.object(editable).partial().extend({ id: ZId });
export type TUpdateSubnetRequest = z.infer<typeof ZUpdateSubnetRequestSchema>;

export const ZDeleteSubnetRequestSchema = z.object({ id: ZId });
