import { createRole } from "../../../services/identity/roles.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZCreateRoleRequestSchema, ZCreateRoleResponseSchema } from "./create.types.ts";

export const createRoleRoute = adminProcedure
  .input(ZCreateRoleRequestSchema)
  .output(ZCreateRoleResponseSchema)
  .mutation(({ ctx, input }) => createRole(ctx.keystone, input));
