import { z } from "zod";
import { ZUsageSchema } from "../compute/quota.types.ts";

/** Block storage quota use; `limit` -1 means unlimited. */
export const ZVolumeQuota = z.object({
  volumes: ZUsageSchema,
  gigabytes: ZUsageSchema,
  snapshots: ZUsageSchema,
  backups: ZUsageSchema,
});
export type TVolumeQuota = z.infer<typeof ZVolumeQuota>;
