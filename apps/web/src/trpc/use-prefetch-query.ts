"use client";

import { useQueryClient } from "@tanstack/react-query";
import { getUntypedClient } from "@trpc/client";
import { useCallback } from "react";
import { type PrefetchQuery, trpcQueryKey } from "./query-key";
import { trpc } from "./react";

/**
 * Fills React Query's cache with a query a page is about to render (a row's
 * detail page on hover), under the key its hook reads. React Query skips
 * it while the cached answer is fresh (the client's staleTime), so hovering
 * back and forth over a row asks once; a failure is left for the page's own
 * hook to show.
 */
export function usePrefetchQuery(): (query: PrefetchQuery) => void {
  const queryClient = useQueryClient();
  const client = getUntypedClient(trpc.useUtils().client);
  return useCallback(
    (query: PrefetchQuery) => {
      void queryClient.prefetchQuery({
        queryKey: trpcQueryKey(query),
        queryFn: ({ signal }) => client.query(query.path, query.input, { signal }),
      });
    },
    [queryClient, client],
  );
}
