import type { useTranslations } from "next-intl";
import { z } from "zod";

/** The volume types page's messages in the reader's language (`admin.volumeTypes`). */
export type VolumeTypesT = ReturnType<typeof useTranslations<"admin.volumeTypes">>;

/**
 * Extra specs as the form edits them: one `key=value` per line. Blank lines
 * are skipped; a key may appear once; upstream bounds both to 255 characters.
 */
export function extraSpecsText(t: VolumeTypesT) {
  return z
    .string()
    .max(20_000)
    .transform((text, ctx) => {
      const specs: Record<string, string> = {};
      for (const [index, raw] of text.split("\n").entries()) {
        const line = raw.trim();
        if (line === "") continue;
        const eq = line.indexOf("=");
        const key = eq < 0 ? "" : line.slice(0, eq).trim();
        const value = eq < 0 ? "" : line.slice(eq + 1).trim();
        if (!key || key.length > 255 || value.length > 255) {
          ctx.addIssue({ code: "custom", message: t("validation.badLine", { line: index + 1 }) });
          return z.NEVER;
        }
        if (key in specs) {
          ctx.addIssue({ code: "custom", message: t("validation.twice", { line: index + 1, key }) });
          return z.NEVER;
        }
        specs[key] = value;
      }
      if (Object.keys(specs).length > 100) {
        ctx.addIssue({ code: "custom", message: t("validation.tooMany") });
        return z.NEVER;
      }
      return specs;
    });
}

export function specsToText(specs: Record<string, string>): string {
  return Object.entries(specs)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}

/** The create/edit form's schema, in the reader's language (once per render, in a useMemo). */
export function volumeTypeFormSchema(t: VolumeTypesT) {
  const atMost = t("validation.atMost255");
  return z.object({
    name: z.string().trim().min(1, t("validation.enterName")).max(255, atMost),
    description: z.string().max(255, atMost).default(""),
    isPublic: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    extraSpecs: extraSpecsText(t).default({}),
  });
}
