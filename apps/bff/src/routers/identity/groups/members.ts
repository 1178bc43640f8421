import { groupMembers } from "../../../services/identity/groups.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZGroupMembersRequestSchema, ZGroupMembersResponseSchema } from "./members.types.ts";

export const groupMembersRoute = adminProcedure
  .input(ZGroupMembersRequestSchema)
  .output(ZGroupMembersResponseSchema)
  .query(({ ctx, input }) => groupMembers(ctx.keystone, input.groupId));
