import { z } from "zod";
import { ZId } from "../../list.types.ts";

/** The statuses upstream's os-reset_status accepts. */
export const RESETTABLE_STATUSES = [
  "available",
  "error",
  "in-use",
  "creating",
  "attaching",
  "detaching",
  "deleting",
  "error_deleting",
  "maintenance",
] as const;
export const ZResetVolumeStatusRequest = z.object({
  id: ZId,
  status: z.enum(RESETTABLE_STATUSES),
  attachStatus: z.enum(["attached", "detached"]).optional(),
});
export { ZOk as ZResetVolumeStatusResponse } from "../../list.types.ts";
