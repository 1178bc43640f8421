import { rebuildInstance } from "../../../services/compute/instance-ops.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZRebuildRequestSchema, ZRebuildResponseSchema } from "./rebuild.types.ts";

export const rebuildRoute = projectProcedure
  .input(ZRebuildRequestSchema)
  .output(ZRebuildResponseSchema)
  .mutation(({ ctx, input }) => rebuildInstance(ctx.cloud, input));
