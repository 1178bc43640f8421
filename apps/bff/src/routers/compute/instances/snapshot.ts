import { snapshotInstance } from "../../../services/compute/instance-ops.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZSnapshotRequestSchema, ZSnapshotResponseSchema } from "./snapshot.types.ts";

export const snapshotRoute = projectProcedure
  .input(ZSnapshotRequestSchema)
  .output(ZSnapshotResponseSchema)
  .mutation(({ ctx, input }) => snapshotInstance(ctx.cloud, input.id, input.name));
