import { createRouter } from "../../../services/network/router-mutations.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCreateRouterRequestSchema, ZCreateRouterResponseSchema } from "./create.types.ts";
import { networkScopeOf } from "./scope.ts";

export const createRouterRoute = projectProcedure
  .input(ZCreateRouterRequestSchema)
  .output(ZCreateRouterResponseSchema)
  .mutation(({ ctx, input }) => createRouter(ctx.cloud, networkScopeOf(ctx), input));
