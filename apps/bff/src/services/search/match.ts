import type { SearchHit } from "./kinds.ts";

/** Nova, Glance, Neutron and Cinder ids are dashed UUIDs; Keystone's are the same 32 hex digits without dashes. */
const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

/** A whole id goes straight to a lookup by id instead of a name search. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** What a searcher gets: the trimmed text, whether it is a UUID, and how many hits it may return. */
export interface SearchQuery {
  text: string;
  uuid: boolean;
  limit: number;
}

/**
 * How well a hit matches, or null when it does not: 0 exact name, 1 name
 * prefix, 2 name substring, 3 id prefix. Case-insensitive and literal
 * (no pattern characters), as the portal's list filters are.
 */
export function matchRank(text: string, hit: Pick<SearchHit, "id" | "name">): number | null {
  const needle = text.toLowerCase();
  const name = hit.name.toLowerCase();
  if (name === needle) return 0;
  if (name.startsWith(needle)) return 1;
  if (name.includes(needle)) return 2;
  if (hit.id.toLowerCase().startsWith(needle)) return 3;
  return null;
}

/** The best `limit` hits that match, best first, then by name. */
export function bestMatches(text: string, hits: readonly SearchHit[], limit: number): SearchHit[] {
  return hits
    .flatMap((hit) => {
      const rank = matchRank(text, hit);
      return rank === null ? [] : [{ hit, rank }];
    })
    .sort(
      (a, b) => a.rank - b.rank || a.hit.name.localeCompare(b.hit.name) || a.hit.id.localeCompare(b.hit.id),
    )
    .slice(0, limit)
    .map((entry) => entry.hit);
}
