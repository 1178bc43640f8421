import { bulkAction } from "../../../services/compute/instance-ops.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZInstanceActionRequestSchema, ZInstanceActionResponseSchema } from "./action.types.ts";

export const instanceActionRoute = projectProcedure
  .input(ZInstanceActionRequestSchema)
  .output(ZInstanceActionResponseSchema)
  .mutation(({ ctx, input }) => bulkAction(ctx.cloud, input.ids, input.action));
