"use client";

import { BarChart3 } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { CsvButton } from "./csv-button";
import { rangeProblem, thisMonth, type UsageRangeInput } from "./usage-range";
import { UsageRangePicker } from "./usage-range-picker";
import { UsageTotals, type UsageTotalsValue } from "./usage-totals";

/** The range a usage panel shows (this month by default) and whether it can be asked for. */
export function useUsageRange() {
  const [range, setRange] = useState<UsageRangeInput>(() => thisMonth());
  return { range, setRange, valid: rangeProblem(range) === undefined };
}

/** What a usage query hands the panel (React Query's result, read only where it matters). */
interface UsageQuery<D> {
  data: D | undefined;
  error: unknown;
  isPlaceholderData: boolean;
  refetch: () => unknown;
}

interface UsagePanelProps<D extends { totals: UsageTotalsValue; end: string }> {
  headingId: string;
  title: string;
  usageRange: ReturnType<typeof useUsageRange>;
  query: UsageQuery<D>;
  /** The CSV of the range as of the page's reading (`asOf`), so its sums equal the totals shown. */
  fetchCsv: (asOf: string | undefined) => Promise<{ filename: string; csv: string }>;
  /** The empty state's text, or undefined when the data has usage to show. */
  emptyText: (data: D) => string | undefined;
  children: (data: D) => ReactNode;
}

/**
 * A usage section: heading with the CSV download, the range picker, the
 * totals, then the caller's charts and tables, with loading, error and
 * empty states. The previous range stays on screen while another loads;
 * the CSV waits until they match.
 */
export function UsagePanel<D extends { totals: UsageTotalsValue; end: string }>({
  headingId,
  title,
  usageRange,
  query,
  fetchCsv,
  emptyText,
  children,
}: UsagePanelProps<D>) {
  const { range, setRange, valid } = usageRange;
  const t = useTranslations("usage.panel");
  const data = query.data;
  const settled = valid && !!data && !query.isPlaceholderData;
  const empty = data ? emptyText(data) : undefined;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id={headingId} className="text-base font-semibold">
          {title}
        </h2>
        <CsvButton label={t("downloadCsv")} disabled={!settled} fetchCsv={() => fetchCsv(data?.end)} />
      </div>
      <UsageRangePicker value={range} onChange={setRange} />
      {query.error && !data ? (
        <TableError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <UsageTotals totals={valid ? data?.totals : undefined} busy={!settled} />
          {!data ? (
            <div aria-hidden className="h-56 animate-pulse rounded-lg border border-border bg-surface" />
          ) : empty !== undefined ? (
            <EmptyState icon={BarChart3} title={t("empty")}>
              <p>{empty}</p>
            </EmptyState>
          ) : (
            children(data)
          )}
        </>
      )}
    </section>
  );
}
