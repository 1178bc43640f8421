import { z } from "zod";

const count = (what: string, min: number) =>
  z
    .string()
    .trim()
    .transform((v) => Number(v === "" ? "0" : v))
    .pipe(
      z
        .number({ error: `Enter the ${what} as a number.` })
        .int(`Enter the ${what} as a whole number.`)
        .min(min, min > 0 ? `The ${what} must be at least ${min}.` : `The ${what} cannot be negative.`),
    );

export const CreateFlavorSchema = z.object({
  name: z.string().trim().min(1, "Enter a name for the flavor.").max(255, "At most 255 characters."),
  vcpus: count("number of vCPUs", 1),
  ram: count("RAM", 1),
  disk: count("disk size", 0),
  ephemeral: count("ephemeral disk size", 0),
  swap: count("swap size", 0),
  isPublic: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});
