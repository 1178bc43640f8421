import { type Ip, overlaps, parseCidr } from "@zenith/net-rules/ip";
import { Address4 } from "ip-address";
import type { Cloud } from "../cloud/clients.ts";
import { type NetworkScope, projectOf } from "./network-dto.ts";

/** RFC 1918 ranges, in the order suggestions are drawn from. */
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

/** Candidates examined per range: bounds the work whatever the number of subnets. */
const MAX_STEPS = 4096;

/**
 * A few free private IPv4 CIDRs of `prefixLength` that overlap none of
 * `used` (the subnets the project can see). Draws up to two from each
 * range so the choice is varied, then tops up from the first ranges.
 */
export function suggestCidrs(used: readonly string[], prefixLength: number, count = 4): string[] {
  const taken = used.map(parseCidr).filter((c): c is Ip => c !== null);
  const perRange = PRIVATE_RANGES.map((range) => freeIn(range, prefixLength, taken, count));
  const out: string[] = [];
  for (const list of perRange) out.push(...list.slice(0, 2));
  for (const list of perRange) for (const cidr of list.slice(2)) out.push(cidr);
  return [...new Set(out)].slice(0, count);
}

function freeIn(range: string, prefixLength: number, taken: readonly Ip[], count: number): string[] {
  const outer = new Address4(range);
  if (prefixLength < outer.subnetMask || prefixLength > 30) return [];
  const end = outer.endAddress().bigInt();
  const found: string[] = [];
  let candidate = new Address4(`${outer.startAddress().correctForm()}/${prefixLength}`);
  for (let step = 0; step < MAX_STEPS && found.length < count; step++) {
    if (candidate.startAddress().bigInt() > end) break;
    const clash = taken.some((t) => overlaps(t, candidate));
    if (!clash) found.push(`${candidate.startAddress().correctForm()}/${prefixLength}`);
    candidate = candidate.nextNetwork();
  }
  return found;
}

/**
 * Suggestions for a new subnet of the session's project: the subnets it
 * can see are its own, shared networks' and external networks' (an admin's
 * token sees every project's, so those are narrowed to the same set).
 */
export async function cidrSuggestionsFor(
  cloud: Cloud,
  scope: NetworkScope,
  prefixLength: number,
  count: number,
): Promise<string[]> {
  const neutron = await cloud.neutron();
  if (!scope.isAdmin) {
    const subnets = await neutron.subnets.listAll();
    return suggestCidrs(
      subnets.map((s) => s.cidr),
      prefixLength,
      count,
    );
  }
  const [subnets, networks] = await Promise.all([neutron.subnets.listAll(), neutron.networks.listAll()]);
  const visible = new Set(
    networks
      .filter((n) => projectOf(n) === scope.projectId || n.shared || n["router:external"] === true)
      .map((n) => n.id),
  );
  return suggestCidrs(
    subnets.filter((s) => visible.has(s.network_id)).map((s) => s.cidr),
    prefixLength,
    count,
  );
}
