import { normalizeCidr, rangeOf } from "../l3/cidr.ts";
import { invalid } from "../l3/faults.ts";

/** Neutron's IP protocol names and their numbers (neutron_lib/constants.py IP_PROTOCOL_MAP). */
export const IP_PROTOCOLS: Readonly<Record<string, number>> = {
  ah: 51,
  dccp: 33,
  egp: 8,
  esp: 50,
  gre: 47,
  hopopt: 0,
  icmp: 1,
  igmp: 2,
  ip: 0,
  ipip: 4,
  "ipv6-encap": 41,
  "ipv6-frag": 44,
  "ipv6-icmp": 58,
  icmpv6: 58,
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

/** Protocols whose port_range_* are ports (SG_PORT_PROTO_NUMS). */
const PORT_PROTOCOLS = new Set([6, 17, 33, 132, 136]);
/** Protocols whose port_range_min/max are ICMP type/code. */
const ICMP_PROTOCOLS = new Set([1, 58]);
/** Protocols that only exist on IPv6 (neutron_lib IPV6_PROTOCOL_ALIASES and friends). */
const IPV6_ONLY = new Set([
  "ipv6-icmp",
  "icmpv6",
  "ipv6-encap",
  "ipv6-frag",
  "ipv6-nonxt",
  "ipv6-opts",
  "ipv6-route",
]);

export type Ethertype = "IPv4" | "IPv6";

export interface RuleValues {
  direction: "ingress" | "egress";
  ethertype: Ethertype;
  /** As the caller named it (upstream keeps the name or number given); null: any protocol. */
  protocol: string | null;
  portRangeMin: number | null;
  portRangeMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroupId: string | null;
}

/** The protocol's number, or null for "any"; refuses names Neutron does not know. */
export function protocolNumber(protocol: string | null): number | null {
  if (protocol === null) return null;
  const named = IP_PROTOCOLS[protocol.toLowerCase()];
  if (named !== undefined) return named;
  if (/^\d{1,3}$/.test(protocol) && Number(protocol) <= 255) return Number(protocol);
  throw invalid(
    "SecurityGroupRuleInvalidProtocol",
    `Security group rule protocol ${protocol} not supported. Only protocol values [${Object.keys(IP_PROTOCOLS)
      .map((p) => `'${p}'`)
      .join(", ")}] and integer representations [0 to 255] are supported.`,
  );
}

/** `null`, "" and "any" all mean any protocol (as in Neutron's API). */
export function normalizeProtocol(protocol: string | number | null | undefined): string | null {
  if (protocol === null || protocol === undefined) return null;
  const text = String(protocol).trim();
  if (text === "" || text.toLowerCase() === "any") return null;
  protocolNumber(text);
  return /^\d+$/.test(text) ? String(Number(text)) : text.toLowerCase();
}

/** "10.0.0.5/24" → "10.0.0.0/24", a bare address → /32 or /128; the prefix must match the ethertype. */
export function normalizePrefix(prefix: string, ethertype: Ethertype): string {
  const normal = normalizeCidr(prefix);
  const range = rangeOf(prefix);
  if (normal === null || range === null) {
    throw invalid(
      "InvalidInput",
      `Invalid input for remote_ip_prefix. Reason: '${prefix}' is not a valid IP subnet.`,
    );
  }
  if ((range.version === 4 ? "IPv4" : "IPv6") !== ethertype) {
    throw invalid(
      "SecurityGroupRuleParameterConflict",
      `Conflicting value ethertype ${ethertype} for CIDR ${prefix}`,
    );
  }
  return normal;
}

/** Upstream's _validate_port_range, with its exception types and messages. */
export function validatePortRange(values: RuleValues): void {
  const { portRangeMin: min, portRangeMax: max } = values;
  // Upstream's convert_validate_port_value, before any protocol rule.
  for (const [attr, value] of [
    ["port_range_min", min],
    ["port_range_max", max],
  ] as const) {
    if (value !== null && (value < 0 || value > 65535)) {
      throw invalid("InvalidInput", `Invalid input for ${attr}. Reason: Invalid value for port ${value}.`);
    }
  }
  if (min === null && max === null) return;
  const number = protocolNumber(values.protocol);
  if (number === null) {
    throw invalid(
      "SecurityGroupProtocolRequiredWithPorts",
      "Must also specify protocol if port range is given.",
    );
  }
  if (PORT_PROTOCOLS.has(number)) {
    if (min === 0 || max === 0) throw invalid("SecurityGroupInvalidPortValue", "Invalid value for port 0.");
    if (min === null || max === null || min > max) {
      throw invalid(
        "SecurityGroupInvalidPortRange",
        "For TCP/UDP protocols, port_range_min must be <= port_range_max",
      );
    }
    return;
  }
  if (ICMP_PROTOCOLS.has(number)) {
    for (const [value, field, attr] of [
      [min, "type", "port_range_min"],
      [max, "code", "port_range_max"],
    ] as const) {
      if (value !== null && (value < 0 || value > 255)) {
        throw invalid(
          "SecurityGroupInvalidIcmpValue",
          `Invalid value for ICMP ${field} (${attr}) ${value}. It must be 0 to 255.`,
        );
      }
    }
    if (min === null && max !== null) {
      throw invalid(
        "SecurityGroupMissingIcmpType",
        `ICMP code (port-range-max) ${max} is provided but ICMP type (port-range-min) is missing.`,
      );
    }
    return;
  }
  throw invalid(
    "SecurityGroupInvalidProtocolForPortRange",
    `Invalid protocol ${values.protocol} for port range, only supported for TCP, UDP, UDPLITE, SCTP and DCCP.`,
  );
}

/** An IPv6-only protocol on an IPv4 rule is a conflict (upstream's _validate_ethertype_and_protocol). */
export function validateEthertypeProtocol(values: RuleValues): void {
  if (values.protocol !== null && IPV6_ONLY.has(values.protocol) && values.ethertype === "IPv4") {
    throw invalid(
      "SecurityGroupEthertypeConflictWithProtocol",
      `Invalid ethertype ${values.ethertype} for protocol ${values.protocol}.`,
    );
  }
}

/** The key two rules are duplicates by: any-address prefixes equal no prefix, protocols compare by number. */
export function ruleKey(
  values: Omit<RuleValues, "direction" | "ethertype"> & { direction: string; ethertype: string },
): string {
  const anyPrefix = values.remoteIpPrefix === "0.0.0.0/0" || values.remoteIpPrefix === "::/0";
  const number = protocolNumber(values.protocol);
  // On IPv6, the legacy name "icmp" means ipv6-icmp (58), as upstream reads it.
  const protocol = values.ethertype === "IPv6" && number === 1 ? 58 : number;
  return JSON.stringify([
    values.direction,
    values.ethertype,
    protocol,
    values.portRangeMin,
    values.portRangeMax,
    anyPrefix ? null : values.remoteIpPrefix,
    values.remoteGroupId,
  ]);
}
