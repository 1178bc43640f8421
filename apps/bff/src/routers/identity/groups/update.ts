import { updateGroup } from "../../../services/identity/groups.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZUpdateGroupRequestSchema, ZUpdateGroupResponseSchema } from "./update.types.ts";

export const updateGroupRoute = adminProcedure
  .input(ZUpdateGroupRequestSchema)
  .output(ZUpdateGroupResponseSchema)
  .mutation(({ ctx, input }) => updateGroup(ctx.keystone, input));
