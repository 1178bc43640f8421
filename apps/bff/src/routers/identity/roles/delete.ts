import { deleteRole } from "../../../services/identity/roles.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZDeleteRoleRequestSchema, ZDeleteRoleResponseSchema } from "./delete.types.ts";

export const deleteRoleRoute = adminProcedure
  .input(ZDeleteRoleRequestSchema)
  .output(ZDeleteRoleResponseSchema)
  .mutation(({ ctx, input }) => deleteRole(ctx.keystone, input.id));
