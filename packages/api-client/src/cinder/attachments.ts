import { type CinderListQuery, listQuery } from "./paging.ts";
import { type Attachment, ZAttachmentResponse, ZAttachmentsResponse } from "./schemas.ts";
import { type CinderTransport, enc } from "./transport.ts";

/**
 * The attachment API (3.27+) as a reader sees it. Portals attach through
 * Nova (`os-volume_attachments`), which drives this API itself; creating
 * attachments here is the compute service's job, so only reads and delete
 * (cleaning a stale reservation) are offered.
 */
export function attachmentsApi(cinder: CinderTransport) {
  return {
    async list(query: CinderListQuery = {}): Promise<Attachment[]> {
      const res = await cinder.request({
        path: "attachments/detail",
        query: listQuery(query),
        schema: ZAttachmentsResponse,
      });
      return res.data.attachments;
    },
    async get(id: string): Promise<Attachment> {
      return (await cinder.request({ path: `attachments/${enc(id)}`, schema: ZAttachmentResponse })).data
        .attachment;
    },
    async delete(id: string): Promise<void> {
      await cinder.send({ method: "DELETE", path: `attachments/${enc(id)}` });
    },
  };
}
