import { deleteUser } from "../../../services/identity/users.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZDeleteUserRequestSchema, ZDeleteUserResponseSchema } from "./delete.types.ts";

export const deleteUserRoute = adminProcedure
  .input(ZDeleteUserRequestSchema)
  .output(ZDeleteUserResponseSchema)
  .mutation(({ ctx, input }) => deleteUser(ctx.keystone, input.id, ctx.user.id));
