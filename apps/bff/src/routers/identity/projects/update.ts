import { updateProject } from "../../../services/identity/projects.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZUpdateProjectRequestSchema, ZUpdateProjectResponseSchema } from "./update.types.ts";

export const updateProjectRoute = adminProcedure
  .input(ZUpdateProjectRequestSchema)
  .output(ZUpdateProjectResponseSchema)
  .mutation(({ ctx, input }) => updateProject(ctx.keystone, input));
