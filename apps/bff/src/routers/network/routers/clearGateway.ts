import { clearRouterGateway } from "../../../services/network/router-mutations.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZClearGatewayRequestSchema, ZClearGatewayResponseSchema } from "./clearGateway.types.ts";

export const clearGatewayRoute = projectProcedure
  .input(ZClearGatewayRequestSchema)
  .output(ZClearGatewayResponseSchema)
  .mutation(({ ctx, input }) => clearRouterGateway(ctx.cloud, input.id));
