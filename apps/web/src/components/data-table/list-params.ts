"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DEFAULT_PAGE_SIZE, type ListParams, parseListFilters, parseListParams } from "./list-url";

export type { ListPage, ListParams } from "./list-url";
export { PAGE_SIZES } from "./list-url";

const SEARCH_DEBOUNCE_MS = 300;

export interface ListParamsState<S extends string = string, F extends string = never> {
  params: ListParams<S>;
  /** The table's own filters (status, host, project…), "" when unset. */
  filters: Record<F, string>;
  search: string;
  setSearch: (q: string) => void;
  setPage: (page: number) => void;
  setPageSize: (pageSize: number) => void;
  toggleSort: (key: S) => void;
  /** Sets one filter and starts again at page 1. */
  setFilter: (key: F, value: string) => void;
}

export interface ListUrlOptions<F extends string> {
  /** The table's filters, kept in the URL beside page, size, sort, dir and q. */
  filters?: readonly F[];
  /** Prefix of this table's URL keys, where a page holds more than one table (e.g. "ports."). */
  prefix?: string;
}

/**
 * Holds a table's list input in the URL, so a list is shareable and the
 * back button walks its pages, sorts and filters. Changes go through the
 * History API (Next's router follows it without asking the server again);
 * the search box is debounced, resets to page 1 and replaces the entry
 * instead of adding one per keystroke.
 */
export function useListParams<S extends string, F extends string = never>(
  initial: Partial<ListParams<S>> = {},
  options: ListUrlOptions<F> = {},
): ListParamsState<S, F> {
  const prefix = options.prefix ?? "";
  const filterKeys = options.filters ?? [];
  const url = useSearchParams();
  const urlText = url.toString();
  // Defaults and filter keys are literals at each call site: keyed by value, not identity.
  const initialKey = JSON.stringify(initial);
  const filterKey = filterKeys.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the URL, the defaults or the keys change
  const params = useMemo(() => parseListParams<S>(url, initial, prefix), [urlText, initialKey, prefix]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const filters = useMemo(() => parseListFilters(url, filterKeys, prefix), [urlText, filterKey, prefix]);
  const [search, setSearch] = useState(params.q ?? "");
  const defaults = useRef(initial);
  defaults.current = initial;

  /** Writes keys into the URL (a default or empty value removes its key). */
  const write = useCallback(
    (changes: Record<string, string | number | undefined>, mode: "push" | "replace") => {
      const next = new URLSearchParams(window.location.search);
      const d = defaults.current;
      const defaultOf: Record<string, string | undefined> = {
        page: "1",
        size: String(d.pageSize ?? DEFAULT_PAGE_SIZE),
        sort: d.sort,
        dir: d.dir,
      };
      for (const [key, raw] of Object.entries(changes)) {
        const value = raw === undefined ? "" : String(raw);
        if (value === "" || value === defaultOf[key]) next.delete(`${prefix}${key}`);
        else next.set(`${prefix}${key}`, value);
      }
      const query = next.toString();
      const target = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
      if (mode === "push") window.history.pushState(null, "", target);
      else window.history.replaceState(null, "", target);
    },
    [prefix],
  );

  // The search box follows the URL when it changes from outside (back button, a shared link).
  const urlQ = params.q ?? "";
  const typed = useRef(search);
  typed.current = search;
  useEffect(() => {
    if (typed.current.trim() !== urlQ) setSearch(urlQ);
  }, [urlQ]);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      const q = search.trim();
      if (q !== urlQ) write({ q, page: undefined }, "replace");
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search, urlQ, write]);

  const setPage = useCallback((page: number) => write({ page }, "push"), [write]);
  const setPageSize = useCallback(
    (pageSize: number) => write({ size: pageSize, page: undefined }, "push"),
    [write],
  );
  const sortRef = useRef(params);
  sortRef.current = params;
  const toggleSort = useCallback(
    (key: S) => {
      const p = sortRef.current;
      write({ sort: key, dir: p.sort === key && p.dir === "asc" ? "desc" : "asc", page: undefined }, "push");
    },
    [write],
  );
  const setFilter = useCallback(
    (key: F, value: string) => write({ [key]: value, page: undefined }, "push"),
    [write],
  );

  return { params, filters, search, setSearch, setPage, setPageSize, toggleSort, setFilter };
}
