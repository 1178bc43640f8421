import { isIPv6 } from "node:net";
import type { PrismaClient } from "@zenith/db/client";

/** One interface of a server as Nova shows it (os-interface and `addresses`). */
export interface InterfaceView {
  portId: string;
  networkId: string;
  networkName: string;
  mac: string;
  status: string;
  /** Fixed addresses with their subnets, in allocation order. */
  fixedIps: Array<{ subnetId: string; ipAddress: string }>;
  /** Floating addresses mapped to one of the fixed ones. */
  floatingIps: Array<{ floatingIp: string; fixedIp: string | null }>;
  securityGroups: Array<{ id: string; name: string }>;
  preserveOnDelete: boolean;
  position: number;
}

/** Nova's network info of each instance: its ports, in interface order (eth0 first). */
export async function interfacesOf(
  prisma: PrismaClient,
  instanceIds: string[],
): Promise<Map<string, InterfaceView[]>> {
  const out = new Map<string, InterfaceView[]>();
  if (instanceIds.length === 0) return out;
  const ports = await prisma.port.findMany({
    where: { deviceId: { in: instanceIds }, deviceOwner: { startsWith: "compute:" } },
    include: {
      network: { select: { name: true } },
      fixedIps: { select: { subnetId: true, ipAddress: true } },
      securityGroups: { include: { securityGroup: { select: { id: true, name: true } } } },
      associatedFips: { select: { floatingIpAddress: true, fixedIpAddress: true } },
      instanceInterface: true,
    },
    orderBy: { createdAt: "asc" },
  });
  for (const p of ports) {
    const view: InterfaceView = {
      portId: p.id,
      networkId: p.networkId,
      networkName: p.network.name,
      mac: p.macAddress,
      status: p.status,
      fixedIps: p.fixedIps,
      floatingIps: p.associatedFips.map((f) => ({
        floatingIp: f.floatingIpAddress,
        fixedIp: f.fixedIpAddress,
      })),
      securityGroups: p.securityGroups.map((s) => s.securityGroup),
      preserveOnDelete: p.instanceInterface?.preserveOnDelete ?? false,
      // Ports bound outside Nova's record (none expected) come last.
      position: p.instanceInterface?.position ?? Number.MAX_SAFE_INTEGER,
    };
    const list = out.get(p.deviceId) ?? [];
    list.push(view);
    out.set(p.deviceId, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.position - b.position);
  return out;
}

export interface ServerAddress {
  version: 4 | 6;
  addr: string;
  "OS-EXT-IPS:type": "fixed" | "floating";
  "OS-EXT-IPS-MAC:mac_addr": string;
}

const versionOf = (addr: string): 4 | 6 => (isIPv6(addr) ? 6 : 4);

/**
 * `addresses` of a server body: by network name, each fixed address
 * followed by the floating addresses mapped to it (Nova's view of its
 * network info cache).
 */
export function addressesOf(interfaces: InterfaceView[]): Record<string, ServerAddress[]> {
  const out: Record<string, ServerAddress[]> = {};
  for (const iface of interfaces) {
    const list = out[iface.networkName] ?? [];
    for (const fixed of iface.fixedIps) {
      list.push({
        version: versionOf(fixed.ipAddress),
        addr: fixed.ipAddress,
        "OS-EXT-IPS:type": "fixed",
        "OS-EXT-IPS-MAC:mac_addr": iface.mac,
      });
      for (const fip of iface.floatingIps) {
        if (fip.fixedIp !== null && fip.fixedIp !== fixed.ipAddress) continue;
        list.push({
          version: versionOf(fip.floatingIp),
          addr: fip.floatingIp,
          "OS-EXT-IPS:type": "floating",
          "OS-EXT-IPS-MAC:mac_addr": iface.mac,
        });
      }
    }
    out[iface.networkName] = list;
  }
  return out;
}

/** `security_groups` of a server body: the groups of its ports, by name, once each. */
export function securityGroupNamesOf(interfaces: InterfaceView[]): Array<{ name: string }> {
  const names = new Set<string>();
  for (const iface of interfaces) for (const g of iface.securityGroups) names.add(g.name);
  return [...names].map((name) => ({ name }));
}
