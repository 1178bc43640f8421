/**
 * A router's NAT as one nftables table (family `ip`) in its namespace:
 * floating IPs DNAT floating→fixed on the way in (and for the router's own
 * packets), SNAT fixed→floating on the way out of the gateway, then the
 * interfaces' subnets SNAT to the gateway address when `enableSnat`. Only
 * packets leaving through the gateway are rewritten: traffic between the
 * router's own subnets keeps its addresses, except a floating IP reached
 * from inside (hairpin), which is SNATed to the gateway address as
 * Neutron does. Replies follow conntrack.
 */
import type { RouterSpec } from "@zenith/agent-protocol/network";
import { isIPv4, networkOf } from "./ipmath.ts";
import { ROUTER_NAT_TABLE, routerGatewayDevice } from "./names.ts";

export function renderRouterNat(spec: RouterSpec): string {
  const prerouting: string[] = [];
  const postrouting: string[] = [];
  const gw = spec.gateway;
  const gwAddress = gw?.fixedIps.find((f) => f.ipVersion === 4)?.address;
  if (gw && gwAddress) {
    const qg = routerGatewayDevice(gw.portId);
    const fips = [...spec.floatingIps]
      .filter((f) => isIPv4(f.floatingIp) && isIPv4(f.fixedIp))
      .sort((a, b) => a.floatingIp.localeCompare(b.floatingIp));
    for (const f of fips) {
      prerouting.push(`ip daddr ${f.floatingIp} dnat to ${f.fixedIp}`);
      postrouting.push(`oifname "${qg}" ip saddr ${f.fixedIp} snat to ${f.floatingIp}`);
    }
    if (fips.length > 0) {
      // Hairpin: a guest reaching a floating IP from inside was DNATed without crossing the gateway;
      // without this its peer would answer it directly, from the fixed address it never asked.
      postrouting.push(`iifname != "${qg}" ct status dnat snat to ${gwAddress}`);
    }
    if (spec.enableSnat) {
      const subnets = new Set(
        spec.interfaces.flatMap((i) =>
          i.fixedIps.filter((f) => f.ipVersion === 4).map((f) => networkOf(f.address, f.prefixLength)),
        ),
      );
      for (const s of [...subnets].sort())
        postrouting.push(`oifname "${qg}" ip saddr ${s} snat to ${gwAddress}`);
    }
  }
  const chain = (name: string, hook: string, priority: string, rules: string[]) => [
    `  chain ${name} {`,
    `    type nat hook ${hook} priority ${priority}; policy accept;`,
    ...rules.map((r) => `    ${r}`),
    "  }",
  ];
  // Declaring, deleting and redefining the table in one `nft -f` is one atomic transaction.
  return [
    `table ip ${ROUTER_NAT_TABLE}`,
    `delete table ip ${ROUTER_NAT_TABLE}`,
    `table ip ${ROUTER_NAT_TABLE} {`,
    ...chain("prerouting", "prerouting", "dstnat", prerouting),
    ...chain("output", "output", "-100", prerouting),
    ...chain("postrouting", "postrouting", "srcnat", postrouting),
    "}",
    "",
  ].join("\n");
}
