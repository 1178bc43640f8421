import { allProjectsUsageCsv } from "../../services/usage/all-projects-usage.ts";
import { adminProcedure } from "../../trpc.ts";
import {
  ZAllProjectsUsageCsvRequestSchema,
  ZAllProjectsUsageCsvResponseSchema,
} from "./allProjectsCsv.types.ts";

/** The same reading as `usage.allProjects`, one CSV line per project per day. */
export const allProjectsUsageCsvRoute = adminProcedure
  .input(ZAllProjectsUsageCsvRequestSchema)
  .output(ZAllProjectsUsageCsvResponseSchema)
  .query(({ ctx, input }) => allProjectsUsageCsv(ctx.cloud, ctx.session.keystone.token, input));
