import { addGroupUser } from "../../../services/identity/groups.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZGroupUserRequestSchema, ZGroupUserResponseSchema } from "./addUser.types.ts";

export const addUserRoute = adminProcedure
  .input(ZGroupUserRequestSchema)
  .output(ZGroupUserResponseSchema)
  .mutation(({ ctx, input }) => addGroupUser(ctx.keystone, input.groupId, input.userId));
