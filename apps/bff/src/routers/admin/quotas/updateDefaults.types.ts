import { z } from "zod";
import { ZQuotaLimitsSchema } from "./quota.types.ts";

export const ZUpdateQuotaDefaultsRequestSchema = z.object({ limits: ZQuotaLimitsSchema });
export type TUpdateQuotaDefaultsRequest = z.infer<typeof ZUpdateQuotaDefaultsRequestSchema>;
export { ZQuotaDefaultsResponseSchema as ZUpdateQuotaDefaultsResponseSchema } from "./defaults.types.ts";
