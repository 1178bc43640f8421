import { launchInstances } from "../../../services/compute/launch.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZLaunchRequestSchema, ZLaunchResponseSchema } from "./launch.types.ts";

export const launchRoute = projectProcedure
  .input(ZLaunchRequestSchema)
  .output(ZLaunchResponseSchema)
  .mutation(({ ctx, input }) => launchInstances(ctx.cloud, input));
