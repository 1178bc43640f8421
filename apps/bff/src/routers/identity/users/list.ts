import { listUsers } from "../../../services/identity/users.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZListUsersRequestSchema, ZListUsersResponseSchema } from "./list.types.ts";

export const listUsersRoute = adminProcedure
  .input(ZListUsersRequestSchema)
  .output(ZListUsersResponseSchema)
  .query(({ ctx, input }) => listUsers(ctx.keystone, input));
