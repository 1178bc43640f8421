import { deleteRouter } from "../../../services/network/router-mutations.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZDeleteRouterRequestSchema, ZDeleteRouterResponseSchema } from "./delete.types.ts";

export const deleteRouterRoute = projectProcedure
  .input(ZDeleteRouterRequestSchema)
  .output(ZDeleteRouterResponseSchema)
  .mutation(({ ctx, input }) => deleteRouter(ctx.cloud, input.id));
