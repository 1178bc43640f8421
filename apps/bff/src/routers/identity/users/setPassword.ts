import { setUserPassword } from "../../../services/identity/users.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZSetPasswordRequestSchema, ZSetPasswordResponseSchema } from "./setPassword.types.ts";

export const setPasswordRoute = adminProcedure
  .input(ZSetPasswordRequestSchema)
  .output(ZSetPasswordResponseSchema)
  .mutation(({ ctx, input }) => setUserPassword(ctx.keystone, input.id, input.password));
