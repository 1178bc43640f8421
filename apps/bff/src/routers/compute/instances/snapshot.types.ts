import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZSnapshotRequestSchema = z.object({ id: ZId, name: z.string().trim().min(1).max(255) });
export type TSnapshotRequest = z.infer<typeof ZSnapshotRequestSchema>;
export const ZSnapshotResponseSchema = z.object({ imageId: z.string() });
export type TSnapshotResponse = z.infer<typeof ZSnapshotResponseSchema>;
