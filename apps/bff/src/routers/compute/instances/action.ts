import { bulkAction } from "../../../services/compute/instance-ops.ts";
import { announceNetworkChange } from "../../../services/network/changes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZInstanceActionRequestSchema, ZInstanceActionResponseSchema } from "./action.types.ts";

export const instanceActionRoute = projectProcedure
  .input(ZInstanceActionRequestSchema)
  .output(ZInstanceActionResponseSchema)
  .mutation(async ({ ctx, input }) => {
    const outcome = await bulkAction(ctx.cloud, input.ids, input.action);
    // Deletes free ports and state changes recolour nodes: the topology looks again.
    if (outcome.results.some((r) => r.ok)) announceNetworkChange(ctx.project.id);
    return outcome;
  });
