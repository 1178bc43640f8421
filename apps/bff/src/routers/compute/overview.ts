import { computeOverview } from "../../services/compute/overview.ts";
import { projectProcedure } from "../../trpc.ts";
import { ZOverviewRequestSchema, ZOverviewResponseSchema } from "./overview.types.ts";

export const overviewRoute = projectProcedure
  .input(ZOverviewRequestSchema)
  .output(ZOverviewResponseSchema)
  .query(({ ctx }) => computeOverview(ctx.cloud, ctx.project.id));
