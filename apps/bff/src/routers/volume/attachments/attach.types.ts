import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZDescription, ZSizeGb, ZVolumeName } from "../volumes/volume.types.ts";

/** An existing volume, or a new empty one made in the same step. */
export const ZAttachVolumeRequest = z
  .object({
    serverId: ZId,
    volumeId: ZId.optional(),
    create: z
      .object({
        name: ZVolumeName,
        description: ZDescription.optional(),
        size: ZSizeGb,
        volumeType: z.string().max(255).optional(),
      })
      .optional(),
  })
  .refine((r) => (r.volumeId === undefined) !== (r.create === undefined), {
    message: "Choose a volume or create one.",
    path: ["volumeId"],
  });
export const ZAttachVolumeResponse = z.object({ volumeId: z.string(), device: z.string().nullable() });
