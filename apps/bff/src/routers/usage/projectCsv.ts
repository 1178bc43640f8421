import { projectUsageCsv } from "../../services/usage/project-usage.ts";
import { projectProcedure } from "../../trpc.ts";
import { ZProjectUsageCsvRequestSchema, ZProjectUsageCsvResponseSchema } from "./projectCsv.types.ts";

/** The same reading as `usage.project`, one CSV line per instance per day. */
export const projectUsageCsvRoute = projectProcedure
  .input(ZProjectUsageCsvRequestSchema)
  .output(ZProjectUsageCsvResponseSchema)
  .query(({ ctx, input }) => projectUsageCsv(ctx.cloud, ctx.project, input));
