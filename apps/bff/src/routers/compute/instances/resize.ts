import { resizeInstance } from "../../../services/compute/instance-ops.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZResizeRequestSchema, ZResizeResponseSchema } from "./resize.types.ts";

export const resizeRoute = projectProcedure
  .input(ZResizeRequestSchema)
  .output(ZResizeResponseSchema)
  .mutation(({ ctx, input }) => resizeInstance(ctx.cloud, input.id, input.flavorId));
