/**
 * Prefix arithmetic of subnet pools (Neutron's subnet_allocation): parsing
 * and normalizing CIDRs, merging a pool's prefixes as netaddr.cidr_merge
 * does, and finding a free block of a given length. All address math goes
 * through ip-address; only comparisons of its bigint values happen here.
 */

import { Address4, Address6 } from "ip-address";
import { invalidInput } from "../errors.ts";

export type IpVersion = 4 | 6;

/** A normalized CIDR: its network form and its first and last address. */
export interface Prefix {
  version: IpVersion;
  cidr: string;
  length: number;
  first: bigint;
  last: bigint;
}

const BITS: Record<IpVersion, number> = { 4: 32, 6: 128 };

export const maxPrefixlenOf = (version: IpVersion): number => BITS[version];
/** Neutron's default min_prefixlen when a pool names none (SubnetPoolHelper). */
export const defaultMinPrefixlenOf = (version: IpVersion): number => (version === 4 ? 8 : 64);

function address(text: string): Address4 | Address6 {
  if (Address4.isValid(text)) return new Address4(text);
  if (Address6.isValid(text)) return new Address6(text);
  throw invalidInput(`'${text}' is not a valid IP subnet`);
}

function prefixOf(addr: Address4 | Address6): Prefix {
  const version: IpVersion = addr instanceof Address4 ? 4 : 6;
  const start = addr.startAddress();
  return {
    version,
    cidr: `${start.correctForm()}/${addr.subnetMask}`,
    length: addr.subnetMask,
    first: start.bigInt(),
    last: addr.endAddress().bigInt(),
  };
}

/** "10.0.0.1/8" → 10.0.0.0/8 (host bits dropped, as Neutron does for pool prefixes). */
export function parsePrefix(text: string): Prefix {
  if (!text.includes("/")) throw invalidInput(`'${text}' is not a valid IP subnet`);
  return prefixOf(address(text));
}

/** The block of `length` bits that starts at address value `first`. */
function blockAt(version: IpVersion, first: bigint, length: number): Prefix {
  const start = version === 4 ? Address4.fromBigInt(first) : Address6.fromBigInt(first);
  return prefixOf(address(`${start.correctForm()}/${length}`));
}

export const overlaps = (a: Prefix, b: Prefix): boolean =>
  a.version === b.version && a.first <= b.last && b.first <= a.last;

export const contains = (outer: Prefix, inner: Prefix): boolean =>
  outer.version === inner.version && outer.first <= inner.first && inner.last <= outer.last;

const byStart = (a: Prefix, b: Prefix): number =>
  a.first < b.first ? -1 : a.first > b.first ? 1 : a.length - b.length;

/**
 * The smallest list of CIDRs covering exactly the union of `prefixes`
 * (netaddr.cidr_merge): contained prefixes drop out and adjacent sibling
 * blocks join into their parent, repeatedly.
 */
export function mergePrefixes(prefixes: readonly Prefix[]): Prefix[] {
  let list = [...prefixes].sort(byStart);
  for (;;) {
    const out: Prefix[] = [];
    let changed = false;
    for (const p of list) {
      const prev = out.at(-1);
      if (prev && contains(prev, p)) {
        changed = true;
        continue;
      }
      if (prev && prev.length === p.length && prev.length > 0 && prev.last + 1n === p.first) {
        const parent = blockAt(p.version, prev.first, prev.length - 1);
        if (parent.first === prev.first && parent.last === p.last) {
          out[out.length - 1] = parent;
          changed = true;
          continue;
        }
      }
      out.push(p);
    }
    list = out;
    if (!changed) return list;
  }
}

/** The one IP version of a pool's prefixes; mixing is refused as Neutron does. */
export function versionOf(prefixes: readonly Prefix[]): IpVersion {
  const first = prefixes[0];
  if (!first) throw invalidInput("A subnet pool needs at least one prefix");
  if (prefixes.some((p) => p.version !== first.version)) {
    throw invalidInput("Cannot mix IPv4 and IPv6 prefixes in a subnet pool.");
  }
  return first.version;
}

/**
 * The lowest free block of `length` bits inside the pool's prefixes that
 * overlaps none of `used`; null when the pool has no room left.
 * Skips past each used block instead of stepping block by block, so the
 * cost grows with the number of allocations, not with the pool's size.
 */
export function firstFreeBlock(
  pool: readonly Prefix[],
  used: readonly Prefix[],
  length: number,
): Prefix | null {
  const taken = [...used].sort(byStart);
  for (const outer of [...pool].sort(byStart)) {
    if (outer.length > length) continue;
    let candidate: Prefix | null = blockAt(outer.version, outer.first, length);
    while (candidate && contains(outer, candidate)) {
      const current: Prefix = candidate;
      const clash = taken.find((u) => overlaps(u, current));
      if (!clash) return current;
      // The next aligned block after whichever ends later: the clash or the candidate.
      const after = laterOf(clash.last, current.last);
      candidate =
        after >= outer.last
          ? null
          : blockAt(outer.version, alignedAfter(outer.version, after, length), length);
    }
  }
  return null;
}

/** Math.max for bigints (which Math.max refuses). */
function laterOf(a: bigint, b: bigint): bigint {
  if (a > b) return a;
  return b;
}

/** The first address of the first `length`-bit block that starts after `value`. */
function alignedAfter(version: IpVersion, value: bigint, length: number): bigint {
  const containing = blockAt(version, value, length);
  return containing.last + 1n;
}
