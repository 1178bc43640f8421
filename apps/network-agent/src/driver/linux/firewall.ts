/**
 * Security groups and anti-spoofing as nftables rules, written as whole
 * `nft -f` transactions (each applied atomically: a port's chains are
 * flushed and refilled in one step, so no packet sees a half rule set).
 *
 * What works here, and so the design: the `bridge` family sees which
 * bridge port a frame enters and leaves by (`iifname`/`oifname` are the
 * taps) but has no conntrack on these kernels (no nf_conntrack_bridge);
 * the `inet` family has conntrack and sees bridged IP traffic through
 * bridge netfilter (`net.bridge.bridge-nf-call-iptables=1`), but there
 * `iifname` is the bridge, not the port. So the two tables work together:
 *
 * - `table bridge zenith`, hook forward at priority -200 (before bridge
 *   netfilter hands the packet to `inet`): a frame from or to a Zenith
 *   port gets a packet mark, the sending port's slot in the high 16 bits,
 *   the receiving port's in the low 16 (`from-<slot>`, `to-<slot>` chains,
 *   reached through maps keyed by device name). Anti-spoofing lives in
 *   `from-<slot>`: source MAC, ARP sender and IP source must be the port's
 *   own (fixed IPs, allowed address pairs); DHCP discovery from 0.0.0.0 is
 *   let through; a guest may not answer DHCP or send router adverts.
 * - `table inet zenith`: `prerouting` puts each network's traffic in its
 *   own conntrack zone (the network's slot, by bridge), so two networks
 *   with the same CIDR never share a connection entry; `forward` jumps by
 *   mark to `egress-<slot>` (from the port) and `ingress-<slot>` (to it):
 *   established/related return, the group's rules return, the rest drops
 *   (default deny ingress; egress as the rules say). `return` rather than
 *   `accept`, so a packet between two ports passes both ports' chains.
 *
 * A port with port security off has no chains and no map entries at all.
 */
import type { PortSpec, SecurityRule } from "@zenith/agent-protocol/network";
import { Address4, Address6 } from "ip-address";

export const TABLE = "zenith";

const hex = (n: number): string => `0x${n.toString(16).padStart(8, "0")}`;
const fromMark = (slot: number): string => hex(slot * 0x10000);
const toMark = (slot: number): string => hex(slot);

/** The base of both tables: created if missing, its hook chains refilled (atomically) each time. */
export function baseRuleset(): string {
  return [
    `add table bridge ${TABLE}`,
    `add set bridge ${TABLE} ports { type ifname; }`,
    `add map bridge ${TABLE} from_port { type ifname : verdict; }`,
    `add map bridge ${TABLE} to_port { type ifname : verdict; }`,
    `add chain bridge ${TABLE} forward { type filter hook forward priority -200; policy accept; }`,
    `flush chain bridge ${TABLE} forward`,
    `add rule bridge ${TABLE} forward iifname != @ports oifname != @ports accept`,
    `add rule bridge ${TABLE} forward meta mark set 0`,
    `add rule bridge ${TABLE} forward iifname vmap @from_port`,
    `add rule bridge ${TABLE} forward oifname vmap @to_port`,
    `add table inet ${TABLE}`,
    `add map inet ${TABLE} zones { typeof iifname : ct zone; }`,
    `add map inet ${TABLE} egress { type mark : verdict; }`,
    `add map inet ${TABLE} ingress { type mark : verdict; }`,
    `add chain inet ${TABLE} prerouting { type filter hook prerouting priority raw; policy accept; }`,
    `flush chain inet ${TABLE} prerouting`,
    `add rule inet ${TABLE} prerouting ct zone set iifname map @zones`,
    `add chain inet ${TABLE} forward { type filter hook forward priority filter; policy accept; }`,
    `flush chain inet ${TABLE} forward`,
    `add rule inet ${TABLE} forward meta mark and 0xffff0000 vmap @egress`,
    `add rule inet ${TABLE} forward meta mark and 0x0000ffff vmap @ingress`,
    "",
  ].join("\n");
}

/** A network's conntrack zone: its bridge's traffic is tracked apart from every other network's. */
export function zoneElement(bridge: string, slot: number): string {
  return `add element inet ${TABLE} zones { ${quote(bridge)} : ${slot} }\n`;
}

export function removeZoneElement(bridge: string): string {
  return `delete element inet ${TABLE} zones { ${quote(bridge)} }\n`;
}

const quote = (device: string): string => {
  if (!/^[a-z][a-z0-9-]{1,14}$/.test(device)) throw new Error(`bad device name ${device}`);
  return `"${device}"`;
};

interface Addresses {
  v4: string[];
  v6: string[];
}

/** Addresses and prefixes in nft's form (network address of a prefix), by family. */
function byFamily(prefixes: readonly string[]): Addresses {
  const out: Addresses = { v4: [], v6: [] };
  for (const p of prefixes) {
    if (Address4.isValid(p)) {
      const a = new Address4(p);
      out.v4.push(
        a.subnetMask === 32 ? a.correctForm() : `${a.startAddress().correctForm()}/${a.subnetMask}`,
      );
    } else if (Address6.isValid(p)) {
      const a = new Address6(p);
      out.v6.push(
        a.subnetMask === 128 ? a.correctForm() : `${a.startAddress().correctForm()}/${a.subnetMask}`,
      );
    } else throw new Error(`not an address or prefix: ${p}`);
  }
  return { v4: [...new Set(out.v4)], v6: [...new Set(out.v6)] };
}

const set = (items: readonly string[]): string => `{ ${items.join(", ")} }`;

/** IANA numbers of the protocol names Neutron accepts in a rule. */
const PROTOCOLS: Record<string, number> = {
  ah: 51,
  dccp: 33,
  egp: 8,
  esp: 50,
  gre: 47,
  icmp: 1,
  icmpv6: 58,
  igmp: 2,
  ipip: 4,
  "ipv6-encap": 41,
  "ipv6-frag": 44,
  "ipv6-icmp": 58,
  "ipv6-nonxt": 59,
  "ipv6-opts": 60,
  "ipv6-route": 43,
  ospf: 89,
  pgm: 113,
  rsvp: 46,
  sctp: 132,
  tcp: 6,
  udp: 17,
  udplite: 136,
  vrrp: 112,
};
/** Protocols with ports at the usual place of the transport header (`th dport`). */
const WITH_PORTS = new Set([6, 17, 33, 132, 136]);

function protocolNumber(protocol: string, ethertype: SecurityRule["ethertype"]): number {
  const n = /^\d+$/.test(protocol) ? Number(protocol) : PROTOCOLS[protocol.toLowerCase()];
  if (n === undefined || n > 255) throw new Error(`unknown protocol ${protocol}`);
  // As Neutron does: "icmp" in an IPv6 rule means ICMPv6.
  return n === 1 && ethertype === "IPv6" ? 58 : n;
}

/** The match of one rule, or null when it can match nothing (a remote group without members in that family). */
export function ruleMatch(rule: SecurityRule): string | null {
  const v6 = rule.ethertype === "IPv6";
  const parts = [`meta nfproto ${v6 ? "ipv6" : "ipv4"}`];
  if (rule.remotePrefixes !== null) {
    const fam = byFamily(rule.remotePrefixes)[v6 ? "v6" : "v4"];
    if (fam.length === 0) return null;
    const field = rule.direction === "ingress" ? "saddr" : "daddr";
    parts.push(`${v6 ? "ip6" : "ip"} ${field} ${set(fam)}`);
  }
  if (rule.protocol !== null) {
    const proto = protocolNumber(rule.protocol, rule.ethertype);
    parts.push(`meta l4proto ${proto}`);
    const { portRangeMin: min, portRangeMax: max } = rule;
    if (WITH_PORTS.has(proto) && (min !== null || max !== null)) {
      const lo = min ?? max ?? 0;
      const hi = max ?? min ?? 65535;
      parts.push(lo === hi ? `th dport ${lo}` : `th dport ${lo}-${hi}`);
    } else if (proto === 1 || proto === 58) {
      // Neutron's convention: for ICMP the range carries the type (min) and code (max).
      const icmp = proto === 1 ? "icmp" : "icmpv6";
      if (min !== null) parts.push(`${icmp} type ${min}`);
      if (min !== null && max !== null) parts.push(`${icmp} code ${max}`);
    }
  }
  return parts.join(" ");
}

const chains = (slot: number) => ({
  from: `from-${slot}`,
  to: `to-${slot}`,
  egress: `egress-${slot}`,
  ingress: `ingress-${slot}`,
});

/** What a guest may need before any rule: DHCP and IPv6 neighbour discovery, in both directions. */
const INGRESS_ALWAYS = [
  "meta nfproto ipv4 udp sport 67 udp dport 68",
  "meta nfproto ipv6 icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert, mld-listener-query }",
  "meta nfproto ipv6 udp sport 547 udp dport 546",
];
const EGRESS_ALWAYS = [
  "meta nfproto ipv4 udp sport 68 udp dport 67",
  "meta nfproto ipv6 icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, mld-listener-report, mld2-listener-report }",
  "meta nfproto ipv6 udp sport 546 udp dport 547",
];

/** The chains of a port's filtering, as `<family> <table> <chain>`. */
export function portChains(slot: number): string[] {
  const c = chains(slot);
  return [
    `bridge ${TABLE} ${c.from}`,
    `bridge ${TABLE} ${c.to}`,
    `inet ${TABLE} ${c.egress}`,
    `inet ${TABLE} ${c.ingress}`,
  ];
}

/** The whole filtering of one port (port security on), replacing what it had, as one transaction. */
export function portRuleset(port: PortSpec, slot: number): string {
  const c = chains(slot);
  const dev = quote(port.device);
  const b = (chain: string, rule: string) => `add rule bridge ${TABLE} ${chain} ${rule}`;
  const i = (chain: string, rule: string) => `add rule inet ${TABLE} ${chain} ${rule}`;
  const macs = [...new Set([port.mac, ...port.allowedAddressPairs.map((p) => p.macAddress)])];
  const own = byFamily([
    ...port.fixedIps.map((f) => f.address),
    ...port.allowedAddressPairs.map((p) => p.ipAddress),
  ]);
  const lines: string[] = [];
  for (const [family, chain] of [
    ["bridge", c.from],
    ["bridge", c.to],
    ["inet", c.egress],
    ["inet", c.ingress],
  ] as const) {
    lines.push(`add chain ${family} ${TABLE} ${chain}`, `flush chain ${family} ${TABLE} ${chain}`);
  }
  // Anti-spoofing, then the sender's mark.
  lines.push(b(c.from, `ether saddr != ${set(macs)} drop`));
  lines.push(b(c.from, `arp saddr ether != ${set(macs)} drop`));
  lines.push(b(c.from, `arp saddr ip != ${set(["0.0.0.0", ...own.v4])} drop`));
  lines.push(
    b(
      c.from,
      "ip saddr 0.0.0.0 ip daddr 255.255.255.255 udp sport 68 udp dport 67 meta mark set " +
        fromMark(slot) +
        " return",
    ),
  );
  lines.push(b(c.from, own.v4.length > 0 ? `ip saddr != ${set(own.v4)} drop` : "ether type ip drop"));
  lines.push(b(c.from, "ip protocol udp udp sport 67 drop"));
  lines.push(b(c.from, `ip6 saddr != ${set(["::", "fe80::/10", ...own.v6])} drop`));
  lines.push(b(c.from, "icmpv6 type nd-router-advert drop"));
  lines.push(b(c.from, `meta mark set ${fromMark(slot)}`));
  lines.push(b(c.to, `meta mark set meta mark and 0xffff0000 or ${toMark(slot)}`));
  // Stateful groups.
  for (const [chain, always, direction] of [
    [c.egress, EGRESS_ALWAYS, "egress"],
    [c.ingress, INGRESS_ALWAYS, "ingress"],
  ] as const) {
    lines.push(i(chain, "ct state established,related return"), i(chain, "ct state invalid drop"));
    for (const rule of always) lines.push(i(chain, `${rule} return`));
    for (const rule of port.securityRules) {
      if (rule.direction !== direction) continue;
      const match = ruleMatch(rule);
      if (match !== null) lines.push(i(chain, `${match} return`));
    }
    lines.push(i(chain, "drop"));
  }
  // Hook the chains in; an element already there with the same value is left as is.
  lines.push(
    `add element bridge ${TABLE} ports { ${dev} }`,
    `add element bridge ${TABLE} from_port { ${dev} : jump ${c.from} }`,
    `add element bridge ${TABLE} to_port { ${dev} : jump ${c.to} }`,
    `add element inet ${TABLE} egress { ${fromMark(slot)} : jump ${c.egress} }`,
    `add element inet ${TABLE} ingress { ${toMark(slot)} : jump ${c.ingress} }`,
  );
  return `${lines.join("\n")}\n`;
}

/**
 * Everything of a port's filtering gone, whether or not it existed: each
 * element and chain is added first (a no-op when present) so its delete
 * cannot fail, all in one transaction.
 */
export function removePortRuleset(device: string, slot: number): string {
  const c = chains(slot);
  const dev = quote(device);
  const lines: string[] = [];
  for (const [family, chain] of [
    ["bridge", c.from],
    ["bridge", c.to],
    ["inet", c.egress],
    ["inet", c.ingress],
  ] as const) {
    lines.push(`add chain ${family} ${TABLE} ${chain}`);
  }
  const elements = [
    ["bridge", "ports", dev, null],
    ["bridge", "from_port", dev, `jump ${c.from}`],
    ["bridge", "to_port", dev, `jump ${c.to}`],
    ["inet", "egress", fromMark(slot), `jump ${c.egress}`],
    ["inet", "ingress", toMark(slot), `jump ${c.ingress}`],
  ] as const;
  for (const [family, map, key, value] of elements) {
    lines.push(`add element ${family} ${TABLE} ${map} { ${value === null ? key : `${key} : ${value}`} }`);
    lines.push(`delete element ${family} ${TABLE} ${map} { ${key} }`);
  }
  for (const [family, chain] of [
    ["bridge", c.from],
    ["bridge", c.to],
    ["inet", c.egress],
    ["inet", c.ingress],
  ] as const) {
    lines.push(`flush chain ${family} ${TABLE} ${chain}`, `delete chain ${family} ${TABLE} ${chain}`);
  }
  return `${lines.join("\n")}\n`;
}
