import { listImages } from "../../services/images/images.ts";
import { projectProcedure } from "../../trpc.ts";
import { ZListImagesRequestSchema, ZListImagesResponseSchema } from "./list.types.ts";

export const listImagesRoute = projectProcedure
  .input(ZListImagesRequestSchema)
  .output(ZListImagesResponseSchema)
  .query(({ ctx, input }) => listImages(ctx.cloud, input));
