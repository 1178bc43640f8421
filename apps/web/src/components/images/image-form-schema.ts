import type { useTranslations } from "next-intl";
import { z } from "zod";
import { CONTAINER_FORMATS, DISK_FORMATS, VISIBILITIES } from "./image-formats";

/** The validation messages, in the reader's language (`compute.images.validation`). */
export type ImageValidationT = ReturnType<typeof useTranslations<"compute.images.validation">>;

/** The image forms' schemas, built with the reader's language (call once per render, in a useMemo). */
export function imageFormSchemas(t: ImageValidationT) {
  const wholeNumber = (what: "minDisk" | "minRam") =>
    z
      .string()
      .trim()
      .transform((v) => Number(v === "" ? "0" : v))
      .pipe(
        z
          .number({ error: t("number", { what }) })
          .refine(Number.isFinite, t("number", { what }))
          .int(t("wholeNumber", { what }))
          .min(0, t("negative", { what })),
      );

  const imageMetadata = z.object({
    name: z
      .string()
      .trim()
      .min(1, t("enterName"))
      .max(255, t("atMost", { max: 255 })),
    visibility: z.enum(VISIBILITIES, { error: t("chooseVisibility") }),
    minDisk: wholeNumber("minDisk"),
    minRam: wholeNumber("minRam"),
  });

  const uploadImage = imageMetadata.extend({
    diskFormat: z.enum(DISK_FORMATS, { error: t("chooseDiskFormat") }),
    containerFormat: z.enum(CONTAINER_FORMATS, { error: t("chooseContainerFormat") }),
  });

  const editImage = imageMetadata.extend({
    protected: z
      .string()
      .optional()
      .transform((v) => v === "on"),
  });

  return { uploadImage, editImage };
}
