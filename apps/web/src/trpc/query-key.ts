/**
 * A query as the browser's hook asks it (procedure path and input) and the
 * key @trpc/react-query caches it under. Pure: the server's prefetch and
 * the browser's hover prefetch fill the same cache entry the hook reads.
 */
export interface PrefetchQuery {
  path: string;
  input?: unknown;
}

/** The query key @trpc/react-query gives `trpc.<path>.useQuery(input)`. */
export function trpcQueryKey(query: PrefetchQuery): unknown[] {
  return [
    query.path.split("."),
    { ...(query.input === undefined ? {} : { input: query.input }), type: "query" },
  ];
}
