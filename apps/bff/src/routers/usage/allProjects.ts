import { allProjectsUsage } from "../../services/usage/all-projects-usage.ts";
import { adminProcedure } from "../../trpc.ts";
import { ZAllProjectsUsageRequestSchema, ZAllProjectsUsageResponseSchema } from "./allProjects.types.ts";

/** Every project's usage over a range (cloud admin): totals, per day, per project. */
export const allProjectsUsageRoute = adminProcedure
  .input(ZAllProjectsUsageRequestSchema)
  .output(ZAllProjectsUsageResponseSchema)
  .query(({ ctx, input }) => allProjectsUsage(ctx.cloud, ctx.session.keystone.token, input));
