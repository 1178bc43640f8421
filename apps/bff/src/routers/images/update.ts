import { updateImage } from "../../services/images/images.ts";
import { projectProcedure } from "../../trpc.ts";
import { ZUpdateImageRequestSchema, ZUpdateImageResponseSchema } from "./update.types.ts";

export const updateImageRoute = projectProcedure
  .input(ZUpdateImageRequestSchema)
  .output(ZUpdateImageResponseSchema)
  .mutation(({ ctx, input }) => updateImage(ctx.cloud, input));
