import { listGroups } from "../../../services/identity/groups.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZListGroupsRequestSchema, ZListGroupsResponseSchema } from "./list.types.ts";

export const listGroupsRoute = adminProcedure
  .input(ZListGroupsRequestSchema)
  .output(ZListGroupsResponseSchema)
  .query(({ ctx, input }) => listGroups(ctx.keystone, input));
