import type { Prisma } from "@zenith/db/client";
import { z } from "zod";

/** A subnet row. */
export type Subnet = Prisma.SubnetGetPayload<object>;

/** A network with the ids of its subnets (rendered as `subnets`). */
export const NETWORK_INCLUDE = {
  subnets: { select: { id: true }, orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.NetworkInclude;
export type NetworkRecord = Prisma.NetworkGetPayload<{ include: typeof NETWORK_INCLUDE }>;

/** A subnet with the flags of its network that decide who sees it. */
export const SUBNET_INCLUDE = {
  network: { select: { projectId: true, shared: true, external: true } },
} as const satisfies Prisma.SubnetInclude;
export type SubnetRecord = Prisma.SubnetGetPayload<{ include: typeof SUBNET_INCLUDE }>;

/** A port with its addresses, security groups and the owner of its network. */
export const PORT_INCLUDE = {
  fixedIps: { select: { subnetId: true, ipAddress: true } },
  securityGroups: { select: { securityGroupId: true } },
  network: { select: { projectId: true } },
} as const satisfies Prisma.PortInclude;
export type PortRecord = Prisma.PortGetPayload<{ include: typeof PORT_INCLUDE }>;

/** Neutron's device owners that matter to the core API. */
export const DEVICE_OWNER = {
  dhcp: "network:dhcp",
  routerInterface: "network:router_interface",
  routerGateway: "network:router_gateway",
  floatingIp: "network:floatingip",
} as const;

/**
 * Ports removed with their network instead of blocking its deletion
 * (upstream's AUTO_DELETE_PORT_OWNERS); a router's interface or gateway
 * keeps a network in use, as upstream.
 */
export const AUTO_DELETE_PORT_OWNERS: readonly string[] = [
  DEVICE_OWNER.dhcp,
  "network:distributed",
  "network:floatingip_agent_gateway",
];

/** Ports the port API may not delete: their router or floating IP owns them (upstream ServicePortInUse). */
export const SERVICE_PORT_OWNERS: readonly string[] = [
  DEVICE_OWNER.routerInterface,
  DEVICE_OWNER.routerGateway,
  DEVICE_OWNER.floatingIp,
];

/** Owners that may hold a subnet's gateway address. */
export const GATEWAY_OWNERS: readonly string[] = [
  DEVICE_OWNER.routerInterface,
  "network:router_interface_distributed",
];

// Type aliases, not interfaces: they are assignable to Prisma's JSON input type as they are.
export type AddressPool = { start: string; end: string };
export type HostRoute = { destination: string; nexthop: string };
export type AddressPair = { ip_address: string; mac_address: string };

const ZPools = z.array(z.object({ start: z.string(), end: z.string() }));
const ZRoutes = z.array(z.object({ destination: z.string(), nexthop: z.string() }));
const ZPairs = z.array(z.object({ ip_address: z.string(), mac_address: z.string() }));
const ZProfile = z.record(z.string(), z.unknown());

/** JSON columns read back through zod: a malformed value reads as empty rather than breaking a list. */
export const readPools = (json: Prisma.JsonValue): AddressPool[] => ZPools.catch([]).parse(json);
export const readRoutes = (json: Prisma.JsonValue): HostRoute[] => ZRoutes.catch([]).parse(json);
export const readPairs = (json: Prisma.JsonValue): AddressPair[] => ZPairs.catch([]).parse(json);
export const readProfile = (json: Prisma.JsonValue): Record<string, unknown> =>
  ZProfile.catch({}).parse(json);
