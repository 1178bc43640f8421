import { deleteProject } from "../../../services/identity/projects.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZDeleteProjectRequestSchema, ZDeleteProjectResponseSchema } from "./delete.types.ts";

export const deleteProjectRoute = adminProcedure
  .input(ZDeleteProjectRequestSchema)
  .output(ZDeleteProjectResponseSchema)
  .mutation(({ ctx, input }) => deleteProject(ctx.keystone, input.id));
