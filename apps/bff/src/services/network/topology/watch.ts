import { createLogger, type Logger } from "@zenith/core/logger";
import type {
  TTopologyDelta,
  TTopologyUpdatesRequest,
} from "../../../routers/network/topology/topology.types.ts";
import { sleep as pause } from "../../abortable-sleep.ts";
import type { Cloud } from "../../cloud/clients.ts";
import { toZenithError } from "../../errors.ts";
import { onNetworkChange } from "../changes.ts";
import { diffTopology, initialDelta } from "./diff.ts";
import type { IndexedTopology } from "./digest.ts";
import { followChanges } from "./follow.ts";
import { readIndexed } from "./graph.ts";
import { cachedGraph, graphKey } from "./graph-cache.ts";
import { sharedRead } from "./shared-reads.ts";
import { changeKeyOf, type TopologyScope, viewOf } from "./view.ts";
import { Wakeup } from "./wakeup.ts";

export const DEFAULT_TOPOLOGY_INTERVAL_MS = 2000;
/** With the control plane's change notices flowing, a re-read only as a safety net. */
export const NOTIFIED_TOPOLOGY_INTERVAL_MS = 30_000;

export interface WatchTopologyOptions {
  /** How often the cloud is re-read when no change notice arrives (changes made outside this BFF). */
  intervalMs?: number | undefined;
  /** The same while the cloud's change notices flow (Zenith's control plane; others have none). */
  notifiedIntervalMs?: number | undefined;
  /** How long to gather a burst of change notices before re-reading. */
  coalesceMs?: number | undefined;
  /**
   * Least time between the end of one read and the start of the next: a
   * server's build sends a notice at each step (row, ports, placement, wiring,
   * ACTIVE), and a read of a large cloud costs the control plane more than
   * the steps are apart. The first notice after a quiet spell is read at once.
   */
  minGapMs?: number | undefined;
  log?: Logger | undefined;
}

const fallbackLog = createLogger("bff-topology");

/**
 * The graph's changes as deltas: re-reads at once (after coalescing) when
 * a procedure of this BFF announces a change in the viewed project or the
 * control plane's change notices report one (changes made by the CLI,
 * agents, another BFF), and on an interval: short where the cloud has no
 * notices or they are down, long as a safety net while they flow. Diffs
 * against the previous graph and yields only non-empty deltas. The first read is compared with the browser's
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
  const shortInterval = options.intervalMs ?? DEFAULT_TOPOLOGY_INTERVAL_MS;
  const longInterval = options.notifiedIntervalMs ?? NOTIFIED_TOPOLOGY_INTERVAL_MS;
  const coalesce = options.coalesceMs ?? 50;
  const minGap = options.minGapMs ?? 500;
  const log = options.log ?? fallbackLog;
  const wakeup = new Wakeup();
  const unsubscribe = onNetworkChange(changeKeyOf(view), () => wakeup.notify());
  const following = new AbortController();
  const stopFollowing = () => following.abort();
  signal?.addEventListener("abort", stopFollowing, { once: true });
  let notified = false;
  try {
    const changes = await cloud.changes().catch(() => null);
    if (changes) {
      await followChanges(
        changes,
        view,
        {
          changed: () => wakeup.notify(),
          healthy: (up) => {
            notified = up;
          },
          log,
        },
        following.signal,
      );
    }
    let prev: IndexedTopology | undefined;
    const readKey = graphKey(cloud, view);
    let wantedAt = performance.now();
    while (!signal?.aborted) {
      let next: IndexedTopology | undefined;
      try {
        // The first read is usually the graph the page has just been given: the cache answers it
        // when nothing changed since (the notices' cursor above is not older than the cache's check).
        next = prev
          ? await sharedRead(readKey, wantedAt, () => readIndexed(cloud, view))
          : await cachedGraph(cloud, view);
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
      const readEnd = performance.now();
      wantedAt = await wakeup.wait(notified ? longInterval : shortInterval, coalesce, signal);
      const early = readEnd + minGap - performance.now();
      if (early > 0 && !signal?.aborted) await pause(early, signal);
    }
  } finally {
    stopFollowing();
    signal?.removeEventListener("abort", stopFollowing);
    unsubscribe();
  }
}
