export interface Point {
  t: number;
  v: number;
}

/**
 * Applies pushed points to a series: a point at a time already held
 * replaces it (the newest period fills up as samples arrive), others are
 * inserted in time order, and points older than `from` fall off so the
 * window slides with the clock.
 */
export function mergePoints(current: readonly Point[], pushed: readonly Point[], from: number): Point[] {
  if (pushed.length === 0 && (current[0]?.t ?? from) >= from) return [...current];
  const byTime = new Map<number, number>();
  for (const p of current) byTime.set(p.t, p.v);
  for (const p of pushed) byTime.set(p.t, p.v);
  return [...byTime]
    .filter(([t]) => t >= from)
    .sort(([a], [b]) => a - b)
    .map(([t, v]) => ({ t, v }));
}
