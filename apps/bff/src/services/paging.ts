/**
 * Keystone lists are unpaged, so the BFF filters, sorts and pages them
 * before anything crosses the wire; the browser only ever holds one page.
 */

export interface ListQuery<K extends string> {
  page: number;
  pageSize: number;
  sort?: K | undefined;
  dir?: "asc" | "desc" | undefined;
  q?: string | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type SortValue = string | number | boolean | null | undefined;

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * Orders values with empty ones (null, undefined, "") last in both
 * directions, so a sort never opens on a page of blanks; strings compare
 * naturally and case-insensitively ("web-2" before "web-10").
 */
export function compareValues(a: SortValue, b: SortValue, dir: "asc" | "desc" = "asc"): number {
  const aMissing = a === null || a === undefined || a === "";
  const bMissing = b === null || b === undefined || b === "";
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const sign = dir === "desc" ? -1 : 1;
  if (typeof a === "string" && typeof b === "string") return sign * collator.compare(a, b);
  if (a === b) return 0;
  return sign * (a < b ? -1 : 1);
}

export function pageOf<T extends { id: string; name: string }, K extends string & keyof T>(
  items: readonly T[],
  query: ListQuery<K>,
  defaultSort: K,
): Page<T> {
  const needle = query.q?.trim().toLowerCase();
  const filtered = needle ? items.filter((item) => item.name.toLowerCase().includes(needle)) : [...items];
  const key = query.sort ?? defaultSort;
  filtered.sort((a, b) => {
    const byKey = compareValues(sortValue(a[key]), sortValue(b[key]), query.dir);
    // Ties fall back to the id so pages never overlap or skip between requests.
    return byKey !== 0 ? byKey : compareValues(a.id, b.id);
  });
  const start = (query.page - 1) * query.pageSize;
  return {
    items: filtered.slice(start, start + query.pageSize),
    total: filtered.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

function sortValue(value: unknown): SortValue {
  if (value === null || value === undefined) return value;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}
