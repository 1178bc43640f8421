"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { DEFAULT_PAGE_SIZE, type ListParams, parseListFilters, parseListParams } from "./list-url";
import { locationQuery, subscribeLocation, writeLocationQuery } from "./location-search";

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
 * back button walks its pages, sorts and filters: each change of sort,
 * filter, page or page size makes a history entry, and a search makes one
 * entry once it settles (the typing that follows amends it). The state is
 * read from the browser's location itself (see location-search.ts), so
 * Back and Forward restore the table at once, also to entries made before
 * a reload.
 */
export function useListParams<S extends string, F extends string = never>(
  initial: Partial<ListParams<S>> = {},
  options: ListUrlOptions<F> = {},
): ListParamsState<S, F> {
  const prefix = options.prefix ?? "";
  const filterKeys = options.filters ?? [];
  // Next's copy of the URL: what the server rendered with (hydration reads it), and a render
  // whenever Next navigates within this page (a link to this list without a query).
  const serverQuery = useSearchParams().toString();
  // The path of the page this table is on, as rendered (while a navigation away is pending, still this one).
  const pathname = useRef("");
  pathname.current = usePathname();
  // The location's query while it is this page's; while Back or a link leaves for another page
  // (the address changes before that page renders), the last one read here.
  const lastQuery = useRef(serverQuery);
  const readQuery = useCallback(() => {
    if (window.location.pathname === pathname.current) lastQuery.current = locationQuery();
    return lastQuery.current;
  }, []);
  const query = useSyncExternalStore(subscribeLocation, readQuery, () => serverQuery);
  // Defaults and filter keys are literals at each call site: keyed by value, not identity.
  const initialKey = JSON.stringify(initial);
  const filterKey = filterKeys.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the query, the defaults or the keys change
  const params = useMemo(
    () => parseListParams<S>(new URLSearchParams(query), initial, prefix),
    [query, initialKey, prefix],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const filters = useMemo(
    () => parseListFilters(new URLSearchParams(query), filterKeys, prefix),
    [query, filterKey, prefix],
  );
  const [search, setSearch] = useState(params.q ?? "");
  const defaults = useRef(initial);
  defaults.current = initial;
  // Whether the last entry this table wrote is a search's that the user is still typing: the typing
  // that goes on amends it. A press outside the search box or Back/Forward settles it.
  const searchEntry = useRef(false);
  useEffect(() => {
    const settle = (e: Event) => {
      if (e.target instanceof HTMLInputElement && e.target.type === "search") return;
      searchEntry.current = false;
    };
    window.addEventListener("popstate", settle);
    document.addEventListener("pointerdown", settle);
    document.addEventListener("keydown", settle);
    return () => {
      window.removeEventListener("popstate", settle);
      document.removeEventListener("pointerdown", settle);
      document.removeEventListener("keydown", settle);
    };
  }, []);

  /** Writes keys into the URL (a default or empty value removes its key). */
  const write = useCallback(
    (changes: Record<string, string | number | undefined>, mode: "push" | "replace" | "search") => {
      // Only the page this table is on: never write into another page's URL (a navigation away).
      if (window.location.pathname !== pathname.current) return;
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
      const text = next.toString();
      if (text === locationQuery()) return;
      const entry = mode === "search" ? (searchEntry.current ? "replace" : "push") : mode;
      searchEntry.current = mode === "search";
      writeLocationQuery(text, entry);
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

  // The typed search reaches the URL after a pause, or at once when the user presses a pointer or a
  // key elsewhere: a link clicked within the pause starts its navigation after the URL is written, so
  // the write (Next follows History API calls with a navigation of its own) cannot cancel it.
  useEffect(() => {
    const q = search.trim();
    if (q === urlQ) return;
    const flush = () => {
      stop();
      write({ q, page: undefined }, "search");
    };
    const timer = window.setTimeout(flush, SEARCH_DEBOUNCE_MS);
    const onPress = (e: Event) => {
      if (e.target instanceof HTMLInputElement && e.target.type === "search") return;
      flush();
    };
    document.addEventListener("pointerdown", onPress, true);
    document.addEventListener("keydown", onPress, true);
    function stop() {
      window.clearTimeout(timer);
      document.removeEventListener("pointerdown", onPress, true);
      document.removeEventListener("keydown", onPress, true);
    }
    return stop;
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
