import "server-only";
import type { ReactNode } from "react";
import { pageQueries } from "@/lib/nav-page-queries";
import { Prefetched, toSearchParams } from "./server-prefetch";

export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A side-navigation page rendered with the data its URL asks for: its
 * queries come from the page's entry in nav-page-queries.ts, the table the
 * side navigation's prefetch reads too, each list's input computed from the
 * URL exactly as the list's table computes it. `fallback`: see Prefetched
 * (a typed URL streams the table behind it; a click waits for it whole).
 */
export async function PrefetchedPage({
  href,
  searchParams,
  fallback,
  children,
}: {
  href: string;
  searchParams: PageSearchParams;
  fallback?: ReactNode;
  children: ReactNode;
}) {
  const queries = pageQueries(href, toSearchParams(await searchParams));
  return (
    <Prefetched queries={queries} fallback={fallback}>
      {children}
    </Prefetched>
  );
}
