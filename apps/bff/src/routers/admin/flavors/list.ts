import { listAllFlavors } from "../../../services/admin/flavors.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZListAllFlavorsRequestSchema, ZListAllFlavorsResponseSchema } from "./list.types.ts";

export const listAllFlavorsRoute = adminProcedure
  .input(ZListAllFlavorsRequestSchema)
  .output(ZListAllFlavorsResponseSchema)
  .query(({ ctx }) => listAllFlavors(ctx.cloud));
