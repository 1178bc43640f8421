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

/** One compute port as the interfaces query gives it. */
type InterfaceJson = Omit<InterfaceView, "preserveOnDelete" | "position"> & {
  deviceId: string;
  preserveOnDelete: boolean | null;
  position: number | null;
};

/**
 * Nova's network info of each instance: its ports, in interface order
 * (eth0 first). One query for any number of instances, the ports with
 * their addresses, groups and floating IPs as one JSON document (see
 * json-rows.ts: a `servers/detail` of hundreds of servers reads this).
 */
export async function interfacesOf(
  prisma: PrismaClient,
  instanceIds: string[],
): Promise<Map<string, InterfaceView[]>> {
  const out = new Map<string, InterfaceView[]>();
  if (instanceIds.length === 0) return out;
  const rows = await prisma.$queryRaw<Array<{ doc: InterfaceJson[] }>>`
    SELECT coalesce(json_agg(x ORDER BY x.created_at, x."portId"), '[]'::json) AS doc FROM (
      SELECT p.id AS "portId", p.device_id AS "deviceId", p.network_id AS "networkId",
        n.name AS "networkName", p.mac_address AS mac, p.status, p.created_at,
        ii.preserve_on_delete AS "preserveOnDelete", ii.position,
        coalesce((SELECT json_agg(json_build_object('subnetId', a.subnet_id, 'ipAddress', a.ip_address))
          FROM ip_allocation a WHERE a.port_id = p.id), '[]'::json) AS "fixedIps",
        coalesce((SELECT json_agg(json_build_object('floatingIp', f.floating_ip_address, 'fixedIp', f.fixed_ip_address))
          FROM floating_ip f WHERE f.port_id = p.id), '[]'::json) AS "floatingIps",
        coalesce((SELECT json_agg(json_build_object('id', g.id, 'name', g.name))
          FROM port_security_group psg JOIN security_group g ON g.id = psg.security_group_id
          WHERE psg.port_id = p.id), '[]'::json) AS "securityGroups"
      FROM port p
        JOIN network n ON n.id = p.network_id
        LEFT JOIN instance_interface ii ON ii.port_id = p.id
      WHERE p.device_id IN (SELECT unnest(${instanceIds}::text[])) AND p.device_owner LIKE 'compute:%'
    ) x`;
  for (const p of rows[0]?.doc ?? []) {
    const view: InterfaceView = {
      portId: p.portId,
      networkId: p.networkId,
      networkName: p.networkName,
      mac: p.mac,
      status: p.status,
      fixedIps: p.fixedIps,
      floatingIps: p.floatingIps,
      securityGroups: p.securityGroups,
      preserveOnDelete: p.preserveOnDelete ?? false,
      // Ports bound outside Nova's record (none expected) come last.
      position: p.position ?? Number.MAX_SAFE_INTEGER,
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
