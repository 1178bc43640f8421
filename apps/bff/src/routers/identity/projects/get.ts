import { getProject } from "../../../services/identity/projects.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZGetProjectRequestSchema, ZGetProjectResponseSchema } from "./get.types.ts";

export const getProjectRoute = adminProcedure
  .input(ZGetProjectRequestSchema)
  .output(ZGetProjectResponseSchema)
  .query(({ ctx, input }) => getProject(ctx.keystone, input.id));
