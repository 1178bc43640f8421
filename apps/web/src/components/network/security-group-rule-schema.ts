import { Address4, Address6 } from "ip-address";
import type { useTranslations } from "next-intl";
import { z } from "zod";
import type { NetworkValidationT } from "@/lib/network/network-form-schemas";

/** How rules read in the table (`network.ruleLabels`), in the reader's language. */
export type RuleLabelsT = ReturnType<typeof useTranslations<"network.ruleLabels">>;

/**
 * The "Add rule" form: strings from the form become the
 * `network.securityGroups.addRule` input, checked here first so mistakes
 * show on their field before anything is sent (the BFF checks again).
 */

const optionalPort = (t: NetworkValidationT, max: number) =>
  z
    .string()
    .trim()
    .max(5)
    .transform((v, ctx) => {
      if (v === "") return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > max) {
        ctx.addIssue({ code: "custom", message: t("portNumber", { max }) });
        return z.NEVER;
      }
      return n;
    });

/** The "Add rule" form's schema, built with the reader's language (call once per render, in a useMemo). */
export const ruleFormSchema = (t: NetworkValidationT) =>
  z
    .object({
      template: z.string().min(1).max(64),
      direction: z.enum(["ingress", "egress"]).default("ingress"),
      ethertype: z.enum(["IPv4", "IPv6"]).default("IPv4"),
      protocol: z.enum(["any", "tcp", "udp", "icmp"]).default("any"),
      portRangeMin: optionalPort(t, 65535).prefault(""),
      portRangeMax: optionalPort(t, 65535).prefault(""),
      remoteKind: z.enum(["cidr", "group"]).default("cidr"),
      remoteCidr: z
        .string()
        .trim()
        .max(64, t("useAtMost", { max: 64 }))
        .default(""),
      remoteGroupId: z.string().max(255).default(""),
      description: z
        .string()
        .trim()
        .max(255, t("useAtMost", { max: 255 }))
        .default(""),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      if (v.remoteKind === "group" && !v.remoteGroupId) issue("remoteGroupId", t("chooseGroup"));
      if (v.remoteKind === "cidr" && v.remoteCidr) {
        const problem = cidrProblem(t, v.remoteCidr, v.ethertype);
        if (problem) issue("remoteCidr", problem);
      }
      if (v.template !== "custom") return;
      const min = v.portRangeMin;
      const max = v.portRangeMax;
      if (v.protocol === "tcp" || v.protocol === "udp") {
        if (min === 0) issue("portRangeMin", t("portsStart"));
        if (min === null && max !== null) issue("portRangeMin", t("firstPort"));
        if (min !== null && max !== null && max < min) issue("portRangeMax", t("atLeastFirst"));
      } else if (v.protocol === "icmp") {
        if (min !== null && min > 255) issue("portRangeMin", t("icmpTypes"));
        if (max !== null && max > 255) issue("portRangeMax", t("icmpCodes"));
        if (min === null && max !== null) issue("portRangeMin", t("icmpTypeFirst"));
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
export type RuleFormValues = z.output<ReturnType<typeof ruleFormSchema>>;

/** Why `cidr` is not a range of `ethertype`, or null (parsed by ip-address). */
export function cidrProblem(t: NetworkValidationT, cidr: string, ethertype: "IPv4" | "IPv6"): string | null {
  const v4 = Address4.isValid(cidr);
  const v6 = !v4 && Address6.isValid(cidr);
  if (!v4 && !v6) return t("cidrRange");
  if (ethertype === "IPv4" && !v4) return t("isIpv6Range");
  if (ethertype === "IPv6" && !v6) return t("isIpv4Range");
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
export function protocolLabel(t: RuleLabelsT, protocol: string | null): string {
  if (protocol === null || protocol === "" || protocol === "any") return t("any");
  if (protocol === "ipv6-icmp" || protocol === "icmpv6") return "ICMPv6";
  return protocol.toUpperCase();
}

/** The port column: "22", "5000–5100", "Any", or for ICMP "type 8 code 0". */
export function portRangeLabel(t: RuleLabelsT, rule: RuleLike): string {
  const { protocol, portRangeMin: min, portRangeMax: max } = rule;
  if (protocol === "icmp" || protocol === "ipv6-icmp" || protocol === "icmpv6") {
    if (min === null) return t("any");
    return max === null ? t("icmpType", { type: min }) : t("icmpTypeCode", { type: min, code: max });
  }
  if (min === null && max === null) return t("any");
  if (min === max || max === null) return String(min);
  return `${min ?? 1}–${max}`;
}

/** Where traffic may come from (ingress) or go to (egress). */
export function remoteLabel(t: RuleLabelsT, rule: RuleLike): string {
  if (rule.remoteGroupId) return t("group", { name: rule.remoteGroupName ?? rule.remoteGroupId });
  return rule.remoteIpPrefix ?? t("anywhere");
}
