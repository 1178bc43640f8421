/**
 * Newest-first keyset pages of Cinder collections (snapshots, backups):
 * ordered by creation time with the id as tie-breaker, a page starts
 * strictly after its marker row.
 */
export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Rows after `marker` in NEWEST_FIRST order (a `where` fragment for any table with those two columns). */
export function afterMarker(marker: { createdAt: Date; id: string } | null): {
  OR?: Array<{ createdAt: { lt: Date } } | { createdAt: Date; id: { lt: string } }>;
} {
  if (marker === null) return {};
  return {
    OR: [{ createdAt: { lt: marker.createdAt } }, { createdAt: marker.createdAt, id: { lt: marker.id } }],
  };
}
