import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZDescription, ZVolumeName } from "./volume.types.ts";

export const ZUpdateVolumeRequest = z.object({
  id: ZId,
  name: ZVolumeName.optional(),
  description: ZDescription.optional(),
  bootable: z.boolean().optional(),
  readonly: z.boolean().optional(),
});
export type TUpdateVolumeRequest = z.infer<typeof ZUpdateVolumeRequest>;
export { ZVolumeRow as ZUpdateVolumeResponse } from "./volume.types.ts";
