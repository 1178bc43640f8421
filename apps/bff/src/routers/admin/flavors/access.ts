import { flavorAccess } from "../../../services/admin/flavors.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZFlavorAccessRequestSchema, ZFlavorAccessResponseSchema } from "./access.types.ts";

export const flavorAccessRoute = adminProcedure
  .input(ZFlavorAccessRequestSchema)
  .output(ZFlavorAccessResponseSchema)
  .query(({ ctx, input }) => flavorAccess(ctx.cloud, input.id));
