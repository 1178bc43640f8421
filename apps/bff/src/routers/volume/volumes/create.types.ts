import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZDescription, ZSizeGb, ZVolumeName } from "./volume.types.ts";

export const ZCreateVolumeRequest = z.object({
  name: ZVolumeName,
  description: ZDescription.optional(),
  size: ZSizeGb,
  volumeType: z.string().max(255).optional(),
  availabilityZone: z.string().max(255).optional(),
  source: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("empty") }),
    z.object({ kind: z.literal("image"), id: ZId }),
    z.object({ kind: z.literal("snapshot"), id: ZId }),
    z.object({ kind: z.literal("volume"), id: ZId }),
  ]),
});
export type TCreateVolumeRequest = z.infer<typeof ZCreateVolumeRequest>;
export { ZVolumeRow as ZCreateVolumeResponse } from "./volume.types.ts";
