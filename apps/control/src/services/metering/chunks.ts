/**
 * Pure arithmetic of the measure store: samples folded into chunk deltas
 * (what the aggregator merges into `measure_chunk`), chunk rows expanded
 * into points, points reduced with an aggregation method. No database here.
 */
import {
  type AggregationMethod,
  ARCHIVE_LEVELS,
  chunkSpan,
  FINEST_GRANULARITY,
  SLOTS_PER_CHUNK,
} from "./archive-policy.ts";

export interface RawMeasure {
  metricSeq: number;
  /** Unix milliseconds. */
  at: number;
  value: number;
}

/** Per slot: null where no sample fell. `mn`/`mx` stay null at the finest granularity (a point there is its mean). */
export interface ChunkArrays {
  cnt: Array<number | null>;
  sum: Array<number | null>;
  mn: Array<number | null>;
  mx: Array<number | null>;
}

export interface ChunkDelta extends ChunkArrays {
  metricSeq: number;
  granularity: number;
  /** Unix seconds of slot 0. */
  start: number;
}

const emptyArrays = (): ChunkArrays => ({
  cnt: new Array<number | null>(SLOTS_PER_CHUNK).fill(null),
  sum: new Array<number | null>(SLOTS_PER_CHUNK).fill(null),
  mn: new Array<number | null>(SLOTS_PER_CHUNK).fill(null),
  mx: new Array<number | null>(SLOTS_PER_CHUNK).fill(null),
});

const ALL_GRANULARITIES = ARCHIVE_LEVELS.map((l) => l.granularity);

/** Folds measures into one delta per (metric, granularity, chunk), for every archive level (or those given). */
export function foldMeasures(
  measures: Iterable<RawMeasure>,
  granularities: readonly number[] = ALL_GRANULARITIES,
): ChunkDelta[] {
  const deltas = new Map<string, ChunkDelta>();
  for (const m of measures) {
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
      delta.cnt[slot] = (delta.cnt[slot] ?? 0) + 1;
      delta.sum[slot] = (delta.sum[slot] ?? 0) + m.value;
      if (granularity > FINEST_GRANULARITY) {
        const mn = delta.mn[slot];
        const mx = delta.mx[slot];
        delta.mn[slot] = mn === null || mn === undefined ? m.value : Math.min(mn, m.value);
        delta.mx[slot] = mx === null || mx === undefined ? m.value : Math.max(mx, m.value);
      }
    }
  }
  return [...deltas.values()];
}

/** One aggregated point. */
export interface Point {
  /** Unix seconds of the point's start. */
  ts: number;
  count: number;
  sum: number;
  min: number;
  max: number;
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
      points.push({ ts, count, sum, min: row.mn?.[slot] ?? mean, max: row.mx?.[slot] ?? mean });
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
          }
        : p,
    );
  }
  return [...byTs.values()].sort((x, y) => x.ts - y.ts);
}

const BASE: Record<"mean" | "min" | "max" | "sum" | "count", (p: Point) => number> = {
  mean: (p) => p.sum / p.count,
  min: (p) => p.min,
  max: (p) => p.max,
  sum: (p) => p.sum,
  count: (p) => p.count,
};

/**
 * Points reduced to `[ts, value]` with Gnocchi's methods. `rate:X` is the
 * change of X between consecutive points (per granularity, not per
 * second), reported at the later point; the first point has no rate.
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
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1];
    const cur = points[i];
    if (prev && cur) out.push([cur.ts, read(cur) - read(prev)]);
  }
  return out;
}
