import { launchOptions } from "../../services/compute/launch-options.ts";
import { projectProcedure } from "../../trpc.ts";
import { ZLaunchOptionsRequestSchema, ZLaunchOptionsResponseSchema } from "./launchOptions.types.ts";

export const launchOptionsRoute = projectProcedure
  .input(ZLaunchOptionsRequestSchema)
  .output(ZLaunchOptionsResponseSchema)
  .query(({ ctx }) => launchOptions(ctx.cloud, ctx.project.id));
