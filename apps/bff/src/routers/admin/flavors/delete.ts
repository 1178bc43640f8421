import { deleteFlavor } from "../../../services/admin/flavors.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZDeleteFlavorRequestSchema, ZDeleteFlavorResponseSchema } from "./delete.types.ts";

export const deleteFlavorRoute = adminProcedure
  .input(ZDeleteFlavorRequestSchema)
  .output(ZDeleteFlavorResponseSchema)
  .mutation(({ ctx, input }) => deleteFlavor(ctx.cloud, input.id));
