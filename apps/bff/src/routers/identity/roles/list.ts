import { listRoles } from "../../../services/identity/roles.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZListRolesRequestSchema, ZListRolesResponseSchema } from "./list.types.ts";

export const listRolesRoute = adminProcedure
  .input(ZListRolesRequestSchema)
  .output(ZListRolesResponseSchema)
  .query(({ ctx, input }) => listRoles(ctx.keystone, input));
