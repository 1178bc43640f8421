import { listFlavors } from "../../../services/compute/flavors.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZListFlavorsRequestSchema, ZListFlavorsResponseSchema } from "./list.types.ts";

export const listFlavorsRoute = projectProcedure
  .input(ZListFlavorsRequestSchema)
  .output(ZListFlavorsResponseSchema)
  .query(({ ctx }) => listFlavors(ctx.cloud));
