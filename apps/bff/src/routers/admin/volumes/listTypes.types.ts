import { z } from "zod";

export { ZNoInput as ZListVolumeTypesRequest } from "../../list.types.ts";
export const ZVolumeTypeRow = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  isPublic: z.boolean(),
  extraSpecs: z.record(z.string(), z.string()),
});
export type TVolumeTypeRow = z.infer<typeof ZVolumeTypeRow>;
export const ZListVolumeTypesResponse = z.array(ZVolumeTypeRow);
