import { setFlavorAccess } from "../../../services/admin/flavors.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZSetFlavorAccessRequestSchema, ZSetFlavorAccessResponseSchema } from "./setAccess.types.ts";

export const setFlavorAccessRoute = adminProcedure
  .input(ZSetFlavorAccessRequestSchema)
  .output(ZSetFlavorAccessResponseSchema)
  .mutation(({ ctx, input }) => setFlavorAccess(ctx.cloud, input.id, input.projectIds));
