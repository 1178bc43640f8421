import type { Point } from "./types";

export type Direction = "up" | "down" | "left" | "right";

export const ARROW_DIRECTIONS: Record<string, Direction> = {
  ArrowUp: "up",
  ArrowDown: "down",
  ArrowLeft: "left",
  ArrowRight: "right",
};

/**
 * The node an arrow key moves keyboard focus to: the nearest centre in that
 * direction, sideways distance weighing double so the focus keeps to a
 * row or column. null when nothing lies that way.
 */
export function nearestInDirection(
  centres: ReadonlyMap<string, Point>,
  from: string,
  direction: Direction,
): string | null {
  const origin = centres.get(from);
  if (!origin) return null;
  let best: string | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const [id, p] of centres) {
    if (id === from) continue;
    const dx = p.x - origin.x;
    const dy = p.y - origin.y;
    const [ahead, side] =
      direction === "up"
        ? [-dy, dx]
        : direction === "down"
          ? [dy, dx]
          : direction === "left"
            ? [-dx, dy]
            : [dx, dy];
    if (ahead <= 0.5) continue;
    const score = ahead + 2 * Math.abs(side);
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}
