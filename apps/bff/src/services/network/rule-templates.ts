import { Address4, Address6 } from "ip-address";

/**
 * Security-group rule templates, defined once: the BFF expands them in
 * `network.securityGroups.addRule` and the portal lists them through
 * `network.securityGroups.ruleTemplates`, so both always agree.
 */

export const RULE_PROTOCOLS = ["any", "tcp", "udp", "icmp"] as const;
export type RuleProtocol = (typeof RULE_PROTOCOLS)[number];

/** One Neutron rule a template stands for (before the remote is chosen). */
export interface TemplateRule {
  direction: "ingress" | "egress";
  protocol: RuleProtocol;
  portRangeMin: number | null;
  portRangeMax: number | null;
}

export interface RuleTemplate {
  id: string;
  label: string;
  description: string;
  /** "group": the user must name a remote security group (no CIDR). */
  remote: "cidr" | "group";
  rules: TemplateRule[];
}

const ingress = (protocol: RuleProtocol, port?: number): TemplateRule => ({
  direction: "ingress",
  protocol,
  portRangeMin: port ?? null,
  portRangeMax: port ?? null,
});

export const RULE_TEMPLATES = [
  { id: "ssh", label: "SSH", description: "TCP 22 in", remote: "cidr", rules: [ingress("tcp", 22)] },
  { id: "icmp", label: "ICMP (ping)", description: "All ICMP in", remote: "cidr", rules: [ingress("icmp")] },
  { id: "http", label: "HTTP", description: "TCP 80 in", remote: "cidr", rules: [ingress("tcp", 80)] },
  { id: "https", label: "HTTPS", description: "TCP 443 in", remote: "cidr", rules: [ingress("tcp", 443)] },
  {
    id: "dns",
    label: "DNS",
    description: "UDP and TCP 53 in",
    remote: "cidr",
    rules: [ingress("udp", 53), ingress("tcp", 53)],
  },
  { id: "rdp", label: "RDP", description: "TCP 3389 in", remote: "cidr", rules: [ingress("tcp", 3389)] },
  {
    id: "all-from-group",
    label: "All from a remote group",
    description: "Any protocol in from members of a security group",
    remote: "group",
    rules: [ingress("any")],
  },
] as const satisfies readonly RuleTemplate[];

export type RuleTemplateId = (typeof RULE_TEMPLATES)[number]["id"];
export const RULE_TEMPLATE_IDS = RULE_TEMPLATES.map((t) => t.id) as [RuleTemplateId, ...RuleTemplateId[]];

export function ruleTemplate(id: string): RuleTemplate | undefined {
  return RULE_TEMPLATES.find((t) => t.id === id);
}

/**
 * Why `cidr` is not a usable remote prefix for `ethertype`, or null when it
 * is. Parsing is ip-address's, never hand-written.
 */
export function remoteCidrProblem(cidr: string, ethertype: "IPv4" | "IPv6"): string | null {
  const v4 = Address4.isValid(cidr);
  const v6 = !v4 && Address6.isValid(cidr);
  if (!v4 && !v6) return "Enter an address range in CIDR form, such as 0.0.0.0/0 or 10.0.0.0/24.";
  if (ethertype === "IPv4" && !v4)
    return "This is an IPv6 range; choose ether type IPv6 or enter an IPv4 range.";
  if (ethertype === "IPv6" && !v6)
    return "This is an IPv4 range; choose ether type IPv4 or enter an IPv6 range.";
  return null;
}

/** The everything-range of an ether type, the default remote of a template rule. */
export function anyAddress(ethertype: "IPv4" | "IPv6"): string {
  return ethertype === "IPv4" ? "0.0.0.0/0" : "::/0";
}
