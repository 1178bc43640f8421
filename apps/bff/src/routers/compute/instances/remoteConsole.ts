import { remoteConsole } from "../../../services/compute/instance-ops.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZRemoteConsoleRequestSchema, ZRemoteConsoleResponseSchema } from "./remoteConsole.types.ts";

export const remoteConsoleRoute = projectProcedure
  .input(ZRemoteConsoleRequestSchema)
  .output(ZRemoteConsoleResponseSchema)
  .mutation(({ ctx, input }) => remoteConsole(ctx.cloud, input.id, input.kind));
