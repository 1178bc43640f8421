import type { PrismaClient } from "@zenith/db/client";
import { z } from "zod";
import { isNetworkHostAlive } from "./liveness.ts";

/** Device owners of the ports a network host wires or serves. */
export const OWNER = {
  dhcp: "network:dhcp",
  routerGateway: "network:router_gateway",
  routerInterface: "network:router_interface",
  floatingIp: "network:floatingip",
  computePrefix: "compute:",
} as const;

export const isComputePort = (p: { deviceOwner: string }): boolean =>
  p.deviceOwner.startsWith(OWNER.computePrefix);

async function loadPorts(prisma: PrismaClient, networkIds: string[]) {
  return prisma.port.findMany({
    where: { networkId: { in: networkIds } },
    include: {
      fixedIps: { select: { subnetId: true, ipAddress: true } },
      securityGroups: { select: { securityGroupId: true } },
    },
    orderBy: { id: "asc" },
  });
}
export type SnapshotPort = Awaited<ReturnType<typeof loadPorts>>[number];

async function loadNetworks(prisma: PrismaClient, ids: string[]) {
  return prisma.network.findMany({ where: { id: { in: ids } }, include: { subnets: true } });
}
export type SnapshotNetwork = Awaited<ReturnType<typeof loadNetworks>>[number];

async function loadRouters(prisma: PrismaClient) {
  return prisma.router.findMany({
    where: { host: { not: null } },
    include: { floatingIps: true },
    orderBy: { id: "asc" },
  });
}
export type SnapshotRouter = Awaited<ReturnType<typeof loadRouters>>[number];

/** A security group rule with the remote group already resolved to the members' addresses. */
export interface SnapshotRule {
  direction: string;
  ethertype: string;
  protocol: string | null;
  portRangeMin: number | null;
  portRangeMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroupId: string | null;
}

/**
 * Everything the desired states of all network hosts are built from, read
 * once per publication: a host's state depends on other hosts (VXLAN peers,
 * remote-group members), so they are computed together from one reading.
 */
export interface NetworkSnapshot {
  hosts: Array<{ id: string; host: string; tunnelIp: string; driver: string; alive: boolean }>;
  networks: Map<string, SnapshotNetwork>;
  /** Every port of every network some host carries. */
  ports: SnapshotPort[];
  /** Routers placed on a host. */
  routers: SnapshotRouter[];
  rules: Map<string, SnapshotRule[]>;
  /** Member addresses of remote groups (fixed IPs and allowed address pairs). */
  groupMembers: Map<string, Array<{ address: string; fromPair: boolean }>>;
  /** Host names of the instances owning compute ports. */
  instanceHostnames: Map<string, string>;
}

export async function loadSnapshot(prisma: PrismaClient, now = new Date()): Promise<NetworkSnapshot> {
  const hostRows = await prisma.networkHost.findMany({ orderBy: { host: "asc" } });
  const hosts = hostRows.map((h) => ({
    id: h.id,
    host: h.host,
    tunnelIp: h.tunnelIp,
    driver: h.driver,
    alive: isNetworkHostAlive(h, now),
  }));
  const names = hosts.map((h) => h.host);
  const routers = await loadRouters(prisma);
  const bound = await prisma.port.findMany({
    where: {
      OR: [
        { bindingHost: { in: names } },
        { deviceId: { in: routers.map((r) => r.id) }, deviceOwner: { startsWith: "network:router" } },
      ],
    },
    select: { networkId: true },
    distinct: ["networkId"],
  });
  const networkIds = bound.map((p) => p.networkId);
  const [networks, ports] = await Promise.all([
    loadNetworks(prisma, networkIds),
    loadPorts(prisma, networkIds),
  ]);
  const groupIds = [...new Set(ports.flatMap((p) => p.securityGroups.map((g) => g.securityGroupId)))];
  const ruleRows = await prisma.securityGroupRule.findMany({
    where: { securityGroupId: { in: groupIds } },
    orderBy: { id: "asc" },
  });
  const rules = new Map<string, SnapshotRule[]>();
  for (const r of ruleRows) rules.set(r.securityGroupId, [...(rules.get(r.securityGroupId) ?? []), r]);
  const remoteIds = [...new Set(ruleRows.flatMap((r) => (r.remoteGroupId ? [r.remoteGroupId] : [])))];
  const members = await prisma.portSecurityGroup.findMany({
    where: { securityGroupId: { in: remoteIds } },
    include: { port: { select: { allowedAddressPairs: true, fixedIps: { select: { ipAddress: true } } } } },
  });
  const groupMembers = new Map<string, Array<{ address: string; fromPair: boolean }>>();
  for (const m of members) {
    const list = groupMembers.get(m.securityGroupId) ?? [];
    for (const ip of m.port.fixedIps) list.push({ address: ip.ipAddress, fromPair: false });
    for (const pair of addressPairsOf(m.port.allowedAddressPairs)) {
      list.push({ address: pair.ip_address, fromPair: true });
    }
    groupMembers.set(m.securityGroupId, list);
  }
  const instanceIds = [...new Set(ports.filter(isComputePort).map((p) => p.deviceId))].filter(Boolean);
  const instances = await prisma.instance.findMany({
    where: { id: { in: instanceIds } },
    select: { id: true, hostname: true },
  });
  return {
    hosts,
    networks: new Map(networks.map((n) => [n.id, n])),
    ports,
    routers,
    rules,
    groupMembers,
    instanceHostnames: new Map(instances.map((i) => [i.id, i.hostname])),
  };
}

const ZAddressPair = z.object({ ip_address: z.string().min(1).max(64), mac_address: z.string().optional() });
type AddressPair = z.infer<typeof ZAddressPair>;

/** allowed_address_pairs as stored by the ports API; a malformed entry is ignored rather than sent. */
export function addressPairsOf(raw: unknown): AddressPair[] {
  const list = z.array(z.unknown()).catch([]).parse(raw);
  return list.flatMap((p) => {
    const pair = ZAddressPair.safeParse(p);
    return pair.success ? [pair.data] : [];
  });
}
