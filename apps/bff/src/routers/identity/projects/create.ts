import { createProject } from "../../../services/identity/projects.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZCreateProjectRequestSchema, ZCreateProjectResponseSchema } from "./create.types.ts";

export const createProjectRoute = adminProcedure
  .input(ZCreateProjectRequestSchema)
  .output(ZCreateProjectResponseSchema)
  .mutation(({ ctx, input }) => createProject(ctx.keystone, input));
