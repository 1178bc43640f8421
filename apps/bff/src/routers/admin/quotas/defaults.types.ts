import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZQuotaLimitsSchema } from "./quota.types.ts";

/** Nova reads the defaults through any project (`os-quota-sets/{id}/defaults`): the caller's own when none is given. */
export const ZQuotaDefaultsRequestSchema = z.object({ projectId: ZId.optional() });
export type TQuotaDefaultsRequest = z.infer<typeof ZQuotaDefaultsRequestSchema>;
export const ZQuotaDefaultsResponseSchema = z.object({ limits: ZQuotaLimitsSchema });
export type TQuotaDefaultsResponse = z.infer<typeof ZQuotaDefaultsResponseSchema>;
