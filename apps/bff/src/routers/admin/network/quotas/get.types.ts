import { z } from "zod";
import { ZId } from "../../../list.types.ts";
import { ZNetworkQuotaUsageSchema } from "./quota.types.ts";

export const ZGetNetworkQuotaRequestSchema = z.object({ projectId: ZId });
export type TGetNetworkQuotaRequest = z.infer<typeof ZGetNetworkQuotaRequestSchema>;
export const ZGetNetworkQuotaResponseSchema = z.object({
  projectId: z.string(),
  quota: ZNetworkQuotaUsageSchema,
});
export type TGetNetworkQuotaResponse = z.infer<typeof ZGetNetworkQuotaResponseSchema>;
