import { listProjects } from "../../../services/identity/projects.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZListProjectsRequestSchema, ZListProjectsResponseSchema } from "./list.types.ts";

export const listProjectsRoute = adminProcedure
  .input(ZListProjectsRequestSchema)
  .output(ZListProjectsResponseSchema)
  .query(({ ctx, input }) => listProjects(ctx.keystone, input));
