import { updateNetwork } from "../../../services/network/networks.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZNetworkSchema } from "./network.types.ts";
import { networkScopeOf } from "./scope.ts";
import { ZUpdateNetworkRequestSchema } from "./update.types.ts";

export const updateNetworkRoute = projectProcedure
  .input(ZUpdateNetworkRequestSchema)
  .output(ZNetworkSchema)
  .mutation(({ ctx, input }) => updateNetwork(ctx.cloud, networkScopeOf(ctx), input));
