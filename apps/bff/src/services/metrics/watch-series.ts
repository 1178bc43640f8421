import { sleep } from "../abortable-sleep.ts";
import type { Cloud } from "../cloud/clients.ts";
import type { Scope } from "../compute/list-instances.ts";
import {
  findParts,
  type InstanceSource,
  openInstanceSource,
  readSeries,
  SERIES_KEYS,
  type SeriesKey,
  type SeriesSet,
} from "./instance-series.ts";
import { LIVE_INTERVAL_MS, type MetricRange } from "./ranges.ts";
import type { Point } from "./series-math.ts";

/** New or changed points since the last event, per series; the browser upserts them by time. */
export interface SeriesUpdate {
  granularity: number;
  series: Partial<Record<SeriesKey, Point[]>>;
}

export interface WatchSeriesOptions {
  /** The newest point time (Unix ms) the browser holds; default a few periods back. */
  after?: number | undefined;
  signal?: AbortSignal | undefined;
  intervalMs?: number;
  /** Every n-th read also looks for new disks and interfaces (a volume attached, a port added). */
  partsEvery?: number;
  now?: () => number;
}

/** Points not yet sent, or sent with another value (the newest period fills up as samples arrive). */
function fresh(points: readonly Point[], sent: Map<number, number>): Point[] {
  return points.filter((p) => sent.get(p.t) !== p.v);
}

/**
 * Pushes a server's new points while a Metrics tab is open: every sample
 * interval it reads only the last few periods (never the whole range) and
 * yields what the browser has not seen. The newest period of a rollup
 * changes until it closes, so points at an already-sent time are sent again
 * when their value changed. One stream costs a handful of small reads per
 * interval, whatever the range. Like the instance stream it polls: Gnocchi
 * has no push, and samples arrive every interval anyway.
 */
export async function* watchInstanceSeries(
  cloud: Cloud,
  scope: Scope,
  serverId: string,
  range: MetricRange,
  opts: WatchSeriesOptions = {},
): AsyncGenerator<SeriesUpdate> {
  const source = await openInstanceSource(cloud, scope, serverId, range);
  if (source) yield* watchSeries(source, opts);
}

/** The polling loop of `watchInstanceSeries`, on an opened source. */
export async function* watchSeries(
  source: InstanceSource,
  opts: WatchSeriesOptions = {},
): AsyncGenerator<SeriesUpdate> {
  const interval = opts.intervalMs ?? LIVE_INTERVAL_MS;
  const partsEvery = opts.partsEvery ?? 6;
  const now = opts.now ?? Date.now;
  const periodMs = source.granularity * 1000;
  // Two periods back: a rate needs the period before it, and the last one may still be filling.
  let cursor = opts.after ?? now() - 3 * periodMs;
  const sent = new Map<SeriesKey, Map<number, number>>(SERIES_KEYS.map((k) => [k, new Map()]));

  for (let read = 1; !opts.signal?.aborted; read++) {
    if (read % partsEvery === 0) Object.assign(source, await findParts(source.gnocchi, source.serverId));
    const window: SeriesSet = await readSeries(source, new Date(cursor - 2 * periodMs));
    const update: SeriesUpdate = { granularity: source.granularity, series: {} };
    let newest = cursor;
    for (const key of SERIES_KEYS) {
      const memory = sent.get(key) ?? new Map<number, number>();
      const points = fresh(window[key], memory);
      if (points.length > 0) update.series[key] = points;
      for (const p of window[key]) {
        memory.set(p.t, p.v);
        newest = Math.max(newest, p.t);
      }
      // Keep only the times still inside the window read next.
      for (const t of memory.keys()) if (t < newest - 4 * periodMs) memory.delete(t);
    }
    cursor = newest;
    if (Object.keys(update.series).length > 0) yield update;
    await sleep(interval, opts.signal);
  }
}
