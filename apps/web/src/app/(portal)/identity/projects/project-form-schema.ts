import { z } from "zod";
import type { ValidationT } from "../users/user-form-schemas";

/** Built with the reader's language, for the messages under the fields. */
export function projectFormSchema(t: ValidationT) {
  return z.object({
    name: z
      .string()
      .trim()
      .min(1, t("enterProjectName"))
      .max(64, t("atMost", { max: 64 })),
    description: z
      .string()
      .max(255, t("atMost", { max: 255 }))
      .default(""),
    enabled: z
      .string()
      .optional()
      .transform((v) => v === "on"),
  });
}

export type ProjectFormValues = z.infer<ReturnType<typeof projectFormSchema>>;
