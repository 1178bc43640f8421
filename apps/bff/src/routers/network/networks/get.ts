import { getNetwork } from "../../../services/network/networks.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZGetNetworkRequestSchema, ZGetNetworkResponseSchema } from "./get.types.ts";
import { networkScopeOf } from "./scope.ts";

export const getNetworkRoute = projectProcedure
  .input(ZGetNetworkRequestSchema)
  .output(ZGetNetworkResponseSchema)
  .query(({ ctx, input }) => getNetwork(ctx.cloud, networkScopeOf(ctx), input.id));
