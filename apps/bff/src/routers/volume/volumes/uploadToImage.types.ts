import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZUploadToImageRequest = z.object({
  id: ZId,
  imageName: z.string().trim().min(1, "Enter an image name.").max(255),
  diskFormat: z.enum(["raw", "qcow2"]).default("raw"),
  /** Upload an attached volume (crash-consistent). */
  force: z.boolean().default(false),
});
export const ZUploadToImageResponse = z.object({ imageId: z.string() });
