import { Address4, Address6 } from "ip-address";
import { invalidInput } from "./errors.ts";

/**
 * Address arithmetic for IPAM, all through `ip-address`: addresses as
 * bigints (IPv6 needs 128 bits), ranges as inclusive [first, last] pairs.
 */
export type IpVersion = 4 | 6;

export interface Ip {
  version: IpVersion;
  value: bigint;
  /** Canonical text (leading zeros stripped, IPv6 compressed). */
  text: string;
}

export interface Cidr {
  version: IpVersion;
  /** Canonical `network/prefix`. */
  text: string;
  prefix: number;
  first: bigint;
  last: bigint;
}

export interface Range {
  first: bigint;
  last: bigint;
}

function parseAddress(text: string): Address4 | Address6 | null {
  if (text.length > 64) return null;
  try {
    if (Address4.isValid(text)) return new Address4(text);
    if (Address6.isValid(text)) return new Address6(text);
  } catch {
    return null;
  }
  return null;
}

/** A single address (no prefix), or null when `text` is none. */
export function tryParseIp(text: string): Ip | null {
  if (text.includes("/")) return null;
  const address = parseAddress(text);
  if (!address) return null;
  return address instanceof Address4
    ? { version: 4, value: address.bigInt(), text: address.correctForm() }
    : { version: 6, value: address.bigInt(), text: address.correctForm() };
}

export function parseIp(text: string, what = "IP address"): Ip {
  const ip = tryParseIp(text);
  if (!ip) throw invalidInput(`'${text}' is not a valid ${what}`);
  return ip;
}

/** A CIDR or, with `allowHost`, a plain address (a /32 or /128). */
export function tryParseCidr(text: string, allowHost = false): Cidr | null {
  if (!text.includes("/") && !allowHost) return null;
  const address = parseAddress(text);
  if (!address) return null;
  const version: IpVersion = address instanceof Address4 ? 4 : 6;
  const start = address.startAddress();
  const first = start.bigInt();
  return {
    version,
    text: `${start.correctForm()}/${address.subnetMask}`,
    prefix: address.subnetMask,
    first,
    last: address.endAddress().bigInt(),
  };
}

/**
 * A subnet's CIDR: valid and in network form, as Neutron requires
 * ("'10.0.0.1/24' isn't a recognized IP subnet cidr, '10.0.0.0/24' is recommended").
 */
export function parseSubnetCidr(text: string): Cidr {
  const cidr = tryParseCidr(text);
  if (!cidr) throw invalidInput(`'${text}' is not a valid IP subnet.`);
  const given = parseAddress(text.split("/")[0] ?? "");
  if (given && given.bigInt() !== cidr.first) {
    throw invalidInput(`'${text}' isn't a recognized IP subnet cidr, '${cidr.text}' is recommended`);
  }
  return cidr;
}

export function ipText(version: IpVersion, value: bigint): string {
  return version === 4 ? Address4.fromBigInt(value).correctForm() : Address6.fromBigInt(value).correctForm();
}

export function inRange(value: bigint, range: Range): boolean {
  return value >= range.first && value <= range.last;
}

export function overlaps(a: Range, b: Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** The addresses a host may hold: IPv4 loses its network and broadcast addresses (except /31 and /32), IPv6 its subnet-router anycast address. */
export function hostRange(cidr: Cidr): Range | null {
  if (cidr.version === 4) {
    if (cidr.prefix >= 31) return { first: cidr.first, last: cidr.last };
    return { first: cidr.first + 1n, last: cidr.last - 1n };
  }
  if (cidr.prefix === 128) return { first: cidr.first, last: cidr.last };
  return { first: cidr.first + 1n, last: cidr.last };
}

/** `ranges` minus the single address `hole`. */
export function punch(ranges: readonly Range[], hole: bigint): Range[] {
  const out: Range[] = [];
  for (const r of ranges) {
    if (!inRange(hole, r)) {
      out.push(r);
      continue;
    }
    if (r.first < hole) out.push({ first: r.first, last: hole - 1n });
    if (hole < r.last) out.push({ first: hole + 1n, last: r.last });
  }
  return out;
}

export function rangeSize(range: Range): bigint {
  return range.last - range.first + 1n;
}

/**
 * The EUI-64 address a SLAAC host forms in a /64: the prefix, then the MAC
 * with ff:fe in its middle and the universal/local bit flipped (RFC 4291).
 */
export function eui64(prefix: Cidr, mac: string): string {
  const octets = mac.split(":").map((h) => BigInt(Number.parseInt(h, 16)));
  const [a = 0n, b = 0n, c = 0n, d = 0n, e = 0n, f = 0n] = octets;
  const iid =
    ((a ^ 2n) << 56n) |
    (b << 48n) |
    (c << 40n) |
    (0xffn << 32n) |
    (0xfen << 24n) |
    (d << 16n) |
    (e << 8n) |
    f;
  return ipText(6, prefix.first | iid);
}
