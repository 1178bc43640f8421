import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZGetQuotaRequestSchema = z.object({ projectId: ZId });
export type TGetQuotaRequest = z.infer<typeof ZGetQuotaRequestSchema>;
export const ZGetQuotaResponseSchema = z.object({
  projectId: z.string(),
  /** Keyed like the limits (instances, cores, ram, keyPairs, …). */
  quota: z.record(z.string(), z.object({ limit: z.number(), inUse: z.number(), reserved: z.number() })),
});
export type TGetQuotaResponse = z.infer<typeof ZGetQuotaResponseSchema>;
