import { getRouter } from "../../../services/network/routers.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZGetRouterRequestSchema, ZGetRouterResponseSchema } from "./get.types.ts";
import { networkScopeOf } from "./scope.ts";

export const getRouterRoute = projectProcedure
  .input(ZGetRouterRequestSchema)
  .output(ZGetRouterResponseSchema)
  .query(({ ctx, input }) => getRouter(ctx.cloud, ctx.session.keystone.token, networkScopeOf(ctx), input.id));
