import { z } from "zod";
import { ZId } from "../../../list.types.ts";
import { ZNetworkQuotaLimitsSchema } from "./quota.types.ts";

export const ZUpdateNetworkQuotaRequestSchema = z.object({
  projectId: ZId,
  limits: ZNetworkQuotaLimitsSchema,
});
export type TUpdateNetworkQuotaRequest = z.infer<typeof ZUpdateNetworkQuotaRequestSchema>;
export const ZUpdateNetworkQuotaResponseSchema = z.object({
  projectId: z.string(),
  limits: ZNetworkQuotaLimitsSchema,
});
export type TUpdateNetworkQuotaResponse = z.infer<typeof ZUpdateNetworkQuotaResponseSchema>;
