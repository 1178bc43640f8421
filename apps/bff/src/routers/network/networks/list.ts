import { listNetworks } from "../../../services/network/networks.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZListNetworksRequestSchema, ZListNetworksResponseSchema } from "./list.types.ts";
import { networkScopeOf } from "./scope.ts";

export const listNetworksRoute = projectProcedure
  .input(ZListNetworksRequestSchema)
  .output(ZListNetworksResponseSchema)
  .query(({ ctx, input }) => listNetworks(ctx.cloud, networkScopeOf(ctx), input));
