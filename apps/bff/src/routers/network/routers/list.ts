import { listRouters } from "../../../services/network/routers.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZListRoutersRequestSchema, ZListRoutersResponseSchema } from "./list.types.ts";
import { networkScopeOf } from "./scope.ts";

export const listRoutersRoute = projectProcedure
  .input(ZListRoutersRequestSchema)
  .output(ZListRoutersResponseSchema)
  .query(({ ctx, input }) => listRouters(ctx.cloud, ctx.session.keystone.token, networkScopeOf(ctx), input));
