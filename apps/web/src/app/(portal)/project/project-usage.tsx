"use client";

import { BarChart3 } from "lucide-react";
import { useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { CsvButton } from "@/components/usage/csv-button";
import { UsageDays } from "@/components/usage/usage-days";
import { rangeProblem, thisMonth, type UsageRangeInput } from "@/components/usage/usage-range";
import { UsageRangePicker } from "@/components/usage/usage-range-picker";
import { UsageTotals } from "@/components/usage/usage-totals";
import { trpc } from "@/trpc/react";

/**
 * The project's usage over a chosen range (this month by default): totals,
 * per day, and a CSV per instance per day. The CSV is read as of the page's
 * reading, so its columns add up to the totals shown here.
 */
export function ProjectUsage() {
  const [range, setRange] = useState<UsageRangeInput>(() => thisMonth());
  const valid = rangeProblem(range) === undefined;
  const usage = trpc.usage.project.useQuery(range, { enabled: valid, placeholderData: (prev) => prev });
  const utils = trpc.useUtils();
  const data = usage.data;
  // While another range loads the previous one stays on screen: no CSV until they match.
  const settled = valid && !!data && !usage.isPlaceholderData;
  const hasUsage = (data?.totals.instances ?? 0) > 0;

  return (
    <section aria-labelledby="usage-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="usage-heading" className="text-base font-semibold">
          Usage
        </h2>
        <CsvButton
          label="Download CSV"
          disabled={!settled}
          fetchCsv={() => utils.usage.projectCsv.fetch({ ...range, asOf: data?.end })}
        />
      </div>
      <UsageRangePicker value={range} onChange={setRange} />
      {usage.error && !data ? (
        <TableError error={usage.error} onRetry={() => void usage.refetch()} />
      ) : (
        <>
          <UsageTotals totals={valid ? data?.totals : undefined} busy={!settled} />
          {!data ? (
            <div aria-hidden className="h-56 animate-pulse rounded-lg border border-border bg-surface" />
          ) : hasUsage ? (
            <UsageDays days={data.days} />
          ) : (
            <EmptyState icon={BarChart3} title="No usage in this range">
              <p>Usage is counted while instances exist. Choose another range or launch an instance.</p>
            </EmptyState>
          )}
        </>
      )}
    </section>
  );
}
