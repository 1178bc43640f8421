import { getImage } from "../../services/images/images.ts";
import { projectProcedure } from "../../trpc.ts";
import { ZGetImageRequestSchema, ZGetImageResponseSchema } from "./get.types.ts";

export const getImageRoute = projectProcedure
  .input(ZGetImageRequestSchema)
  .output(ZGetImageResponseSchema)
  .query(({ ctx, input }) => getImage(ctx.cloud, input.id));
