"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { PAGE_SIZES } from "./list-params";

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
}

/** The rows shown: first and last (1-based) of the total. */
export function pageRange(page: number, pageSize: number, total: number): { first: number; last: number } {
  return { first: (page - 1) * pageSize + 1, last: Math.min(page * pageSize, total) };
}

export function Pagination({ page, pageSize, total, onPage, onPageSize }: PaginationProps) {
  const t = useTranslations("dataTable");
  const sizeId = useId();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-border px-3 py-2 text-sm">
      <p aria-live="polite" className="text-fg-muted">
        {total === 0 ? t("noItems") : t("showing", { ...pageRange(page, pageSize, total), total })}
      </p>
      <div className="flex items-center gap-3">
        <label htmlFor={sizeId} className="text-fg-muted">
          {t("rowsPerPage")}
        </label>
        <select
          id={sizeId}
          value={pageSize}
          onChange={(e) => onPageSize(Number(e.target.value))}
          className="h-8 rounded-md border border-border bg-surface px-1.5"
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
        <span className="text-fg-muted">{t("pageOf", { page: Math.min(page, pages), pages })}</span>
        <Button
          size="sm"
          onClick={() => onPage(page - 1)}
          disabled={page <= 1}
          aria-label={t("previousPage")}
        >
          <ChevronLeft size={16} aria-hidden />
        </Button>
        <Button
          size="sm"
          onClick={() => onPage(page + 1)}
          disabled={page >= pages}
          aria-label={t("nextPage")}
        >
          <ChevronRight size={16} aria-hidden />
        </Button>
      </div>
    </div>
  );
}
