import { z } from "zod";
import { createHttpClient, type FetchLike } from "../http.ts";

/**
 * Zenith's own change notices (catalog type `zenith-changes`): a long poll
 * that answers when a project's networks, subnets, ports, routers, floating
 * IPs or servers changed. Not an OpenStack API: a real OpenStack cloud has
 * no such entry, and callers fall back to polling the listings.
 */
export const CHANGES_SERVICE_TYPE = "zenith-changes";

export const ZChangeBatch = z.object({
  epoch: z.string().max(64),
  latest: z.number().int().min(0),
  /** Notices may be missing: re-read everything, then go on from `latest`. */
  reset: z.boolean(),
  changes: z
    .array(z.object({ table: z.string().max(64), project_id: z.string().max(64).nullable() }))
    .max(1000),
});
export type ChangeBatch = z.infer<typeof ZChangeBatch>;

export interface ChangeCursor {
  epoch: string | undefined;
  after: number;
}

/** The longest wait the service accepts. */
export const MAX_CHANGE_WAIT_S = 25;

export function createChangesClient(opts: {
  endpoint: string;
  token: string;
  fetch?: FetchLike | undefined;
}) {
  const http = createHttpClient({ baseUrl: opts.endpoint, token: opts.token, fetch: opts.fetch });
  return {
    /** Changes after `cursor`, waiting up to `waitS` seconds for one. */
    async wait(cursor: ChangeCursor, waitS: number, signal?: AbortSignal): Promise<ChangeBatch> {
      const wait = Math.max(0, Math.min(MAX_CHANGE_WAIT_S, waitS));
      const res = await http.request({
        path: "changes",
        query: { after: cursor.after, epoch: cursor.epoch, wait },
        schema: ZChangeBatch,
        // Room for the wait itself plus a slow answer.
        timeoutMs: (wait + 15) * 1000,
        signal,
      });
      return res.data;
    },
  };
}
export type ChangesClient = ReturnType<typeof createChangesClient>;
