"use client";

import { clsx } from "clsx";
import { ArrowDown, ArrowUp, ArrowUpDown, Search } from "lucide-react";
import type { ReactNode } from "react";
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
  rowActions?: (row: T) => ReactNode;
}

function SortIcon({ active, dir }: { active: boolean; dir: "asc" | "desc" | undefined }) {
  if (!active) return <ArrowUpDown size={14} aria-hidden className="opacity-50" />;
  return dir === "desc" ? <ArrowDown size={14} aria-hidden /> : <ArrowUp size={14} aria-hidden />;
}

/** A server-side paged, sorted and filtered table over one list procedure. */
export function DataTable<T, S extends string>(props: DataTableProps<T, S>) {
  const { label, columns, rowKey, list, data, isLoading, error, onRetry, rowActions } = props;
  const { params } = list;
  const columnCount = columns.length + (rowActions ? 1 : 0);

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
    const filtered = Boolean(params.q);
    body = (
      <TableMessageRow columns={columnCount}>
        <TableEmpty
          title={filtered ? `Nothing matches “${params.q}”.` : props.emptyTitle}
          hint={filtered ? "Clear the filter to see everything." : props.emptyHint}
        />
      </TableMessageRow>
    );
  } else {
    body = data.items.map((row) => (
      <tr key={rowKey(row)} className="border-t border-border hover:bg-surface-muted/60">
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
        <div className="relative">
          <Search
            size={16}
            aria-hidden
            className="pointer-events-none absolute top-2.5 left-2.5 text-fg-muted"
          />
          <input
            type="search"
            aria-label={`Filter ${label.toLowerCase()} by name`}
            placeholder="Filter by name"
            value={list.search}
            onChange={(e) => list.setSearch(e.target.value)}
            className="h-9 w-64 rounded-md border border-border bg-surface pr-2.5 pl-8 text-sm placeholder:text-fg-muted"
          />
        </div>
        <div className="flex items-center gap-2">
          {data ? <span className="text-sm text-fg-muted">{data.total} total</span> : null}
          {props.toolbar}
        </div>
      </div>
      <div className="overflow-x-auto">
        <table aria-label={label} aria-busy={isLoading || undefined} className="w-full text-left text-sm">
          <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
            <tr>
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
                  Actions
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
