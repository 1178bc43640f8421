import { z } from "zod";

/** One `volumeAttachment` of `/servers/{id}/os-volume_attachments` (2.89 adds `attachment_id`, `bdm_uuid`). */
export const ZVolumeAttachment = z.object({
  id: z.string().optional(),
  volumeId: z.string(),
  serverId: z.string(),
  device: z.string().nullish(),
  /** 2.70+. */
  tag: z.string().nullish(),
  /** 2.79+. */
  delete_on_termination: z.boolean().optional(),
});
export type VolumeAttachment = z.infer<typeof ZVolumeAttachment>;

export const ZVolumeAttachmentsResponse = z.object({ volumeAttachments: z.array(ZVolumeAttachment) });
export const ZVolumeAttachmentResponse = z.object({ volumeAttachment: ZVolumeAttachment });
