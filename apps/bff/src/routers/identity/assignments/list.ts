import { listAssignments } from "../../../services/identity/assignments.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZListAssignmentsRequestSchema, ZListAssignmentsResponseSchema } from "./list.types.ts";

export const listAssignmentsRoute = adminProcedure
  .input(ZListAssignmentsRequestSchema)
  .output(ZListAssignmentsResponseSchema)
  .query(({ ctx, input }) => listAssignments(ctx.keystone, input));
