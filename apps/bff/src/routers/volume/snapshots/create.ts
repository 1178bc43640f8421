import { createSnapshot } from "../../../services/volume/snapshots.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCreateSnapshotRequest, ZCreateSnapshotResponse } from "./create.types.ts";

export const createSnapshotRoute = projectProcedure
  .input(ZCreateSnapshotRequest)
  .output(ZCreateSnapshotResponse)
  .mutation(({ ctx, input }) => createSnapshot(ctx.cloud, input));
