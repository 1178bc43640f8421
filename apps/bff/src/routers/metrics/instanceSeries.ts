import { instanceSeries } from "../../services/metrics/instance-series.ts";
import { projectProcedure } from "../../trpc.ts";
import { scopeOf } from "../compute/scope.ts";
import { ZInstanceSeriesRequestSchema, ZInstanceSeriesResponseSchema } from "./instanceSeries.types.ts";

/** A server's CPU, memory, disk and network series over a range (NOT_FOUND for another project's server). */
export const instanceSeriesRoute = projectProcedure
  .input(ZInstanceSeriesRequestSchema)
  .output(ZInstanceSeriesResponseSchema)
  .query(({ ctx, input }) => instanceSeries(ctx.cloud, scopeOf(ctx), input.id, input.range));
