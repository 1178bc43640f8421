import { routerOptions } from "../../../services/network/router-options.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZRouterOptionsRequestSchema, ZRouterOptionsResponseSchema } from "./options.types.ts";
import { networkScopeOf } from "./scope.ts";

export const routerOptionsRoute = projectProcedure
  .input(ZRouterOptionsRequestSchema)
  .output(ZRouterOptionsResponseSchema)
  .query(({ ctx, input }) => routerOptions(ctx.cloud, networkScopeOf(ctx), input));
