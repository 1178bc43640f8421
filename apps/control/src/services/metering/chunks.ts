/**
 * Pure arithmetic of the measure store: samples folded into chunk deltas
 * (what the aggregator merges into `measure_chunk`), chunk rows expanded
 * into points, points reduced with an aggregation method. No database here.
 */
import { type AggregationMethod, ARCHIVE_LEVELS, chunkSpan, SLOTS_PER_CHUNK } from "./archive-policy.ts";

export interface RawMeasure {
  metricSeq: number;
  /** Unix milliseconds. */
  at: number;
  value: number;
}

/**
 * Per slot: null where no sample fell. `mn`/`mx` are kept at every
 * granularity, the finest too: an agent may sample more often than every
 * 10 s, and a point's max is then not its mean. (Chunks written before
 * kept none at 10 s; a point there reads its mean.) `d*` are the same four of the
 * changes between consecutive samples (Gnocchi's `rate:*`): each change
 * lands in the slot of its later sample; a metric's first sample, and a
 * sample older than one already folded, make none (Gnocchi drops samples
 * behind its back window from rates the same way).
 */
export interface ChunkArrays {
  cnt: Array<number | null>;
  sum: Array<number | null>;
  mn: Array<number | null>;
  mx: Array<number | null>;
  dcnt: Array<number | null>;
  dsum: Array<number | null>;
  dmn: Array<number | null>;
  dmx: Array<number | null>;
}

export interface ChunkDelta extends ChunkArrays {
  metricSeq: number;
  granularity: number;
  /** Unix seconds of slot 0. */
  start: number;
}

const slotsOf = () => new Array<number | null>(SLOTS_PER_CHUNK).fill(null);
const emptyArrays = (): ChunkArrays => ({
  cnt: slotsOf(),
  sum: slotsOf(),
  mn: slotsOf(),
  mx: slotsOf(),
  dcnt: slotsOf(),
  dsum: slotsOf(),
  dmn: slotsOf(),
  dmx: slotsOf(),
});

/** A metric's newest folded sample: where the next fold's changes start. */
export interface LastSample {
  at: number;
  value: number;
}

/** Adds `value` to slot `slot` of count, sum, min and max. */
function foldInto(
  arrays: {
    cnt: Array<number | null>;
    sum: Array<number | null>;
    mn: Array<number | null>;
    mx: Array<number | null>;
  },
  slot: number,
  value: number,
): void {
  arrays.cnt[slot] = (arrays.cnt[slot] ?? 0) + 1;
  arrays.sum[slot] = (arrays.sum[slot] ?? 0) + value;
  const mn = arrays.mn[slot];
  const mx = arrays.mx[slot];
  arrays.mn[slot] = mn === null || mn === undefined ? value : Math.min(mn, value);
  arrays.mx[slot] = mx === null || mx === undefined ? value : Math.max(mx, value);
}

const ALL_GRANULARITIES = ARCHIVE_LEVELS.map((l) => l.granularity);

/**
 * Folds measures into one delta per (metric, granularity, chunk), for every
 * archive level (or those given), and the changes between consecutive
 * samples of each metric (in time order, starting from `previous`, the
 * metric's newest sample already folded). `last` is each metric's newest
 * sample after this fold.
 */
export function foldMeasures(
  measures: Iterable<RawMeasure>,
  granularities: readonly number[] = ALL_GRANULARITIES,
  previous: ReadonlyMap<number, LastSample> = new Map(),
): { deltas: ChunkDelta[]; last: Map<number, LastSample> } {
  const deltas = new Map<string, ChunkDelta>();
  const sorted = [...measures].sort((x, y) => x.metricSeq - y.metricSeq || x.at - y.at);
  const last = new Map<number, LastSample>();
  for (const m of sorted) {
    const prev = last.get(m.metricSeq) ?? previous.get(m.metricSeq);
    const change = prev !== undefined && m.at > prev.at ? m.value - prev.value : undefined;
    if (prev === undefined || m.at > prev.at) last.set(m.metricSeq, { at: m.at, value: m.value });
    const seconds = Math.floor(m.at / 1000);
    for (const granularity of granularities) {
      const span = chunkSpan(granularity);
      const start = Math.floor(seconds / span) * span;
      const slot = Math.floor((seconds - start) / granularity);
      const key = `${m.metricSeq}:${granularity}:${start}`;
      let delta = deltas.get(key);
      if (!delta) {
        delta = { metricSeq: m.metricSeq, granularity, start, ...emptyArrays() };
        deltas.set(key, delta);
      }
      foldInto(delta, slot, m.value);
      if (change !== undefined) {
        foldInto({ cnt: delta.dcnt, sum: delta.dsum, mn: delta.dmn, mx: delta.dmx }, slot, change);
      }
    }
  }
  return { deltas: [...deltas.values()], last };
}

const ARRAY_KEYS = [
  "cnt",
  "sum",
  "mn",
  "mx",
  "dcnt",
  "dsum",
  "dmn",
  "dmx",
] as const satisfies readonly (keyof ChunkArrays)[];

/** A delta as the aggregator sends it to the database: only its touched slots, from slot `off`. */
export interface TrimmedDelta extends ChunkArrays {
  metricSeq: number;
  granularity: number;
  start: number;
  /** The first touched slot: slot `off + i` is index `i` of each array. */
  off: number;
}

/**
 * A delta cut to the slots it touches. A fold touches a few slots of each
 * chunk (about 6 at 10 s for a minute's samples, 1 at 1 h), and sending all
 * 60 of its 8 arrays made one batch of 100,000 samples over 30,000 metrics
 * a JSON of more than 256 MB, past PostgreSQL's limit for one jsonb value:
 * the fold failed on every round and the backlog was never folded.
 */
export function trimDelta(delta: ChunkDelta): TrimmedDelta {
  let first = SLOTS_PER_CHUNK;
  let end = 0;
  for (const key of ARRAY_KEYS) {
    const values = delta[key];
    for (let slot = 0; slot < values.length; slot++) {
      if (values[slot] === null || values[slot] === undefined) continue;
      first = Math.min(first, slot);
      end = Math.max(end, slot + 1);
    }
  }
  const off = Math.min(first, end);
  const cut = (values: Array<number | null>) => values.slice(off, end).map((v) => v ?? null);
  return {
    metricSeq: delta.metricSeq,
    granularity: delta.granularity,
    start: delta.start,
    off,
    cnt: cut(delta.cnt),
    sum: cut(delta.sum),
    mn: cut(delta.mn),
    mx: cut(delta.mx),
    dcnt: cut(delta.dcnt),
    dsum: cut(delta.dsum),
    dmn: cut(delta.dmn),
    dmx: cut(delta.dmx),
  };
}

/** The changes between consecutive samples that fell in one point (Gnocchi's `rate:*`). */
export interface Changes {
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** One aggregated point. */
export interface Point {
  /** Unix seconds of the point's start. */
  ts: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Absent where no change fell in the point (a metric's first sample). */
  changes?: Changes | undefined;
}

export interface ChunkRow extends Partial<ChunkArrays> {
  granularity: number;
  start: number;
}

/** The points of chunk rows within [from, to) (Unix seconds), in time order. */
export function expandChunks(rows: readonly ChunkRow[], from: number, to: number): Point[] {
  const points: Point[] = [];
  const sorted = [...rows].sort((a, b) => a.start - b.start);
  for (const row of sorted) {
    for (let slot = 0; slot < SLOTS_PER_CHUNK; slot++) {
      const count = row.cnt?.[slot];
      const sum = row.sum?.[slot];
      if (count === null || count === undefined || count <= 0 || sum === null || sum === undefined) continue;
      const ts = row.start + slot * row.granularity;
      if (ts < from || ts >= to) continue;
      const mean = sum / count;
      const dcount = row.dcnt?.[slot];
      const dsum = row.dsum?.[slot];
      const changes =
        dcount !== null && dcount !== undefined && dcount > 0 && dsum !== null && dsum !== undefined
          ? {
              count: dcount,
              sum: dsum,
              min: row.dmn?.[slot] ?? dsum / dcount,
              max: row.dmx?.[slot] ?? dsum / dcount,
            }
          : undefined;
      points.push({ ts, count, sum, min: row.mn?.[slot] ?? mean, max: row.mx?.[slot] ?? mean, changes });
    }
  }
  return points;
}

/** Two point series of one metric as one: points at the same time combine. Both in time order. */
export function mergePoints(a: readonly Point[], b: readonly Point[]): Point[] {
  const byTs = new Map<number, Point>();
  for (const p of [...a, ...b]) {
    const q = byTs.get(p.ts);
    byTs.set(
      p.ts,
      q
        ? {
            ts: p.ts,
            count: q.count + p.count,
            sum: q.sum + p.sum,
            min: Math.min(q.min, p.min),
            max: Math.max(q.max, p.max),
            changes: mergeChanges(q.changes, p.changes),
          }
        : p,
    );
  }
  return [...byTs.values()].sort((x, y) => x.ts - y.ts);
}

function mergeChanges(a: Changes | undefined, b: Changes | undefined): Changes | undefined {
  if (!a || !b) return a ?? b;
  return {
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
  };
}

const BASE: Record<"mean" | "min" | "max" | "sum" | "count", (p: Point) => number> = {
  mean: (p) => p.sum / p.count,
  min: (p) => p.min,
  max: (p) => p.max,
  sum: (p) => p.sum,
  count: (p) => p.count,
};

/**
 * Points reduced to `[ts, value]` with Gnocchi's methods. `rate:X` is X of
 * the changes between consecutive samples that fell in the point (as
 * Gnocchi differentiates the raw series before aggregating): a counter
 * growing 1 per second, sampled every 10 s, has `rate:mean` 10 and
 * `rate:sum` 60 at 1 min. A point without a change (the metric's first
 * sample) has no rate.
 */
export function aggregatePoints(
  points: readonly Point[],
  method: AggregationMethod,
): Array<[number, number]> {
  if (!method.startsWith("rate:")) {
    const read = BASE[method as keyof typeof BASE];
    return points.map((p) => [p.ts, read(p)]);
  }
  const read = BASE[method.slice("rate:".length) as keyof typeof BASE];
  const out: Array<[number, number]> = [];
  for (const p of points) {
    if (p.changes) out.push([p.ts, read({ ts: p.ts, ...p.changes })]);
  }
  return out;
}
