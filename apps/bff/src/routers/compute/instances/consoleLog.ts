import { consoleLog } from "../../../services/compute/instance-ops.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZConsoleLogRequestSchema, ZConsoleLogResponseSchema } from "./consoleLog.types.ts";

export const consoleLogRoute = projectProcedure
  .input(ZConsoleLogRequestSchema)
  .output(ZConsoleLogResponseSchema)
  .query(({ ctx, input }) => consoleLog(ctx.cloud, input.id, input.lines));
