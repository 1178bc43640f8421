import { projectMembers } from "../../../services/identity/projects.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZProjectMembersRequestSchema, ZProjectMembersResponseSchema } from "./members.types.ts";

export const projectMembersRoute = adminProcedure
  .input(ZProjectMembersRequestSchema)
  .output(ZProjectMembersResponseSchema)
  .query(({ ctx, input }) => projectMembers(ctx.keystone, input.projectId));
