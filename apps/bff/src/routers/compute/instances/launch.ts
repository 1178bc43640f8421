import { launchInstances } from "../../../services/compute/launch.ts";
import { announceNetworkChange } from "../../../services/network/changes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZLaunchRequestSchema, ZLaunchResponseSchema } from "./launch.types.ts";

export const launchRoute = projectProcedure
  .input(ZLaunchRequestSchema)
  .output(ZLaunchResponseSchema)
  .mutation(async ({ ctx, input }) => {
    const launched = await launchInstances(ctx.cloud, input);
    // New instances bring new ports: open topology diagrams look again.
    announceNetworkChange(ctx.project.id);
    return launched;
  });
