// Small statistics for the benches' tables.

/** The p-th percentile (nearest rank) of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
export const max = (values) => Math.max(...values);

/**
 * Frame figures from requestAnimationFrame timestamps: mean frames per
 * second over the span, and the share of frame intervals longer than one
 * 60 Hz frame and than two. Frame times are vsync-aligned (16.7 ms steps),
 * so `slack` keeps a frame that came on time but a hair late from counting.
 */
export function frameStats(frames, slack = 1) {
  const intervals = [];
  for (let i = 1; i < frames.length; i++) intervals.push(frames[i] - frames[i - 1]);
  const span = (frames.at(-1) ?? 0) - (frames[0] ?? 0);
  const over = (ms) => intervals.filter((d) => d > ms + slack).length / Math.max(1, intervals.length);
  const sorted = [...intervals].sort((a, b) => a - b);
  return {
    frames: frames.length,
    seconds: span / 1000,
    fps: span > 0 ? (intervals.length * 1000) / span : 0,
    over16: over(1000 / 60),
    over33: over(2000 / 60),
    p95: percentile(sorted, 95),
    worst: sorted.at(-1) ?? 0,
  };
}

export const fmtMs = (v) => (v === null || Number.isNaN(v) ? "–" : `${Math.round(v)} ms`);
export const pct = (v) => `${(v * 100).toFixed(0)} %`;
