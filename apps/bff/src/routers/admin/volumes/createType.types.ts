import { z } from "zod";
import { ZExtraSpecs } from "./extraSpecs.types.ts";

export const ZCreateVolumeTypeRequest = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(255),
  description: z.string().max(255).optional(),
  isPublic: z.boolean().default(true),
  extraSpecs: ZExtraSpecs.default({}),
});
export const ZCreateVolumeTypeResponse = z.object({ id: z.string() });
