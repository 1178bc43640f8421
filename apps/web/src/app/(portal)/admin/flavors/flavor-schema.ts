import type { useTranslations } from "next-intl";
import { z } from "zod";

/** The flavor form's messages in the reader's language (`admin.flavors.validation`). */
export type FlavorValidationT = ReturnType<typeof useTranslations<"admin.flavors.validation">>;

type CountField = "vcpus" | "ram" | "disk" | "ephemeral" | "swap";

/** The create-flavor schema, built with the reader's language (once per render, in a useMemo). */
export function createFlavorSchema(t: FlavorValidationT) {
  const count = (field: CountField, min: number) => {
    const what = t(`what.${field}`);
    return z
      .string()
      .trim()
      .transform((v) => Number(v === "" ? "0" : v))
      .pipe(
        z
          .number({ error: t("number", { what }) })
          .int(t("whole", { what }))
          .min(min, min > 0 ? t("atLeast", { what, min }) : t("notNegative", { what })),
      );
  };
  return z.object({
    name: z.string().trim().min(1, t("enterName")).max(255, t("atMost255")),
    vcpus: count("vcpus", 1),
    ram: count("ram", 1),
    disk: count("disk", 0),
    ephemeral: count("ephemeral", 0),
    swap: count("swap", 0),
    isPublic: z
      .string()
      .optional()
      .transform((v) => v === "on"),
  });
}
