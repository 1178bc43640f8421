import type { Point } from "./types";

/**
 * Where the user dragged nodes, per user and project, in localStorage.
 * Only dragged nodes are kept (the rest follows the automatic layout), and
 * what is read back is checked: a corrupt or oversized entry is ignored.
 */
export const LAYOUT_MEMORY_MAX_ENTRIES = 5000;
const MAX_ID_LENGTH = 160;
const MAX_COORDINATE = 1_000_000;
const VERSION = 1;

export function layoutMemoryKey(userId: string, scope: string): string {
  return `zenith.topology.layout.v${VERSION}:${userId}:${scope}`;
}

function isCoordinate(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= MAX_COORDINATE;
}

/** Parses a stored layout; anything unexpected yields an empty one. */
export function parseLayoutMemory(raw: string | null): Map<string, Point> {
  const positions = new Map<string, Point>();
  if (!raw || raw.length > 2_000_000) return positions;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return positions;
  }
  if (typeof parsed !== "object" || parsed === null || !("v" in parsed) || parsed.v !== VERSION)
    return positions;
  const entries = "positions" in parsed ? parsed.positions : undefined;
  if (typeof entries !== "object" || entries === null || Array.isArray(entries)) return positions;
  for (const [id, value] of Object.entries(entries)) {
    if (positions.size >= LAYOUT_MEMORY_MAX_ENTRIES) break;
    if (id.length === 0 || id.length > MAX_ID_LENGTH || !Array.isArray(value) || value.length !== 2) continue;
    const [x, y] = value;
    if (isCoordinate(x) && isCoordinate(y)) positions.set(id, { x, y });
  }
  return positions;
}

/** Serialises dragged positions (rounded; the newest entries kept when over the bound). */
export function serializeLayoutMemory(positions: ReadonlyMap<string, Point>): string {
  const all = [...positions].filter(
    ([id, p]) => id.length > 0 && id.length <= MAX_ID_LENGTH && isCoordinate(p.x) && isCoordinate(p.y),
  );
  const kept = all.slice(Math.max(0, all.length - LAYOUT_MEMORY_MAX_ENTRIES));
  const entries = Object.fromEntries(kept.map(([id, p]) => [id, [Math.round(p.x), Math.round(p.y)]]));
  return JSON.stringify({ v: VERSION, positions: entries });
}

/** Storage that may be missing or refuse (private mode, quota): failures only cost the memory. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function loadLayoutMemory(store: KeyValueStore | undefined, key: string): Map<string, Point> {
  try {
    return parseLayoutMemory(store?.getItem(key) ?? null);
  } catch {
    return new Map();
  }
}

export function saveLayoutMemory(
  store: KeyValueStore | undefined,
  key: string,
  positions: ReadonlyMap<string, Point>,
): void {
  try {
    if (positions.size === 0) store?.removeItem(key);
    else store?.setItem(key, serializeLayoutMemory(positions));
  } catch {
    // Quota or privacy mode: the layout is simply not remembered.
  }
}
