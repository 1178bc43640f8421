import { getInstance } from "../../../services/compute/instance-ops.ts";
import { projectProcedure } from "../../../trpc.ts";
import { scopeOf } from "../scope.ts";
import { ZGetInstanceRequestSchema, ZGetInstanceResponseSchema } from "./get.types.ts";

export const getInstanceRoute = projectProcedure
  .input(ZGetInstanceRequestSchema)
  .output(ZGetInstanceResponseSchema)
  .query(({ ctx, input }) => getInstance(ctx.cloud, scopeOf(ctx), input.id));
