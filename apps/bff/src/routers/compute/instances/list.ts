import { listInstances } from "../../../services/compute/list-instances.ts";
import { projectProcedure } from "../../../trpc.ts";
import { scopeOf } from "../scope.ts";
import { ZListInstancesRequestSchema, ZListInstancesResponseSchema } from "./list.types.ts";

export const listInstancesRoute = projectProcedure
  .input(ZListInstancesRequestSchema)
  .output(ZListInstancesResponseSchema)
  .query(({ ctx, input }) => listInstances(ctx.cloud, scopeOf(ctx), input));
