import type { QueryValue } from "../http.ts";

export interface Paged<T> {
  items: T[];
  /** Marker of the next page when Cinder says there is one. */
  nextMarker: string | undefined;
}

/** Common Cinder list parameters: filters are attribute names; sort is `key:dir`. */
export interface CinderListQuery {
  sortKey?: string | undefined;
  sortDir?: "asc" | "desc" | undefined;
  limit?: number | undefined;
  marker?: string | undefined;
  /** Admin: every project's resources. */
  allTenants?: boolean | undefined;
  /** Admin with allTenants: one project's. */
  projectId?: string | undefined;
  /** Exact-match attribute filters (`name`, `status`, `volume_id`, …). */
  filters?: Record<string, string | undefined> | undefined;
}

export function listQuery(q: CinderListQuery): Record<string, QueryValue> {
  return {
    ...q.filters,
    sort: q.sortKey ? `${q.sortKey}:${q.sortDir ?? "asc"}` : undefined,
    limit: q.limit,
    marker: q.marker,
    all_tenants: q.allTenants ? 1 : undefined,
    project_id: q.projectId,
  };
}

/** Upper bound on pages followed, so a cloud that repeats its markers cannot spin forever. */
const MAX_PAGES = 1000;

/** Walks marker pages until Cinder stops giving a `next` link (it caps pages at `osapi_max_limit`). */
export async function walk<T>(page: (marker: string | undefined) => Promise<Paged<T>>): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const p = await page(marker);
    all.push(...p.items);
    marker = p.nextMarker;
    if (!marker || seen.has(marker) || p.items.length === 0) return all;
    seen.add(marker);
  }
  return all;
}
