import { listHypervisors } from "../../../services/admin/hosts.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZListHypervisorsRequestSchema, ZListHypervisorsResponseSchema } from "./list.types.ts";

export const listHypervisorsRoute = adminProcedure
  .input(ZListHypervisorsRequestSchema)
  .output(ZListHypervisorsResponseSchema)
  .query(({ ctx }) => listHypervisors(ctx.cloud));
