import { topInstances } from "../../services/metrics/top-instances.ts";
import { projectProcedure } from "../../trpc.ts";
import { scopeOf } from "../compute/scope.ts";
import { ZTopInstancesRequestSchema, ZTopInstancesResponseSchema } from "./topInstances.types.ts";

export const topInstancesRoute = projectProcedure
  .input(ZTopInstancesRequestSchema)
  .output(ZTopInstancesResponseSchema)
  .query(({ ctx, input }) => topInstances(ctx.cloud, scopeOf(ctx), ctx.project.id, input.range, input.limit));
