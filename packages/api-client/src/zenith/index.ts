import { z } from "zod";
import { createHttpClient, type FetchLike } from "../http.ts";

/**
 * Zenith's own API (catalog type `zenith-changes`): change notices, a long
 * poll that answers when a project's networks, subnets, ports, routers,
 * floating IPs or servers changed, and server counts per status. Not an
 * OpenStack API: a real OpenStack cloud has no such entry, and callers fall
 * back to polling and paging the listings.
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

/** Servers of every project per API status (`GET /zenith/v1/server-counts`, admins). */
export const ZServerCounts = z.object({
  server_counts: z.array(z.object({ status: z.string().max(64), count: z.number().int().min(0) })).max(64),
});
export type ServerCounts = z.infer<typeof ZServerCounts>["server_counts"];

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
    /** Servers of every project per status, most first; the all-projects listing's policy applies (403 otherwise). */
    async serverCounts(): Promise<ServerCounts> {
      return (await http.request({ path: "server-counts", schema: ZServerCounts })).data.server_counts;
    },
  };
}
export type ChangesClient = ReturnType<typeof createChangesClient>;
