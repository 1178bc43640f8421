import { createNetwork } from "../../../services/network/networks.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCreateNetworkRequestSchema, ZCreateNetworkResponseSchema } from "./create.types.ts";
import { networkScopeOf } from "./scope.ts";

export const createNetworkRoute = projectProcedure
  .input(ZCreateNetworkRequestSchema)
  .output(ZCreateNetworkResponseSchema)
  .mutation(({ ctx, input }) => createNetwork(ctx.cloud, networkScopeOf(ctx), input, ctx.log));
