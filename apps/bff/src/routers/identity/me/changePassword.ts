import { changeOwnPassword } from "../../../services/identity/me.ts";
import { authedProcedure } from "../../../trpc.ts";
import { ZChangePasswordRequestSchema, ZChangePasswordResponseSchema } from "./changePassword.types.ts";

export const changePasswordRoute = authedProcedure
  .input(ZChangePasswordRequestSchema)
  .output(ZChangePasswordResponseSchema)
  .mutation(({ ctx, input }) => changeOwnPassword(ctx.keystone, ctx.user.id, input));
