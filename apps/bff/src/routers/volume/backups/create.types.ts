import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZDescription, ZVolumeName } from "../volumes/volume.types.ts";

export const ZCreateBackupRequest = z.object({
  volumeId: ZId,
  name: ZVolumeName,
  description: ZDescription.optional(),
  incremental: z.boolean().default(false),
  /** Back up an attached volume. */
  force: z.boolean().default(false),
});
export const ZCreateBackupResponse = z.object({ id: z.string() });
