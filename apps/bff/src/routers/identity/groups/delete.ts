import { deleteGroup } from "../../../services/identity/groups.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZDeleteGroupRequestSchema, ZDeleteGroupResponseSchema } from "./delete.types.ts";

export const deleteGroupRoute = adminProcedure
  .input(ZDeleteGroupRequestSchema)
  .output(ZDeleteGroupResponseSchema)
  .mutation(({ ctx, input }) => deleteGroup(ctx.keystone, input.id));
