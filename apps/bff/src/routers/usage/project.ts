import { projectUsage } from "../../services/usage/project-usage.ts";
import { projectProcedure } from "../../trpc.ts";
import { ZProjectUsageRequestSchema, ZProjectUsageResponseSchema } from "./project.types.ts";

/** The current project's usage over a range of days (`os-simple-tenant-usage`), split per day. */
export const projectUsageRoute = projectProcedure
  .input(ZProjectUsageRequestSchema)
  .output(ZProjectUsageResponseSchema)
  .query(({ ctx, input }) => projectUsage(ctx.cloud, ctx.project.id, input));
