import { listScopeableProjects } from "../../services/session.ts";
import { authedProcedure } from "../../trpc.ts";
import { ZNoInput } from "../list.types.ts";
import { ZSessionProjectsResponseSchema } from "./projects.types.ts";

export const projectsRoute = authedProcedure
  .input(ZNoInput)
  .output(ZSessionProjectsResponseSchema)
  .query(({ ctx }) => listScopeableProjects(ctx.keystone));
