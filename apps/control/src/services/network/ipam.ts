import { randomInt } from "node:crypto";
import { type IpVersion, inRange, ipText, parseIp, type Range, tryParseIp } from "./addresses.ts";
import type { Tx } from "./deps.ts";
import { invalidInput, ipAddressGenerationFailure, ipAddressInUse } from "./errors.ts";
import { readPools, type Subnet } from "./records.ts";

/**
 * IPAM. The `ip_allocation` primary key (subnet, address) is the only
 * arbiter: an allocation is an `INSERT … ON CONFLICT DO NOTHING`, and an
 * address is ours only if the row went in. A racing transaction holding
 * the same address makes ours wait for its outcome (committed: we pick
 * another; rolled back: the address is ours), so no address is handed out
 * twice and none is lost, whatever the concurrency.
 */

/** Free addresses considered per round; picking among them at random keeps racing creates apart. */
const CANDIDATES = 32;
const ROUNDS = 16;

export function poolsOf(subnet: Pick<Subnet, "allocationPools" | "ipVersion">): Range[] {
  const ranges: Range[] = [];
  for (const pool of readPools(subnet.allocationPools)) {
    const start = tryParseIp(String(pool.start));
    const end = tryParseIp(String(pool.end));
    if (start && end) ranges.push({ first: start.value, last: end.value });
  }
  return ranges;
}

async function insert(tx: Tx, subnet: Subnet, ip: string, portId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ ip_address: string }>>`
    INSERT INTO ip_allocation (subnet_id, ip_address, port_id, network_id)
    VALUES (${subnet.id}, ${ip}, ${portId}, ${subnet.networkId})
    ON CONFLICT DO NOTHING
    RETURNING ip_address`;
  return rows.length === 1;
}

/** Allocates one free address of the subnet's pools to the port. */
export async function allocateAny(tx: Tx, subnet: Subnet, portId: string): Promise<string> {
  const version = subnet.ipVersion as IpVersion;
  const pools = poolsOf(subnet);
  for (let round = 0; round < ROUNDS; round++) {
    const taken = new Set(
      (await tx.ipAllocation.findMany({ where: { subnetId: subnet.id }, select: { ipAddress: true } })).map(
        (a) => a.ipAddress,
      ),
    );
    const free: string[] = [];
    for (const pool of pools) {
      for (let value = pool.first; value <= pool.last && free.length < CANDIDATES; value++) {
        const text = ipText(version, value);
        if (!taken.has(text)) free.push(text);
      }
      if (free.length >= CANDIDATES) break;
    }
    if (free.length === 0) throw ipAddressGenerationFailure(subnet.networkId);
    while (free.length > 0) {
      const [ip] = free.splice(randomInt(free.length), 1);
      if (ip !== undefined && (await insert(tx, subnet, ip, portId))) return ip;
    }
  }
  throw ipAddressGenerationFailure(subnet.networkId);
}

/**
 * Allocates a requested address: it must lie in the subnet (not its
 * network or broadcast address); it may lie outside the pools, as upstream.
 */
export async function allocateSpecific(
  tx: Tx,
  subnet: Subnet,
  address: string,
  portId: string,
  hostRange: Range,
): Promise<string> {
  const ip = parseIp(address);
  if (ip.version !== subnet.ipVersion || !inRange(ip.value, hostRange)) {
    throw invalidInput(`IP address ${address} is not a valid IP for the specified subnet.`);
  }
  if (!(await insert(tx, subnet, ip.text, portId))) throw ipAddressInUse(subnet.networkId, ip.text);
  return ip.text;
}
