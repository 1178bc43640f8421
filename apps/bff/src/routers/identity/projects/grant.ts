import { grantOnProject } from "../../../services/identity/projects.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZProjectGrantRequestSchema, ZProjectGrantResponseSchema } from "./grant.types.ts";

export const grantRoute = adminProcedure
  .input(ZProjectGrantRequestSchema)
  .output(ZProjectGrantResponseSchema)
  .mutation(({ ctx, input }) => grantOnProject(ctx.keystone, input));
