import {
  type Cidr,
  hostRange,
  inRange,
  ipText,
  overlaps,
  parseIp,
  parseSubnetCidr,
  punch,
  type Range,
  tryParseCidr,
} from "./addresses.ts";
import { badRequest, conflict, invalidInput } from "./errors.ts";
import type { AddressPool, HostRoute } from "./records.ts";

/** Upstream's max_dns_nameservers and max_subnet_host_routes. */
export const MAX_DNS_NAMESERVERS = 5;
export const MAX_HOST_ROUTES = 20;
export const MAX_POOLS = 64;

/** A subnet's CIDR, checked against its declared IP version. */
export function subnetCidr(text: string, ipVersion: number | undefined): Cidr {
  const cidr = parseSubnetCidr(text);
  if (ipVersion !== undefined && ipVersion !== cidr.version) {
    throw invalidInput(`Cidr ${text} does not match ip_version ${ipVersion}`);
  }
  if (cidr.prefix === 0) throw invalidInput(`${text} is not allowed as a subnet cidr`);
  return cidr;
}

/** The usable host range; a subnet with no address to hand out is refused. */
export function usableRange(cidr: Cidr): Range {
  const range = hostRange(cidr);
  if (!range || range.first > range.last) throw invalidInput(`Subnet ${cidr.text} has no usable address`);
  return range;
}

/**
 * The gateway: the first host address by default, none when `null`, or the
 * given one, which must be a host address of the subnet ("Gateway is not
 * valid on subnet" otherwise).
 */
export function gatewayOf(cidr: Cidr, requested: string | null | undefined): string | null {
  const hosts = usableRange(cidr);
  if (requested === null) return null;
  if (requested === undefined) {
    // A /31 or /32 (or /127, /128) has no room for a gateway besides its hosts.
    if ((cidr.version === 4 && cidr.prefix >= 31) || (cidr.version === 6 && cidr.prefix >= 127)) return null;
    return ipText(cidr.version, hosts.first);
  }
  const ip = parseIp(requested, "gateway_ip");
  if (ip.version !== cidr.version || !inRange(ip.value, hosts)) {
    throw invalidInput(`Gateway is not valid on subnet`);
  }
  return ip.text;
}

/**
 * Allocation pools: by default the host range minus the gateway; given
 * pools must lie in the host range, not overlap, and leave the gateway
 * out (upstream's OutOfBoundsAllocationPool, OverlappingAllocationPools,
 * GatewayConflictWithAllocationPools).
 */
export function poolsFor(
  cidr: Cidr,
  gateway: string | null,
  requested: AddressPool[] | undefined,
): AddressPool[] {
  const hosts = usableRange(cidr);
  const gatewayValue = gateway === null ? null : parseIp(gateway).value;
  const toPools = (ranges: Range[]) =>
    ranges.map((r) => ({ start: ipText(cidr.version, r.first), end: ipText(cidr.version, r.last) }));
  if (requested === undefined) {
    return toPools(gatewayValue === null ? [hosts] : punch([hosts], gatewayValue));
  }
  if (requested.length > MAX_POOLS) throw invalidInput(`At most ${MAX_POOLS} allocation pools are allowed`);
  const ranges: Range[] = [];
  for (const pool of requested) {
    const start = parseIp(pool.start, "allocation pool start");
    const end = parseIp(pool.end, "allocation pool end");
    const label = `${pool.start}-${pool.end}`;
    if (start.version !== cidr.version || end.version !== cidr.version || start.value > end.value) {
      throw badRequest(`Invalid input for allocation_pools: ${label} is not a valid IP range`);
    }
    const range = { first: start.value, last: end.value };
    if (!inRange(range.first, hosts) || !inRange(range.last, hosts)) {
      throw badRequest(`The allocation pool ${label} spans beyond the subnet cidr ${cidr.text}.`);
    }
    const clash = ranges.find((r) => overlaps(r, range));
    if (clash) {
      throw badRequest(
        `Found overlapping allocation pools: ${ipText(cidr.version, clash.first)}-${ipText(cidr.version, clash.last)} and ${label}.`,
      );
    }
    if (gatewayValue !== null && inRange(gatewayValue, range)) {
      throw conflict(
        "GatewayConflictWithAllocationPools",
        `Gateway ip ${gateway} conflicts with allocation pool ${label}`,
      );
    }
    ranges.push(range);
  }
  return toPools(ranges.sort((a, b) => (a.first < b.first ? -1 : 1)));
}

export function nameserversFor(version: number, requested: string[]): string[] {
  if (requested.length > MAX_DNS_NAMESERVERS) {
    throw badRequest(`The number of DNS nameservers exceeds the limit ${MAX_DNS_NAMESERVERS}.`);
  }
  const seen = new Set<string>();
  for (const text of requested) {
    const ip = parseIp(text, "nameserver");
    if (ip.version !== version) throw invalidInput(`${text} is not an IPv${version} nameserver`);
    if (seen.has(ip.text)) throw invalidInput(`Duplicate nameserver '${text}'`);
    seen.add(ip.text);
  }
  return [...seen];
}

export function hostRoutesFor(version: number, requested: HostRoute[]): HostRoute[] {
  if (requested.length > MAX_HOST_ROUTES) {
    throw badRequest(`The number of host routes exceeds the limit ${MAX_HOST_ROUTES}.`);
  }
  const seen = new Set<string>();
  return requested.map((route) => {
    const destination = tryParseCidr(route.destination);
    const nexthop = parseIp(route.nexthop, "nexthop");
    if (!destination || destination.version !== version || nexthop.version !== version) {
      throw invalidInput(`Invalid host route ${route.destination} via ${route.nexthop}`);
    }
    const key = `${destination.text} ${nexthop.text}`;
    if (seen.has(key)) throw invalidInput(`Duplicate hostroute '${route.destination}'`);
    seen.add(key);
    return { destination: destination.text, nexthop: nexthop.text };
  });
}
