import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { changeFilterFor } from "../../policy/changes.ts";
import type { ChangeFeed } from "../../services/changes/feed.ts";
import { type RouteEnv, requireAuth } from "../identity/route-env.ts";
import { parse } from "../parse.ts";

/** Zenith's own API (not OpenStack's): listed in the catalog as `zenith-changes`. */
export const ZENITH_PREFIX = "/zenith/v1";

/** Longest a request may wait for a change, under the clients' usual 30 s timeouts. */
export const MAX_WAIT_S = 25;

const ZQuery = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  epoch: z.string().max(64).optional(),
  wait: z.coerce.number().min(0).max(MAX_WAIT_S).default(0),
});

/**
 * `GET /zenith/v1/changes?after=<cursor>&epoch=<epoch>&wait=<seconds>`:
 * which projects' networks, subnets, ports, routers, floating IPs and
 * servers changed after the cursor, waiting up to `wait` seconds for one
 * (long polling), so live views re-read when something changed instead of
 * on a timer. `reset: true` means "notices may be missing: re-read
 * everything". The first call (no epoch) always gets a reset and the cursor.
 */
export function registerChangeRoutes(app: FastifyInstance, env: RouteEnv & { feed: ChangeFeed }): void {
  app.get(`${ZENITH_PREFIX}/changes`, async (request, reply) => {
    const ctx = await requireAuth(env, request);
    const visible = changeFilterFor(ctx);
    const q = parse(ZQuery, request.query);
    // A client that goes away ends its wait (no timer left per dropped connection).
    const gone = new AbortController();
    reply.raw.once("close", () => gone.abort());
    const batch = await env.feed.wait(q.after, q.epoch, visible, q.wait * 1000, gone.signal);
    return {
      epoch: batch.epoch,
      latest: batch.latest,
      reset: batch.reset,
      changes: batch.changes.map((c) => ({ table: c.table, project_id: c.projectId })),
    };
  });
}
