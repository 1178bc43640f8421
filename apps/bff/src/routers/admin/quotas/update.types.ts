import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZQuotaLimitsSchema } from "./quota.types.ts";

export const ZUpdateQuotaRequestSchema = z.object({ projectId: ZId, limits: ZQuotaLimitsSchema });
export type TUpdateQuotaRequest = z.infer<typeof ZUpdateQuotaRequestSchema>;
export const ZUpdateQuotaResponseSchema = z.object({ projectId: z.string(), limits: ZQuotaLimitsSchema });
export type TUpdateQuotaResponse = z.infer<typeof ZUpdateQuotaResponseSchema>;
