import { uploadVolumeToImage } from "../../../services/volume/volumes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZUploadToImageRequest, ZUploadToImageResponse } from "./uploadToImage.types.ts";

export const uploadToImageRoute = projectProcedure
  .input(ZUploadToImageRequest)
  .output(ZUploadToImageResponse)
  .mutation(({ ctx, input }) => uploadVolumeToImage(ctx.cloud, input.id, input));
