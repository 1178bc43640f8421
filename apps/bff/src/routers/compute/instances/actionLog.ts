import { actionLog } from "../../../services/compute/instance-ops.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZActionLogRequestSchema, ZActionLogResponseSchema } from "./actionLog.types.ts";

export const actionLogRoute = projectProcedure
  .input(ZActionLogRequestSchema)
  .output(ZActionLogResponseSchema)
  .query(({ ctx, input }) => actionLog(ctx.cloud, input.id));
