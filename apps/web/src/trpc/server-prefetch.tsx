import "server-only";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { createTRPCUntypedClient, httpBatchLink } from "@trpc/client";
import { headers } from "next/headers";
import { type ReactNode, Suspense } from "react";
import { env } from "@/env";
import { CLIENT_NAVIGATION_HEADER } from "../../client-navigation.mjs";
import { type PrefetchQuery, trpcQueryKey } from "./query-key";

export type { PrefetchQuery } from "./query-key";
export { trpcQueryKey } from "./query-key";

/** A prefetch slower than this renders without its data: the browser asks and shows its loading state. */
const PREFETCH_BUDGET_MS = 3_000;

/** A client for the BFF that carries the signed-in user's cookie, as the browser's requests through /api/trpc do. */
async function bffClient() {
  const incoming = await headers();
  const forwarded: Record<string, string> = {};
  const cookie = incoming.get("cookie");
  if (cookie) forwarded.cookie = cookie;
  forwarded["x-forwarded-proto"] = incoming.get("x-forwarded-proto") ?? "http";
  const host = incoming.get("host");
  if (host) forwarded["x-forwarded-host"] = host;
  return createTRPCUntypedClient({
    links: [
      httpBatchLink({ url: new URL("/api/trpc", env().ZENITH_BFF_URL).toString(), headers: forwarded }),
    ],
  });
}

/**
 * Renders `children` with the queries' data already in React Query's cache:
 * the server asks the BFF (one batched request, the user's own session),
 * and the page's HTML holds the rows, so a typed URL shows a usable page
 * with no round trip from the browser. A query that fails or runs over
 * budget is left out: the browser's hook asks again and shows the error
 * or the loading state as it always did.
 *
 * Only a typed URL (a document request) is prefetched here; with a
 * `fallback` it streams the page's frame first and this part behind
 * <Suspense> when its data is there. Next's RSC requests (a click's
 * navigation, a hover's prefetch) render the children without asking: a
 * page payload that waits for the BFF is revealed by Next's router after
 * React's Suspense reveal throttle (~300 ms: the page bench saw every
 * prefetched page ~330 ms after a click, the browser-only ones 26-93 ms),
 * while the browser's own query answers sooner, or at once from the cache
 * a row's hover filled. (Next hides the `RSC` header from `headers()` and
 * from the proxy: server.mjs marks these requests, client-navigation.mjs.
 * Until it did, every click waited for the server's read.)
 */
export async function Prefetched({
  queries,
  fallback,
  children,
}: {
  queries: readonly PrefetchQuery[];
  fallback?: ReactNode;
  children: ReactNode;
}) {
  if (await isClientNavigation()) return children;
  const body = <PrefetchedData queries={queries}>{children}</PrefetchedData>;
  if (fallback === undefined) return body;
  return <Suspense fallback={fallback}>{body}</Suspense>;
}

/** Whether this render answers Next's router (a navigation or a prefetch), not a document load. */
async function isClientNavigation(): Promise<boolean> {
  return (await headers()).get(CLIENT_NAVIGATION_HEADER) === "1";
}

async function PrefetchedData({
  queries,
  children,
}: {
  queries: readonly PrefetchQuery[];
  children: ReactNode;
}) {
  const queryClient = new QueryClient();
  const client = await bffClient();
  const signal = AbortSignal.timeout(PREFETCH_BUDGET_MS);
  await Promise.all(
    queries.map(async (query) => {
      try {
        const data = await client.query(query.path, query.input, { signal });
        queryClient.setQueryData(trpcQueryKey(query), data);
      } catch {
        // Left to the browser (see above): its error state says what went wrong.
      }
    }),
  );
  return <HydrationBoundary state={dehydrate(queryClient)}>{children}</HydrationBoundary>;
}

/** Next's `searchParams` prop as URLSearchParams (repeated keys: the first value, as `get` reads it). */
export function toSearchParams(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out.set(key, first);
  }
  return out;
}
