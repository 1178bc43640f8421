import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZListSnapshotsRequest = z.object({ volumeId: ZId.optional() }).default({});
export const ZSnapshotRow = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.string(),
  size: z.number(),
  volume: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  progress: z.string().nullable(),
});
export type TSnapshotRow = z.infer<typeof ZSnapshotRow>;
export const ZListSnapshotsResponse = z.array(ZSnapshotRow);
