import { updateRouter } from "../../../services/network/router-mutations.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZUpdateRouterRequestSchema, ZUpdateRouterResponseSchema } from "./update.types.ts";

export const updateRouterRoute = projectProcedure
  .input(ZUpdateRouterRequestSchema)
  .output(ZUpdateRouterResponseSchema)
  .mutation(({ ctx, input }) => updateRouter(ctx.cloud, input));
