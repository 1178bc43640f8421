/**
 * A table's list state in the URL, as pure functions: the browser's tables
 * (list-params.ts) and the server's prefetch read a URL the same way, so the
 * page the server renders is the one the table asks for.
 */
/** The list procedures' common input: paging, sorting and a name filter, all applied by the BFF. */
export interface ListParams<S extends string = string> {
  page: number;
  pageSize: number;
  sort?: S;
  dir?: "asc" | "desc";
  q?: string;
}

export interface ListPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** URL values are the user's input: bounded before they reach a procedure. */
const MAX_URL_VALUE = 255;
const MAX_PAGE = 100_000;

type SearchLike = Pick<URLSearchParams, "get">;

function bounded(value: string | null): string | undefined {
  const v = value?.trim();
  return v ? v.slice(0, MAX_URL_VALUE) : undefined;
}

/**
 * A table's list input read from the URL (`?page=2&size=50&sort=name&dir=asc&q=web`),
 * defaults where a key is absent or invalid. Pure: the server computes the
 * same input from the same URL to render the page with its data.
 */
export function parseListParams<S extends string>(
  search: SearchLike,
  defaults: Partial<ListParams<S>> = {},
  prefix = "",
): ListParams<S> {
  const page = Number(search.get(`${prefix}page`));
  const size = Number(search.get(`${prefix}size`));
  const dir = search.get(`${prefix}dir`);
  const sort = bounded(search.get(`${prefix}sort`));
  const q = bounded(search.get(`${prefix}q`)) ?? defaults.q;
  const params: ListParams<S> = {
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size)
      ? size
      : (defaults.pageSize ?? DEFAULT_PAGE_SIZE),
  };
  // The BFF checks the sort key against the list's columns (an unknown one is its BAD_REQUEST).
  const sortKey = (sort as S | undefined) ?? defaults.sort;
  if (sortKey !== undefined) params.sort = sortKey;
  const direction = dir === "asc" || dir === "desc" ? dir : defaults.dir;
  if (direction !== undefined) params.dir = direction;
  if (q !== undefined) params.q = q;
  return params;
}

/** The table's filters read from the URL ("" when unset). */
export function parseListFilters<F extends string>(
  search: SearchLike,
  keys: readonly F[],
  prefix = "",
): Record<F, string> {
  const out = {} as Record<F, string>;
  for (const key of keys) out[key] = bounded(search.get(`${prefix}${key}`)) ?? "";
  return out;
}
