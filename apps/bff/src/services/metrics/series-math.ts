import type { Measure } from "@zenith/api-client/gnocchi";

/** One point of a chart: Unix milliseconds and a value in the series' unit. */
export interface Point {
  t: number;
  v: number;
}

/** Turns a measure's value (read at its granularity, in seconds) into a chart value, or null to drop it. */
export type ValueMap = (value: number, granularity: number) => number | null;

/** Drops gaps (null) and keeps the points in time order. */
export function pointsOf(measures: readonly Measure[], map: ValueMap): Point[] {
  const out: Point[] = [];
  for (const m of measures) {
    if (m.value === null) continue;
    const v = map(m.value, m.granularity);
    if (v === null || !Number.isFinite(v)) continue;
    out.push({ t: m.at, v });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** Adds series point by point at equal timestamps (disks of one server, its interfaces). */
export function sumByTime(series: readonly Point[][]): Point[] {
  const total = new Map<number, number>();
  for (const points of series) for (const p of points) total.set(p.t, (total.get(p.t) ?? 0) + p.v);
  return [...total.entries()].map(([t, v]) => ({ t, v })).sort((a, b) => a.t - b.t);
}

/**
 * `rate:mean` of a cumulative counter is its growth per granularity
 * period; per second it is that over the period. A negative rate is a
 * counter that started again (a guest restarted): no reading, not a dip.
 */
export const perSecond: ValueMap = (value, granularity) =>
  value < 0 || granularity <= 0 ? null : value / granularity;

export const asIs: ValueMap = (value) => value;

/**
 * CPU use in percent of the flavor's vCPUs: the CPU time (ns) the guest
 * used in one period over what its vCPUs could use in it, clamped to
 * 0–100 (sampling jitter can overshoot a little).
 */
export function cpuPercent(vcpus: number): ValueMap {
  return (value, granularity) => {
    if (value < 0 || granularity <= 0) return null;
    const capacity = granularity * 1e9 * Math.max(1, vcpus);
    return Math.min(100, Math.max(0, (value / capacity) * 100));
  };
}

export function mean(points: readonly Point[]): number | null {
  if (points.length === 0) return null;
  return points.reduce((sum, p) => sum + p.v, 0) / points.length;
}
