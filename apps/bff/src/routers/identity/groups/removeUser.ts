import { removeGroupUser } from "../../../services/identity/groups.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZRemoveGroupUserRequestSchema, ZRemoveGroupUserResponseSchema } from "./removeUser.types.ts";

export const removeUserRoute = adminProcedure
  .input(ZRemoveGroupUserRequestSchema)
  .output(ZRemoveGroupUserResponseSchema)
  .mutation(({ ctx, input }) => removeGroupUser(ctx.keystone, input.groupId, input.userId));
