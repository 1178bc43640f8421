import { z } from "zod";
import { CONTAINER_FORMATS, DISK_FORMATS, VISIBILITIES } from "./image-formats";

const wholeNumber = (what: string) =>
  z
    .string()
    .trim()
    .transform((v) => Number(v === "" ? "0" : v))
    .pipe(
      z
        .number({ error: `Enter the ${what} as a number.` })
        .refine(Number.isFinite, `Enter the ${what} as a number.`)
        .int(`Enter the ${what} as a whole number.`)
        .min(0, `The ${what} cannot be negative.`),
    );

export const ImageMetadataSchema = z.object({
  name: z.string().trim().min(1, "Enter a name for the image.").max(255, "At most 255 characters."),
  visibility: z.enum(VISIBILITIES, { error: "Choose who can see the image." }),
  minDisk: wholeNumber("minimum disk"),
  minRam: wholeNumber("minimum RAM"),
});

export const UploadImageSchema = ImageMetadataSchema.extend({
  diskFormat: z.enum(DISK_FORMATS, { error: "Choose the disk format." }),
  containerFormat: z.enum(CONTAINER_FORMATS, { error: "Choose the container format." }),
});

export const EditImageSchema = ImageMetadataSchema.extend({
  protected: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});
