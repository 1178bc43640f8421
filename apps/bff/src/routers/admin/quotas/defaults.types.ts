import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZQuotaLimitsSchema } from "./quota.types.ts";

export const ZQuotaDefaultsRequestSchema = z.object({ projectId: ZId });
export type TQuotaDefaultsRequest = z.infer<typeof ZQuotaDefaultsRequestSchema>;
export const ZQuotaDefaultsResponseSchema = z.object({ limits: ZQuotaLimitsSchema });
export type TQuotaDefaultsResponse = z.infer<typeof ZQuotaDefaultsResponseSchema>;
