/**
 * Keyset pages ordered by creation time with the id as tie-breaker: a page
 * starts strictly after its marker row, read from the database (never
 * sliced from every row). Newest first for Cinder's snapshots and backups,
 * oldest first for Nova's usage report (2.40 pages over instances).
 */
export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];
export const OLDEST_FIRST = [{ createdAt: "asc" as const }, { id: "asc" as const }];

type Marker = { createdAt: Date; id: string } | null;

/** Rows after `marker` in NEWEST_FIRST order (a `where` fragment for any table with those two columns). */
export function afterMarker(marker: Marker) {
  if (marker === null) return {};
  return {
    OR: [{ createdAt: { lt: marker.createdAt } }, { createdAt: marker.createdAt, id: { lt: marker.id } }],
  };
}

/** Rows after `marker` in OLDEST_FIRST order. */
export function afterMarkerOldestFirst(marker: Marker) {
  if (marker === null) return {};
  return {
    OR: [{ createdAt: { gt: marker.createdAt } }, { createdAt: marker.createdAt, id: { gt: marker.id } }],
  };
}
