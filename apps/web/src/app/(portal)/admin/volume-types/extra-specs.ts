import { z } from "zod";

/**
 * Extra specs as the form edits them: one `key=value` per line. Blank lines
 * are skipped; a key may appear once; upstream bounds both to 255 characters.
 */
export const ExtraSpecsText = z
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
        ctx.addIssue({
          code: "custom",
          message: `Line ${index + 1}: write key=value (each at most 255 characters).`,
        });
        return z.NEVER;
      }
      if (key in specs) {
        ctx.addIssue({ code: "custom", message: `Line ${index + 1}: "${key}" appears twice.` });
        return z.NEVER;
      }
      specs[key] = value;
    }
    if (Object.keys(specs).length > 100) {
      ctx.addIssue({ code: "custom", message: "At most 100 extra specs." });
      return z.NEVER;
    }
    return specs;
  });

export function specsToText(specs: Record<string, string>): string {
  return Object.entries(specs)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}

export const VolumeTypeFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(255, "At most 255 characters."),
  description: z.string().max(255, "At most 255 characters.").default(""),
  isPublic: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  extraSpecs: ExtraSpecsText.default({}),
});
