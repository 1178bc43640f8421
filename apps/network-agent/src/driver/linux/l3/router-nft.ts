/**
 * A router's NAT and traffic counters as one nftables table (family `ip`)
 * in its namespace: floating IPs DNAT floating→fixed on the way in (and for
 * the router's own packets), SNAT fixed→floating on the way out of the
 * gateway, then the interfaces' subnets SNAT to the gateway address when
 * `enableSnat`. Only packets leaving through the gateway are rewritten:
 * traffic between the router's own subnets keeps its addresses, except a
 * floating IP reached from inside (hairpin), which is SNATed to the gateway
 * address as Neutron does. Replies follow conntrack.
 *
 * Metering: named counters (router-counters.ts reads them all with one
 * `nft` per namespace). They are not on the NAT rules: a NAT chain sees only
 * the first packet of each connection. Filter chains count every packet:
 * the gateway's bytes in (prerouting, before anything may drop them) and
 * out (postrouting, after SNAT), and per floating IP the bytes crossing the
 * gateway to and from its fixed address (forward, where DNAT has already
 * turned the floating address into the fixed one and SNAT has not yet).
 *
 * The table is kept, not deleted, when the rules change: its chains are
 * flushed and refilled and its counters declared again (a no-op for one that
 * exists), all in one atomic `nft -f`, so a new floating IP or interface
 * does not reset the other counters. Counters of floating IPs gone are
 * deleted by `deleteStaleCounters` once no rule refers to them.
 */
import type { RouterSpec } from "@zenith/agent-protocol/network";
import { isIPv4, networkOf } from "./ipmath.ts";
import { ROUTER_NAT_TABLE, routerGatewayDevice } from "./names.ts";

/** Counter names; the id after the prefix is the floating IP's. */
export const ROUTER_IN_COUNTER = "router-in";
export const ROUTER_OUT_COUNTER = "router-out";
export const FIP_IN_PREFIX = "fip-in-";
export const FIP_OUT_PREFIX = "fip-out-";

interface Chain {
  name: string;
  declaration: string;
  rules: string[];
}

/** The counters a router's table holds (what `renderRouterNat` declares). */
export function routerCounterNames(spec: RouterSpec): string[] {
  if (!gatewayOf(spec)) return [];
  return [
    ROUTER_IN_COUNTER,
    ROUTER_OUT_COUNTER,
    ...floatingIpsOf(spec)
      .filter(metered)
      .flatMap((f) => [FIP_IN_PREFIX + f.id, FIP_OUT_PREFIX + f.id]),
  ];
}

export function renderRouterNat(spec: RouterSpec): string {
  const prerouting: string[] = [];
  const postrouting: string[] = [];
  const meterIn: string[] = [];
  const meterForward: string[] = [];
  const meterOut: string[] = [];
  const gw = gatewayOf(spec);
  if (gw) {
    const qg = gw.device;
    const fips = floatingIpsOf(spec);
    meterIn.push(`iifname "${qg}" counter name "${ROUTER_IN_COUNTER}"`);
    meterOut.push(`oifname "${qg}" counter name "${ROUTER_OUT_COUNTER}"`);
    for (const f of fips) {
      prerouting.push(`ip daddr ${f.floatingIp} dnat to ${f.fixedIp}`);
      postrouting.push(`oifname "${qg}" ip saddr ${f.fixedIp} snat to ${f.floatingIp}`);
      if (!metered(f)) continue;
      meterForward.push(`iifname "${qg}" ip daddr ${f.fixedIp} counter name "${FIP_IN_PREFIX}${f.id}"`);
      meterForward.push(`oifname "${qg}" ip saddr ${f.fixedIp} counter name "${FIP_OUT_PREFIX}${f.id}"`);
    }
    if (fips.length > 0) {
      // Hairpin: a guest reaching a floating IP from inside was DNATed without crossing the gateway;
      // without this its peer would answer it directly, from the fixed address it never asked.
      postrouting.push(`iifname != "${qg}" ct status dnat snat to ${gw.address}`);
    }
    if (spec.enableSnat) {
      const subnets = new Set(
        spec.interfaces.flatMap((i) =>
          i.fixedIps.filter((f) => f.ipVersion === 4).map((f) => networkOf(f.address, f.prefixLength)),
        ),
      );
      for (const s of [...subnets].sort())
        postrouting.push(`oifname "${qg}" ip saddr ${s} snat to ${gw.address}`);
    }
  }
  const chains: Chain[] = [
    { name: "prerouting", declaration: "type nat hook prerouting priority dstnat", rules: prerouting },
    { name: "output", declaration: "type nat hook output priority -100", rules: prerouting },
    { name: "postrouting", declaration: "type nat hook postrouting priority srcnat", rules: postrouting },
    { name: "meter-in", declaration: "type filter hook prerouting priority raw", rules: meterIn },
    { name: "meter-forward", declaration: "type filter hook forward priority filter", rules: meterForward },
    { name: "meter-out", declaration: "type filter hook postrouting priority 300", rules: meterOut },
  ];
  const table = `table ip ${ROUTER_NAT_TABLE}`;
  return [
    // Declares what is missing (an existing counter keeps its values), then refills every chain.
    `${table} {`,
    ...routerCounterNames(spec).flatMap((c) => [`  counter ${c} {`, "  }"]),
    ...chains.flatMap((c) => [`  chain ${c.name} {`, `    ${c.declaration}; policy accept;`, "  }"]),
    "}",
    ...chains.map((c) => `flush chain ip ${ROUTER_NAT_TABLE} ${c.name}`),
    `${table} {`,
    ...chains.flatMap((c) => [`  chain ${c.name} {`, ...c.rules.map((r) => `    ${r}`), "  }"]),
    "}",
    "",
  ].join("\n");
}

/** Deletes counters the table holds but the spec no longer declares (run after the rules stopped using them). */
export function deleteStaleCounters(spec: RouterSpec, present: readonly string[]): string {
  const wanted = new Set(routerCounterNames(spec));
  return present
    .filter((c) => !wanted.has(c))
    .map((c) => `delete counter ip ${ROUTER_NAT_TABLE} ${c}\n`)
    .join("");
}

/** The counter names a stateless listing (`nft -s list table`) declares. */
export function countersInListing(listing: string): string[] {
  return [...listing.matchAll(/^\s*counter ("?)([A-Za-z0-9_.-]+)\1 \{$/gm)].flatMap((m) =>
    m[2] === undefined ? [] : [m[2]],
  );
}

/** An id becomes part of a counter name: only ids nft takes as they are (Neutron's are UUIDs) get one. */
const metered = (f: { id: string }): boolean => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(f.id);

function gatewayOf(spec: RouterSpec): { device: string; address: string } | undefined {
  const gw = spec.gateway;
  const address = gw?.fixedIps.find((f) => f.ipVersion === 4)?.address;
  return gw && address ? { device: routerGatewayDevice(gw.portId), address } : undefined;
}

function floatingIpsOf(spec: RouterSpec): RouterSpec["floatingIps"] {
  return [...spec.floatingIps]
    .filter((f) => isIPv4(f.floatingIp) && isIPv4(f.fixedIp))
    .sort((a, b) => a.floatingIp.localeCompare(b.floatingIp));
}
