import { z } from "zod";

/** `limit` -1 means unlimited. */
export const ZUsageSchema = z.object({ used: z.number(), limit: z.number() });
export const ZComputeQuotaSchema = z.object({
  instances: ZUsageSchema,
  cores: ZUsageSchema,
  ram: ZUsageSchema,
  keyPairs: ZUsageSchema,
});
export type TComputeQuota = z.infer<typeof ZComputeQuotaSchema>;
