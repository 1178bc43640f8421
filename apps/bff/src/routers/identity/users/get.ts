import { getUser } from "../../../services/identity/users.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZGetUserRequestSchema, ZGetUserResponseSchema } from "./get.types.ts";

export const getUserRoute = adminProcedure
  .input(ZGetUserRequestSchema)
  .output(ZGetUserResponseSchema)
  .query(({ ctx, input }) => getUser(ctx.keystone, input.id));
