import { z } from "zod";
import { RULE_PROTOCOLS } from "../../../services/network/rule-templates.ts";
import { ZNoInput } from "../../list.types.ts";

export const ZRuleTemplatesRequest = ZNoInput;
export const ZRuleTemplatesResponse = z.array(
  z.object({
    id: z.string(),
    label: z.string(),
    description: z.string(),
    remote: z.enum(["cidr", "group"]),
    rules: z.array(
      z.object({
        direction: z.enum(["ingress", "egress"]),
        protocol: z.enum(RULE_PROTOCOLS),
        portRangeMin: z.number().int().nullable(),
        portRangeMax: z.number().int().nullable(),
      }),
    ),
  }),
);
export type TRuleTemplatesResponse = z.infer<typeof ZRuleTemplatesResponse>;
