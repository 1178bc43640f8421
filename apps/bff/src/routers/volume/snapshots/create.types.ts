import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZDescription, ZVolumeName } from "../volumes/volume.types.ts";

export const ZCreateSnapshotRequest = z.object({
  volumeId: ZId,
  name: ZVolumeName,
  description: ZDescription.optional(),
  /** Snapshot an attached volume. */
  force: z.boolean().default(false),
});
export { ZSnapshotRow as ZCreateSnapshotResponse } from "./list.types.ts";
