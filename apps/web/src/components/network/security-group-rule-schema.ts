import { Address4, Address6 } from "ip-address";
import { z } from "zod";

/**
 * The "Add rule" form: strings from the form become the
 * `network.securityGroups.addRule` input, checked here first so mistakes
 * show on their field before anything is sent (the BFF checks again).
 */

const optionalPort = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(5)
    .transform((v, ctx) => {
      if (v === "") return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > max) {
        ctx.addIssue({ code: "custom", message: `${label} is a whole number from 0 to ${max}.` });
        return z.NEVER;
      }
      return n;
    });

export const RuleFormSchema = z
  .object({
    template: z.string().min(1).max(64),
    direction: z.enum(["ingress", "egress"]).default("ingress"),
    ethertype: z.enum(["IPv4", "IPv6"]).default("IPv4"),
    protocol: z.enum(["any", "tcp", "udp", "icmp"]).default("any"),
    portRangeMin: optionalPort("The port", 65535).prefault(""),
    portRangeMax: optionalPort("The port", 65535).prefault(""),
    remoteKind: z.enum(["cidr", "group"]).default("cidr"),
    remoteCidr: z.string().trim().max(64, "Use at most 64 characters.").default(""),
    remoteGroupId: z.string().max(255).default(""),
    description: z.string().trim().max(255, "Use at most 255 characters.").default(""),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.remoteKind === "group" && !v.remoteGroupId) issue("remoteGroupId", "Choose a security group.");
    if (v.remoteKind === "cidr" && v.remoteCidr) {
      const problem = cidrProblem(v.remoteCidr, v.ethertype);
      if (problem) issue("remoteCidr", problem);
    }
    if (v.template !== "custom") return;
    const min = v.portRangeMin;
    const max = v.portRangeMax;
    if (v.protocol === "tcp" || v.protocol === "udp") {
      if (min === 0) issue("portRangeMin", "Ports start at 1.");
      if (min === null && max !== null) issue("portRangeMin", "Give the first port of the range.");
      if (min !== null && max !== null && max < min)
        issue("portRangeMax", "Must be at least the first port.");
    } else if (v.protocol === "icmp") {
      if (min !== null && min > 255) issue("portRangeMin", "ICMP types are 0 to 255.");
      if (max !== null && max > 255) issue("portRangeMax", "ICMP codes are 0 to 255.");
      if (min === null && max !== null) issue("portRangeMin", "Give the ICMP type when you give a code.");
    }
  })
  .transform((v) => {
    const custom = v.template === "custom";
    const ports = custom && v.protocol !== "any";
    // A single port: "To" left blank means the same as "From" for TCP and UDP.
    const max =
      ports && (v.protocol === "tcp" || v.protocol === "udp") && v.portRangeMax === null
        ? v.portRangeMin
        : v.portRangeMax;
    return {
      template: v.template,
      direction: v.direction,
      ethertype: v.ethertype,
      protocol: v.protocol,
      portRangeMin: ports ? v.portRangeMin : null,
      portRangeMax: ports ? max : null,
      remoteCidr: v.remoteKind === "cidr" && v.remoteCidr ? v.remoteCidr : undefined,
      remoteGroupId: v.remoteKind === "group" ? v.remoteGroupId : undefined,
      description: v.description || undefined,
    };
  });
export type RuleFormValues = z.output<typeof RuleFormSchema>;

/** Why `cidr` is not a range of `ethertype`, or null (parsed by ip-address). */
export function cidrProblem(cidr: string, ethertype: "IPv4" | "IPv6"): string | null {
  const v4 = Address4.isValid(cidr);
  const v6 = !v4 && Address6.isValid(cidr);
  if (!v4 && !v6) return "Enter an address range in CIDR form, such as 0.0.0.0/0 or 10.0.0.0/24.";
  if (ethertype === "IPv4" && !v4)
    return "This is an IPv6 range; choose ether type IPv6 or enter an IPv4 range.";
  if (ethertype === "IPv6" && !v6)
    return "This is an IPv4 range; choose ether type IPv4 or enter an IPv6 range.";
  return null;
}

interface RuleLike {
  protocol: string | null;
  portRangeMin: number | null;
  portRangeMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroupId: string | null;
  remoteGroupName: string | null;
}

/** "Any", "TCP", "ICMPv6" … as a column shows them. */
export function protocolLabel(protocol: string | null): string {
  if (protocol === null || protocol === "" || protocol === "any") return "Any";
  if (protocol === "ipv6-icmp" || protocol === "icmpv6") return "ICMPv6";
  return protocol.toUpperCase();
}

/** The port column: "22", "5000–5100", "Any", or for ICMP "type 8 code 0". */
export function portRangeLabel(rule: RuleLike): string {
  const { protocol, portRangeMin: min, portRangeMax: max } = rule;
  if (protocol === "icmp" || protocol === "ipv6-icmp" || protocol === "icmpv6") {
    if (min === null) return "Any";
    return max === null ? `type ${min}` : `type ${min} code ${max}`;
  }
  if (min === null && max === null) return "Any";
  if (min === max || max === null) return String(min);
  return `${min ?? 1}–${max}`;
}

/** Where traffic may come from (ingress) or go to (egress). */
export function remoteLabel(rule: RuleLike): string {
  if (rule.remoteGroupId) return `Group ${rule.remoteGroupName ?? rule.remoteGroupId}`;
  return rule.remoteIpPrefix ?? "Anywhere";
}
