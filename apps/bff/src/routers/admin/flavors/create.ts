import { createFlavor } from "../../../services/admin/flavors.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZCreateFlavorRequestSchema, ZCreateFlavorResponseSchema } from "./create.types.ts";

export const createFlavorRoute = adminProcedure
  .input(ZCreateFlavorRequestSchema)
  .output(ZCreateFlavorResponseSchema)
  .mutation(({ ctx, input }) => createFlavor(ctx.cloud, input));
