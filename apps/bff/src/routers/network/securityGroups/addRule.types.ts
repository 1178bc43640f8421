import { z } from "zod";
import {
  RULE_PROTOCOLS,
  RULE_TEMPLATE_IDS,
  remoteCidrProblem,
  ruleTemplate,
} from "../../../services/network/rule-templates.ts";
import { ZId } from "../../list.types.ts";
import { ZRuleRow } from "./securityGroup.types.ts";

const ZPort = z
  .number()
  .int("Enter a whole number.")
  .min(0, "Use 0 to 65535.")
  .max(65535, "Use 0 to 65535.")
  .nullable()
  .optional();

/**
 * A template's rules (the template fixes direction, protocol and ports) or
 * one custom rule, with a remote CIDR or a remote group. Each problem is
 * reported on its field so the dialog can show it there.
 */
export const ZAddRuleRequest = z
  .object({
    securityGroupId: ZId,
    template: z.enum([...RULE_TEMPLATE_IDS, "custom"]).default("custom"),
    direction: z.enum(["ingress", "egress"]).default("ingress"),
    ethertype: z.enum(["IPv4", "IPv6"]).default("IPv4"),
    protocol: z.enum(RULE_PROTOCOLS).default("any"),
    portRangeMin: ZPort,
    portRangeMax: ZPort,
    remoteCidr: z.string().trim().max(64, "Use at most 64 characters.").optional(),
    remoteGroupId: ZId.optional(),
    description: z.string().trim().max(255, "Use at most 255 characters.").optional(),
  })
  .superRefine((rule, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (rule.remoteCidr && rule.remoteGroupId) {
      issue("remoteCidr", "Give either a remote CIDR or a remote group, not both.");
    }
    if (rule.remoteCidr) {
      const problem = remoteCidrProblem(rule.remoteCidr, rule.ethertype);
      if (problem) issue("remoteCidr", problem);
    }
    const template = rule.template === "custom" ? undefined : ruleTemplate(rule.template);
    if (template?.remote === "group" && !rule.remoteGroupId) {
      issue("remoteGroupId", "Choose the security group whose members are allowed in.");
    }
    if (template) return;
    const min = rule.portRangeMin ?? null;
    const max = rule.portRangeMax ?? null;
    if (rule.protocol === "tcp" || rule.protocol === "udp") {
      if ((min === null) !== (max === null))
        issue("portRangeMax", "Give both ends of the range, or neither for all ports.");
      if (min === 0) issue("portRangeMin", "Ports start at 1.");
      if (min !== null && max !== null && min > max)
        issue("portRangeMax", "Must be at least the first port.");
    } else if (rule.protocol === "icmp") {
      if (min !== null && min > 255) issue("portRangeMin", "ICMP types are 0 to 255.");
      if (max !== null && max > 255) issue("portRangeMax", "ICMP codes are 0 to 255.");
      if (max !== null && min === null) issue("portRangeMin", "Give the ICMP type when you give a code.");
    } else if (min !== null || max !== null) {
      issue("portRangeMin", "Ports apply to TCP, UDP and ICMP only.");
    }
  });
export type TAddRuleRequest = z.infer<typeof ZAddRuleRequest>;
export const ZAddRuleResponse = z.array(ZRuleRow);
