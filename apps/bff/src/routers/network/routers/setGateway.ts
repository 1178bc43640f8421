import { setRouterGateway } from "../../../services/network/router-mutations.ts";
import { projectProcedure } from "../../../trpc.ts";
import { networkScopeOf } from "./scope.ts";
import { ZSetGatewayRequestSchema, ZSetGatewayResponseSchema } from "./setGateway.types.ts";

export const setGatewayRoute = projectProcedure
  .input(ZSetGatewayRequestSchema)
  .output(ZSetGatewayResponseSchema)
  .mutation(({ ctx, input }) => setRouterGateway(ctx.cloud, networkScopeOf(ctx), input));
