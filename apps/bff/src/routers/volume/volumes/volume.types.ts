import { z } from "zod";

export const ZVolumeAttachmentRow = z.object({
  serverId: z.string(),
  serverName: z.string().nullable(),
  device: z.string().nullable(),
  attachmentId: z.string().nullable(),
  attachedAt: z.string().nullable(),
});

export const ZVolumeRow = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.string(),
  /** Creating, downloading, attaching, detaching…: show progress, keep polling. */
  transitional: z.boolean(),
  size: z.number(),
  volumeType: z.string().nullable(),
  availabilityZone: z.string().nullable(),
  bootable: z.boolean(),
  readonly: z.boolean(),
  encrypted: z.boolean(),
  multiattach: z.boolean(),
  attachments: z.array(ZVolumeAttachmentRow),
  source: z.object({
    kind: z.enum(["empty", "image", "snapshot", "volume", "backup"]),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  projectId: z.string(),
  projectName: z.string().nullable(),
  host: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
});
export type TVolumeRow = z.infer<typeof ZVolumeRow>;

/** Volume names: what Cinder accepts (255), not blank. */
export const ZVolumeName = z.string().trim().min(1, "Enter a name.").max(255);
export const ZDescription = z.string().max(255);
/** GiB; bounded so a typo cannot ask for a petabyte. */
export const ZSizeGb = z.number().int().min(1).max(16_384);
