import { createUser } from "../../../services/identity/users.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZCreateUserRequestSchema, ZCreateUserResponseSchema } from "./create.types.ts";

export const createUserRoute = adminProcedure
  .input(ZCreateUserRequestSchema)
  .output(ZCreateUserResponseSchema)
  .mutation(({ ctx, input }) => createUser(ctx.keystone, input));
