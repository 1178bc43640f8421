import { createLogger, type Logger } from "@zenith/core/logger";
import type {
  TTopologyDelta,
  TTopologyUpdatesRequest,
} from "../../../routers/network/topology/topology.types.ts";
import type { Cloud } from "../../cloud/clients.ts";
import { toZenithError } from "../../errors.ts";
import { onNetworkChange } from "../changes.ts";
import { diffTopology, initialDelta } from "./diff.ts";
import type { IndexedTopology } from "./digest.ts";
import { readIndexed } from "./graph.ts";
import { changeKeyOf, type TopologyScope, viewOf } from "./view.ts";
import { Wakeup } from "./wakeup.ts";

export const DEFAULT_TOPOLOGY_INTERVAL_MS = 2000;

export interface WatchTopologyOptions {
  /** How often the cloud is re-read when no change notice arrives (changes made outside this BFF). */
  intervalMs?: number | undefined;
  /** How long to gather a burst of change notices before re-reading. */
  coalesceMs?: number | undefined;
  log?: Logger | undefined;
}

const fallbackLog = createLogger("bff-topology");

/**
 * The graph's changes as deltas: re-reads on every interval and at once
 * (after coalescing) when a procedure of this BFF announces a change in
 * the viewed project, diffs against the previous graph and yields only
 * non-empty deltas. The first read is compared with the browser's
 * revision. A failed poll is logged and retried at the next wake-up; an
 * expired token ends the stream (the browser must log in again).
 */
export async function* watchTopology(
  cloud: Cloud,
  scope: TopologyScope,
  request: TTopologyUpdatesRequest,
  signal: AbortSignal | undefined,
  options: WatchTopologyOptions = {},
): AsyncGenerator<TTopologyDelta> {
  const view = viewOf(scope, request);
  const interval = options.intervalMs ?? DEFAULT_TOPOLOGY_INTERVAL_MS;
  const coalesce = options.coalesceMs ?? 50;
  const log = options.log ?? fallbackLog;
  const wakeup = new Wakeup();
  const unsubscribe = onNetworkChange(changeKeyOf(view), () => wakeup.notify());
  try {
    let prev: IndexedTopology | undefined;
    while (!signal?.aborted) {
      let next: IndexedTopology | undefined;
      try {
        next = await readIndexed(cloud, view);
      } catch (err) {
        const mapped = toZenithError(err);
        if (mapped?.code === "UNAUTHORIZED") throw mapped;
        log.warn({ err }, "topology poll failed; retrying at the next interval");
      }
      if (next && !signal?.aborted) {
        const delta = prev ? diffTopology(prev, next) : initialDelta(request.revision, next);
        prev = next;
        if (delta) yield delta;
      }
      await wakeup.wait(interval, coalesce, signal);
    }
  } finally {
    unsubscribe();
  }
}
