import { createGroup } from "../../../services/identity/groups.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZCreateGroupRequestSchema, ZCreateGroupResponseSchema } from "./create.types.ts";

export const createGroupRoute = adminProcedure
  .input(ZCreateGroupRequestSchema)
  .output(ZCreateGroupResponseSchema)
  .mutation(({ ctx, input }) => createGroup(ctx.keystone, input, ctx.user.domainId));
