import "server-only";
import type { ReactNode } from "react";
import type { ListScope, ListSpec } from "@/components/data-table/list-spec";
import { parseListFilters, parseListParams } from "@/components/data-table/list-url";
import { Prefetched, toSearchParams } from "./server-prefetch";

export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A list page's table with the rows its URL asks for already rendered:
 * the input comes from the list's spec exactly as the table computes it.
 * `extra` are other queries the table makes on first render (filters'
 * options, say), prefetched in the same batch. `fallback`: see Prefetched
 * (a typed URL streams the table behind it; a click waits for it whole).
 */
export async function PrefetchedList<I, S extends string, F extends string>({
  spec,
  scope,
  searchParams,
  prefix,
  extra = [],
  fallback,
  children,
}: {
  spec: ListSpec<I, S, F>;
  scope: ListScope;
  searchParams: PageSearchParams;
  prefix?: string;
  extra?: ReadonlyArray<{ path: string; input?: unknown }>;
  fallback?: ReactNode;
  children: ReactNode;
}) {
  const url = toSearchParams(await searchParams);
  const input = spec.input(
    scope,
    parseListParams(url, spec.defaults, prefix),
    parseListFilters(url, spec.filters, prefix),
  );
  return (
    <Prefetched queries={[{ path: spec.path, input }, ...extra]} fallback={fallback}>
      {children}
    </Prefetched>
  );
}
