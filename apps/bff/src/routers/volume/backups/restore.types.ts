import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZVolumeName } from "../volumes/volume.types.ts";

/** Into an existing volume (`volumeId`), or a new one named `name`. */
export const ZRestoreBackupRequest = z.object({
  id: ZId,
  volumeId: ZId.optional(),
  name: ZVolumeName.optional(),
});
export const ZRestoreBackupResponse = z.object({ volumeId: z.string() });
