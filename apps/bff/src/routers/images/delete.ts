import { deleteImage } from "../../services/images/images.ts";
import { projectProcedure } from "../../trpc.ts";
import { ZDeleteImageRequestSchema, ZDeleteImageResponseSchema } from "./delete.types.ts";

export const deleteImageRoute = projectProcedure
  .input(ZDeleteImageRequestSchema)
  .output(ZDeleteImageResponseSchema)
  .mutation(({ ctx, input }) => deleteImage(ctx.cloud, input.id));
