import { updateUser } from "../../../services/identity/users.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZUpdateUserRequestSchema, ZUpdateUserResponseSchema } from "./update.types.ts";

export const updateUserRoute = adminProcedure
  .input(ZUpdateUserRequestSchema)
  .output(ZUpdateUserResponseSchema)
  .mutation(({ ctx, input }) => updateUser(ctx.keystone, input));
