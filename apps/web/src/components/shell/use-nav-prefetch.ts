"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { getUntypedClient } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { idlePrefetchable, pageQueries } from "@/lib/nav-page-queries";
import type { NavSection } from "@/lib/navigation";
import { FULL_ROUTE } from "@/lib/route-prefetch";
import { trpcQueryKey } from "@/trpc/query-key";
import { trpc } from "@/trpc/react";
import { idleCandidates, runPooled } from "./nav-prefetch-plan";

/**
 * How long a prefetched entry counts as fresh: the idle pass reads each
 * entry at most once in this period (its data and its route's payload),
 * and a hover within it reads nothing. The data is marked stale once read,
 * so a click renders it from the cache and the page's hook reads it again
 * behind it.
 */
export const NAV_PREFETCH_STALE_MS = 30_000;
/** Idle reads at a time: the page the user is on keeps the other connections. */
const IDLE_CONCURRENCY = 2;
/** How long the idle pass waits for the current page's own reads before it starts anyway. */
const SETTLE_LIMIT_MS = 5_000;
/**
 * After a document load (a typed URL, a reload) the idle pass waits this
 * long more: the server is still streaming and the browser hydrating that
 * document, and one that is left at once (a user opening tab after tab)
 * costs the server no reads for pages never clicked. The page bench saw
 * typed URLs 30-300 ms slower when each document's pass overlapped the next
 * load. After a click (a client navigation) the pass starts when idle.
 */
const AFTER_DOCUMENT_LOAD_MS = 1_000;
/** Whether this document has had a client navigation yet (module state lives as long as the document). */
let navigatedInDocument = false;

/** When each href was last prefetched in this tab (route and data). Cleared when the project changes. */
const prefetchedAt = new Map<string, number>();

/** Forgets what was prefetched (a project switch: the cached pages were another project's). */
export function forgetNavPrefetches(): void {
  prefetchedAt.clear();
}

function isFresh(href: string, now: number): boolean {
  const at = prefetchedAt.get(href);
  return at !== undefined && now - at < NAV_PREFETCH_STALE_MS;
}

/**
 * Calls `start` once the current page's own reads have answered and the
 * browser is idle (so the prefetch never competes with the page the user
 * is waiting for); returns a cancel function.
 */
function whenSettled(queryClient: QueryClient, start: () => void): () => void {
  let idleHandle: number | undefined;
  let unsubscribe: (() => void) | undefined;
  let limit: number | undefined;
  const idle = () => {
    unsubscribe?.();
    unsubscribe = undefined;
    window.clearTimeout(limit);
    if (idleHandle !== undefined) return;
    idleHandle =
      typeof window.requestIdleCallback === "function"
        ? window.requestIdleCallback(start, { timeout: 1_000 })
        : window.setTimeout(start, 50);
  };
  if (queryClient.isFetching() === 0) idle();
  else {
    unsubscribe = queryClient.getQueryCache().subscribe(() => {
      if (queryClient.isFetching() === 0) idle();
    });
    limit = window.setTimeout(idle, SETTLE_LIMIT_MS);
  }
  return () => {
    unsubscribe?.();
    window.clearTimeout(limit);
    if (idleHandle === undefined) return;
    if (typeof window.cancelIdleCallback === "function") window.cancelIdleCallback(idleHandle);
    window.clearTimeout(idleHandle);
  };
}

/**
 * Prefetches side-navigation pages before they are clicked: their route's
 * full payload (Next's router cache) and their first screen's data (React
 * Query's cache, through the same BFF procedures and session as the page's
 * own hooks, under the same keys), so a click renders the page at once.
 * Returns the handler for a user's intent (hover, focus, touch) on a link;
 * besides, once the current page has settled, the other entries of its area
 * (the section holding the current page) and the entry on each side of it
 * are read while the browser is idle, nearest first, two at a time, except
 * the pages whose reads grow with the cloud.
 * `sections` are the entries this user sees: nothing else is prefetched.
 */
export function useNavPrefetch(
  sections: readonly NavSection[],
  currentHref: string | undefined,
): (href: string) => void {
  const router = useRouter();
  const queryClient = useQueryClient();
  const client = getUntypedClient(trpc.useUtils().client);

  const prefetch = useCallback(
    (href: string): Promise<unknown> => {
      prefetchedAt.set(href, Date.now());
      router.prefetch(href, { kind: FULL_ROUTE });
      return Promise.all(
        pageQueries(href).map(async (query) => {
          const queryKey = trpcQueryKey(query);
          await queryClient.prefetchQuery({
            queryKey,
            queryFn: ({ signal }) => client.query(query.path, query.input, { signal }),
            staleTime: NAV_PREFETCH_STALE_MS,
          });
          // Shown at once when the page opens, and read again behind it: the live streams carry
          // only the changes after the page subscribes, not those since this read.
          await queryClient.invalidateQueries({ queryKey, exact: true, refetchType: "none" });
        }),
      );
    },
    [router, queryClient, client],
  );

  const onIntent = useCallback(
    (href: string) => {
      if (href === currentHref || isFresh(href, Date.now())) return;
      void prefetch(href);
    },
    [prefetch, currentHref],
  );

  const candidates = useMemo(
    () => (currentHref === undefined ? [] : idleCandidates(sections, currentHref).filter(idlePrefetchable)),
    [sections, currentHref],
  );

  // The first page of a document renders once with its href; any later one came by a client navigation.
  const firstHref = useRef(currentHref);
  useEffect(() => {
    if (currentHref !== firstHref.current) navigatedInDocument = true;
  }, [currentHref]);

  useEffect(() => {
    if (candidates.length === 0) return;
    let cancelled = false;
    const run = () => {
      void runPooled(candidates, IDLE_CONCURRENCY, async (href) => {
        if (cancelled || isFresh(href, Date.now())) return;
        await prefetch(href);
      });
    };
    let cancelSettle = () => {};
    const timer = window.setTimeout(
      () => {
        cancelSettle = whenSettled(queryClient, run);
      },
      navigatedInDocument ? 0 : AFTER_DOCUMENT_LOAD_MS,
    );
    const cancel = () => {
      window.clearTimeout(timer);
      cancelSettle();
    };
    return () => {
      cancelled = true;
      cancel();
    };
  }, [candidates, queryClient, prefetch]);

  return onIntent;
}
