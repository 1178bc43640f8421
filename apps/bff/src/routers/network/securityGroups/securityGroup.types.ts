import { z } from "zod";

export const ZSecurityGroupName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(255, "Use at most 255 characters.");
export const ZSecurityGroupDescription = z.string().trim().max(255, "Use at most 255 characters.");

export const ZSecurityGroupRow = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  projectId: z.string(),
  projectName: z.string().nullable(),
  isDefault: z.boolean(),
  ruleCount: z.number().int(),
  instanceCount: z.number().int(),
  createdAt: z.string().nullable(),
});
export type TSecurityGroupRow = z.infer<typeof ZSecurityGroupRow>;

export const ZRuleRow = z.object({
  id: z.string(),
  direction: z.enum(["ingress", "egress"]),
  ethertype: z.string(),
  protocol: z.string().nullable(),
  portRangeMin: z.number().int().nullable(),
  portRangeMax: z.number().int().nullable(),
  remoteIpPrefix: z.string().nullable(),
  remoteGroupId: z.string().nullable(),
  remoteGroupName: z.string().nullable(),
  description: z.string(),
});
export type TRuleRow = z.infer<typeof ZRuleRow>;
