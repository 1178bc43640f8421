import {
  type VolumeAttachment,
  ZVolumeAttachmentResponse,
  ZVolumeAttachmentsResponse,
} from "./schemas/volume-attachments.ts";
import { defined, enc, type NovaTransport } from "./transport.ts";

/**
 * `/servers/{id}/os-volume_attachments`: Nova attaches and detaches Cinder
 * volumes (it reserves the volume, asks the host to plug it and completes
 * the Cinder attachment). Detach is asynchronous (202).
 */
export function volumeAttachmentsApi(nova: NovaTransport) {
  const base = (id: string) => `servers/${enc(id)}/os-volume_attachments`;
  return {
    async list(serverId: string): Promise<VolumeAttachment[]> {
      const res = await nova.request({ path: base(serverId), schema: ZVolumeAttachmentsResponse });
      return res.data.volumeAttachments;
    },
    async get(serverId: string, volumeId: string): Promise<VolumeAttachment> {
      const res = await nova.request({
        path: `${base(serverId)}/${enc(volumeId)}`,
        schema: ZVolumeAttachmentResponse,
      });
      return res.data.volumeAttachment;
    },
    /** `deleteOnTermination` needs 2.79; `device` is a hint most hypervisors ignore. */
    async attach(
      serverId: string,
      input: { volumeId: string; device?: string | undefined; deleteOnTermination?: boolean | undefined },
    ): Promise<VolumeAttachment> {
      const res = await nova.request({
        method: "POST",
        path: base(serverId),
        body: {
          volumeAttachment: defined({
            volumeId: input.volumeId,
            device: input.device,
            delete_on_termination: input.deleteOnTermination,
          }),
        },
        schema: ZVolumeAttachmentResponse,
      });
      return res.data.volumeAttachment;
    },
    async detach(serverId: string, volumeId: string): Promise<void> {
      await nova.send({ method: "DELETE", path: `${base(serverId)}/${enc(volumeId)}` });
    },
  };
}
