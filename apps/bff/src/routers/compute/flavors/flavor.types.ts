import { z } from "zod";

export const ZFlavorSchema = z.object({
  id: z.string(),
  name: z.string(),
  vcpus: z.number(),
  /** MB */
  ram: z.number(),
  /** GB */
  disk: z.number(),
  ephemeral: z.number(),
  swap: z.number(),
  isPublic: z.boolean(),
  extraSpecs: z.record(z.string(), z.string()),
});
export type TFlavor = z.infer<typeof ZFlavorSchema>;
