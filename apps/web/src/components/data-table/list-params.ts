"use client";

import { useCallback, useEffect, useState } from "react";

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

const SEARCH_DEBOUNCE_MS = 300;

export interface ListParamsState<S extends string = string> {
  params: ListParams<S>;
  search: string;
  setSearch: (q: string) => void;
  setPage: (page: number) => void;
  setPageSize: (pageSize: number) => void;
  toggleSort: (key: S) => void;
}

/** Holds a table's list input; the search box is debounced and resets to page 1. */
export function useListParams<S extends string>(initial: Partial<ListParams<S>> = {}): ListParamsState<S> {
  const [params, setParams] = useState<ListParams<S>>({ page: 1, pageSize: 20, ...initial });
  const [search, setSearch] = useState(initial.q ?? "");

  useEffect(() => {
    const timer = window.setTimeout(() => {
      const q = search.trim() || undefined;
      setParams((p) => (p.q === q ? p : { ...p, q, page: 1 }));
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search]);

  const setPage = useCallback((page: number) => setParams((p) => ({ ...p, page })), []);
  const setPageSize = useCallback((pageSize: number) => setParams((p) => ({ ...p, pageSize, page: 1 })), []);
  const toggleSort = useCallback(
    (key: S) =>
      setParams(
        (p): ListParams<S> => ({
          ...p,
          sort: key,
          dir: p.sort === key && p.dir === "asc" ? "desc" : "asc",
          page: 1,
        }),
      ),
    [],
  );

  return { params, search, setSearch, setPage, setPageSize, toggleSort };
}
