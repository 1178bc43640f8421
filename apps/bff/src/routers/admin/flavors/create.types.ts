import { z } from "zod";

export const ZCreateFlavorRequestSchema = z.object({
  name: z.string().trim().min(1).max(255),
  vcpus: z.number().int().min(1),
  ram: z.number().int().min(1),
  disk: z.number().int().min(0),
  /** Nova generates a UUID when omitted. */
  id: z.string().trim().min(1).max(255).optional(),
  ephemeral: z.number().int().min(0).optional(),
  swap: z.number().int().min(0).optional(),
  isPublic: z.boolean().optional(),
  description: z.string().max(65_535).optional(),
  extraSpecs: z.record(z.string().min(1).max(255), z.string().max(255)).optional(),
});
export type TCreateFlavorRequest = z.infer<typeof ZCreateFlavorRequestSchema>;
export { ZFlavorSchema as ZCreateFlavorResponseSchema } from "../../compute/flavors/flavor.types.ts";
