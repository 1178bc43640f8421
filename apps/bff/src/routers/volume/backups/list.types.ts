import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZListBackupsRequest = z.object({ volumeId: ZId.optional() }).default({});
export const ZBackupRow = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.string(),
  size: z.number().nullable(),
  volume: z.object({ id: z.string(), name: z.string() }),
  incremental: z.boolean(),
  createdAt: z.string().nullable(),
  failReason: z.string().nullable(),
});
export type TBackupRow = z.infer<typeof ZBackupRow>;
export const ZListBackupsResponse = z.array(ZBackupRow);
