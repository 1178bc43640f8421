import { z } from "zod";

export const ProjectFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a project name.").max(64, "At most 64 characters."),
  description: z.string().max(255, "At most 255 characters.").default(""),
  enabled: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});

export type ProjectFormValues = z.infer<typeof ProjectFormSchema>;
