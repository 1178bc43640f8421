import { z } from "zod";
import { ZNetworkQuotaUsageSchema } from "../admin/network/quotas/quota.types.ts";
import { ZVolumeQuota } from "../volume/quota.types.ts";
import { ZComputeQuotaSchema } from "./quota.types.ts";

export { ZNoInput as ZOverviewRequestSchema } from "../list.types.ts";
export const ZOverviewResponseSchema = z.object({
  quota: ZComputeQuotaSchema,
  /** Network quota use (used and limit per resource); null on a cloud without a network service. */
  network: ZNetworkQuotaUsageSchema.nullable(),
  /** Block storage quota use; null on a cloud without a volume service. */
  volume: ZVolumeQuota.nullable(),
});
export type TOverviewResponse = z.infer<typeof ZOverviewResponseSchema>;
