import { deleteNetwork } from "../../../services/network/networks.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZOk } from "../../list.types.ts";
import { ZDeleteNetworkRequestSchema } from "./delete.types.ts";
import { networkScopeOf } from "./scope.ts";

export const deleteNetworkRoute = projectProcedure
  .input(ZDeleteNetworkRequestSchema)
  .output(ZOk)
  .mutation(async ({ ctx, input }) => {
    await deleteNetwork(ctx.cloud, networkScopeOf(ctx), input.id);
    return { ok: true as const };
  });
