import { z } from "zod";

export const ZCidrSuggestionsRequestSchema = z.object({
  prefixLength: z.number().int().min(8, "At least /8.").max(30, "At most /30.").default(24),
  count: z.number().int().min(1).max(10).default(4),
});
export const ZCidrSuggestionsResponseSchema = z.object({ cidrs: z.array(z.string()).max(10) });
