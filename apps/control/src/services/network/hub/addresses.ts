import { Address4, Address6 } from "ip-address";
import { z } from "zod";

/** The prefix length of a subnet's CIDR ("10.0.0.0/24" → 24). */
export function prefixLengthOf(cidr: string): number {
  return Address4.isValid(cidr) ? new Address4(cidr).subnetMask : new Address6(cidr).subnetMask;
}

/** 4 or 6; null when `address` is neither. */
export function ipVersionOf(address: string): 4 | 6 | null {
  if (Address4.isValid(address)) return 4;
  if (Address6.isValid(address)) return 6;
  return null;
}

/** Neutron's DHCP host name for a port with no name of its own: "host-10-0-0-5". */
export function defaultHostname(address: string): string {
  return `host-${address.replace(/[.:]/g, "-")}`;
}

/** An instance's host name as a DNS label dnsmasq accepts (at most 63 characters). */
export function dnsLabel(name: string): string | null {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return label === "" ? null : label;
}

const ZPool = z.object({ start: z.string(), end: z.string() });
export const ZAllocationPools = z.array(ZPool).catch([]);

/**
 * The first address of a v4 subnet's allocation pools that is not in
 * `used` (nor the gateway), or null when the pools are full. Pools come
 * from the API, already validated to lie inside the subnet.
 */
export function firstFreeV4(
  subnet: { cidr: string; gatewayIp: string | null; allocationPools: unknown },
  used: ReadonlySet<string>,
): string | null {
  const pools = ZAllocationPools.parse(subnet.allocationPools);
  const ranges =
    pools.length > 0
      ? pools.flatMap((p) =>
          Address4.isValid(p.start) && Address4.isValid(p.end)
            ? [{ from: new Address4(p.start).bigInt(), to: new Address4(p.end).bigInt() }]
            : [],
        )
      : defaultPool(subnet.cidr);
  for (const { from, to } of ranges) {
    for (let n = from; n <= to; n++) {
      const candidate = Address4.fromBigInt(n).correctForm();
      if (!used.has(candidate) && candidate !== subnet.gatewayIp) return candidate;
    }
  }
  return null;
}

/** Neutron's default pool: the whole subnet but its network and broadcast addresses. */
function defaultPool(cidr: string): Array<{ from: bigint; to: bigint }> {
  if (!Address4.isValid(cidr)) return [];
  const net = new Address4(cidr);
  const from = net.startAddressExclusive().bigInt();
  const to = net.endAddressExclusive().bigInt();
  return from <= to ? [{ from, to }] : [];
}
