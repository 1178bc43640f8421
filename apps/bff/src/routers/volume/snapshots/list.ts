import { listSnapshots } from "../../../services/volume/snapshots.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZListSnapshotsRequest, ZListSnapshotsResponse } from "./list.types.ts";

export const listSnapshotsRoute = projectProcedure
  .input(ZListSnapshotsRequest)
  .output(ZListSnapshotsResponse)
  .query(({ ctx, input }) => listSnapshots(ctx.cloud, input));
