"use client";

import { clsx } from "clsx";
import { ArrowDown, ArrowUp, ArrowUpDown, Search } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { PrefetchQuery } from "@/trpc/query-key";
import { usePrefetchQuery } from "@/trpc/use-prefetch-query";
import type { ListPage, ListParamsState } from "./list-params";
import { Pagination } from "./pagination";
import { SkeletonRows, TableEmpty, TableError, TableMessageRow } from "./table-states";

export interface Column<T, S extends string = string> {
  key: string;
  header: string;
  /** The BFF sort key, when the column is sortable. */
  sortKey?: S;
  cell: (row: T) => ReactNode;
  className?: string;
}

interface DataTableProps<T, S extends string> {
  /** Accessible name of the table, e.g. "Projects". */
  label: string;
  columns: readonly Column<T, S>[];
  rowKey: (row: T) => string;
  list: ListParamsState<S>;
  data: ListPage<T> | undefined;
  isLoading: boolean;
  error: unknown;
  onRetry: () => void;
  emptyTitle: string;
  emptyHint?: ReactNode;
  toolbar?: ReactNode;
  /** Extra filter controls beside the name filter (e.g. a status select). */
  filters?: ReactNode;
  /** Whether any filter besides the name is set, for the empty message. */
  filtered?: boolean;
  /**
   * The query a row's detail page opens with (trpc/page-queries.ts): hovering the row fills React
   * Query's cache with it, so a click on the row's link shows the page at once.
   */
  rowQuery?: (row: T) => PrefetchQuery;
  /** Placeholder and label of the name filter (default "Filter by name"). */
  searchLabel?: string;
  rowActions?: (row: T) => ReactNode;
  selection?: RowSelection<T>;
}

/** A list query's result as the table's `data`, `isLoading`, `error` and `onRetry` (spread into its props). */
export function queryProps<T>(query: {
  data: ListPage<T> | undefined;
  isLoading: boolean;
  error: unknown;
  refetch: () => unknown;
}): Pick<DataTableProps<T, string>, "data" | "isLoading" | "error" | "onRetry"> {
  return {
    data: query.data,
    isLoading: query.isLoading,
    error: query.error,
    onRetry: () => void query.refetch(),
  };
}

/** Checkbox selection of rows on the current page (for bulk actions). */
export interface RowSelection<T> {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** Names the row's checkbox: "Select web-1". */
  rowLabel: (row: T) => string;
}

function SelectAllCheckbox<T>({
  rows,
  rowKey,
  selection,
}: {
  rows: readonly T[];
  rowKey: (row: T) => string;
  selection: RowSelection<T>;
}) {
  const t = useTranslations("dataTable");
  const keys = rows.map(rowKey);
  const chosen = keys.filter((k) => selection.selected.has(k)).length;
  const all = keys.length > 0 && chosen === keys.length;
  return (
    <input
      type="checkbox"
      aria-label={t("selectAll")}
      className="size-4 accent-[var(--accent)]"
      checked={all}
      ref={(el) => {
        if (el) el.indeterminate = chosen > 0 && !all;
      }}
      disabled={keys.length === 0}
      onChange={() => {
        const next = new Set(selection.selected);
        for (const key of keys) {
          if (all) next.delete(key);
          else next.add(key);
        }
        selection.onChange(next);
      }}
    />
  );
}

function SortIcon({ active, dir }: { active: boolean; dir: "asc" | "desc" | undefined }) {
  if (!active) return <ArrowUpDown size={14} aria-hidden className="opacity-50" />;
  return dir === "desc" ? <ArrowDown size={14} aria-hidden /> : <ArrowUp size={14} aria-hidden />;
}

/** A server-side paged, sorted and filtered table over one list procedure. */
export function DataTable<T, S extends string>(props: DataTableProps<T, S>) {
  const t = useTranslations("dataTable");
  const { label, columns, rowKey, list, data, isLoading, error, onRetry, rowActions, selection } = props;
  const { params } = list;
  const columnCount = columns.length + (rowActions ? 1 : 0) + (selection ? 1 : 0);
  const prefetch = usePrefetchQuery();
  const { rowQuery } = props;

  let body: ReactNode;
  if (error && !data) {
    body = (
      <TableMessageRow columns={columnCount}>
        <TableError error={error} onRetry={onRetry} />
      </TableMessageRow>
    );
  } else if (isLoading && !data) {
    body = <SkeletonRows columns={columnCount} />;
  } else if (!data || data.items.length === 0) {
    const filtered = Boolean(params.q) || Boolean(props.filtered);
    body = (
      <TableMessageRow columns={columnCount}>
        <TableEmpty
          title={
            filtered
              ? params.q
                ? t("nothingMatchesQuery", { query: params.q })
                : t("nothingMatches")
              : props.emptyTitle
          }
          hint={filtered ? t("clearFilters") : props.emptyHint}
        />
      </TableMessageRow>
    );
  } else {
    body = data.items.map((row) => (
      <tr
        key={rowKey(row)}
        className="border-t border-border hover:bg-surface-muted/60"
        onPointerEnter={rowQuery ? () => prefetch(rowQuery(row)) : undefined}
      >
        {selection ? (
          <td className="w-10 px-3 py-2.5 align-middle">
            <input
              type="checkbox"
              aria-label={selection.rowLabel(row)}
              className="size-4 accent-[var(--accent)]"
              checked={selection.selected.has(rowKey(row))}
              onChange={(e) => {
                const next = new Set(selection.selected);
                if (e.target.checked) next.add(rowKey(row));
                else next.delete(rowKey(row));
                selection.onChange(next);
              }}
            />
          </td>
        ) : null}
        {columns.map((column) => (
          <td key={column.key} className={clsx("px-3 py-2.5 align-middle", column.className)}>
            {column.cell(row)}
          </td>
        ))}
        {rowActions ? (
          <td className="px-3 py-2 text-right whitespace-nowrap">
            <div className="inline-flex gap-1">{rowActions(row)}</div>
          </td>
        ) : null}
      </tr>
    ));
  }

  return (
    <div className="rounded-lg border border-border bg-surface">
      <div className="flex flex-wrap items-center justify-between gap-3 px-3 py-3">
        <div className="flex flex-wrap items-center gap-2">
          <div className="relative">
            <Search
              size={16}
              aria-hidden
              className="pointer-events-none absolute top-2.5 left-2.5 text-fg-muted"
            />
            <input
              type="search"
              aria-label={t("filterLabel", { label: label.toLowerCase() })}
              placeholder={props.searchLabel ?? t("filterPlaceholder")}
              value={list.search}
              onChange={(e) => list.setSearch(e.target.value)}
              className="h-9 w-64 rounded-md border border-border bg-surface pr-2.5 pl-8 text-sm placeholder:text-fg-muted"
            />
          </div>
          {props.filters}
        </div>
        <div className="flex items-center gap-2">
          {data ? <span className="text-sm text-fg-muted">{t("total", { count: data.total })}</span> : null}
          {props.toolbar}
        </div>
      </div>
      <div className="overflow-x-auto">
        <table aria-label={label} aria-busy={isLoading || undefined} className="w-full text-left text-sm">
          <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
            <tr>
              {selection ? (
                <th scope="col" className="w-10 px-3 py-2">
                  <SelectAllCheckbox rows={data?.items ?? []} rowKey={rowKey} selection={selection} />
                </th>
              ) : null}
              {columns.map((column) => {
                const { sortKey } = column;
                const active = sortKey !== undefined && params.sort === sortKey;
                const ariaSort = active ? (params.dir === "desc" ? "descending" : "ascending") : undefined;
                return (
                  <th key={column.key} scope="col" aria-sort={ariaSort} className="px-3 py-2 font-semibold">
                    {sortKey ? (
                      <button
                        type="button"
                        onClick={() => list.toggleSort(sortKey)}
                        className="inline-flex items-center gap-1 uppercase hover:text-fg"
                      >
                        {column.header}
                        <SortIcon active={active} dir={params.dir} />
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
              {rowActions ? (
                <th scope="col" className="px-3 py-2 text-right font-semibold">
                  {t("actions")}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>{body}</tbody>
        </table>
      </div>
      {data && data.total > 0 ? (
        <Pagination
          page={data.page}
          pageSize={data.pageSize}
          total={data.total}
          onPage={list.setPage}
          onPageSize={list.setPageSize}
        />
      ) : null}
    </div>
  );
}
