import { deleteSnapshot } from "../../../services/volume/snapshots.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZDeleteSnapshotRequest, ZDeleteSnapshotResponse } from "./delete.types.ts";

export const deleteSnapshotRoute = projectProcedure
  .input(ZDeleteSnapshotRequest)
  .output(ZDeleteSnapshotResponse)
  .mutation(async ({ ctx, input }) => {
    await deleteSnapshot(ctx.cloud, input.id);
    return { ok: true as const };
  });
