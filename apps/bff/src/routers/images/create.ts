import { createImage } from "../../services/images/images.ts";
import { projectProcedure } from "../../trpc.ts";
import { ZCreateImageRequestSchema, ZCreateImageResponseSchema } from "./create.types.ts";

export const createImageRoute = projectProcedure
  .input(ZCreateImageRequestSchema)
  .output(ZCreateImageResponseSchema)
  .mutation(({ ctx, input }) => createImage(ctx.cloud, input));
