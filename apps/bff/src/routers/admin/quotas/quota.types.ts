import { z } from "zod";

/** Compute quota limits by resource; -1 is unlimited. */
export const ZQuotaLimitsSchema = z.object({
  instances: z.number().int().min(-1).optional(),
  cores: z.number().int().min(-1).optional(),
  ram: z.number().int().min(-1).optional(),
  keyPairs: z.number().int().min(-1).optional(),
  metadataItems: z.number().int().min(-1).optional(),
  serverGroups: z.number().int().min(-1).optional(),
  serverGroupMembers: z.number().int().min(-1).optional(),
});
export type TQuotaLimits = z.infer<typeof ZQuotaLimitsSchema>;
