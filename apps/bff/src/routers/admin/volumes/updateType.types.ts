import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZUpdateVolumeTypeRequest = z.object({
  id: ZId,
  name: z.string().trim().min(1, "Enter a name.").max(255).optional(),
  description: z.string().max(255).optional(),
  isPublic: z.boolean().optional(),
});
export { ZOk as ZUpdateVolumeTypeResponse } from "../../list.types.ts";
