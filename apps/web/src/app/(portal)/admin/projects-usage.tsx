"use client";

import { BarChart3 } from "lucide-react";
import { useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { CsvButton } from "@/components/usage/csv-button";
import { RankedBars } from "@/components/usage/ranked-bars";
import { UsageDays } from "@/components/usage/usage-days";
import { formatHours, rangeProblem, thisMonth, type UsageRangeInput } from "@/components/usage/usage-range";
import { UsageRangePicker } from "@/components/usage/usage-range-picker";
import { UsageTotals } from "@/components/usage/usage-totals";
import { trpc } from "@/trpc/react";

const TOP = 10;

/** Every project's usage over a range: cloud totals, top projects, per project, and a CSV per project per day. */
export function ProjectsUsage() {
  const [range, setRange] = useState<UsageRangeInput>(() => thisMonth());
  const valid = rangeProblem(range) === undefined;
  const usage = trpc.usage.allProjects.useQuery(range, { enabled: valid, placeholderData: (prev) => prev });
  const utils = trpc.useUtils();
  const data = usage.data;
  // While another range loads the previous one stays on screen: no CSV until they match.
  const settled = valid && !!data && !usage.isPlaceholderData;

  return (
    <section aria-labelledby="projects-usage-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="projects-usage-heading" className="text-base font-semibold">
          Usage per project
        </h2>
        <CsvButton
          label="Download CSV"
          disabled={!settled}
          fetchCsv={() => utils.usage.allProjectsCsv.fetch({ ...range, asOf: data?.end })}
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
          ) : data.projects.length === 0 ? (
            <EmptyState icon={BarChart3} title="No usage in this range">
              <p>No project ran instances in this range.</p>
            </EmptyState>
          ) : (
            <>
              <div className="grid gap-4 xl:grid-cols-2">
                <RankedBars
                  title={`Top projects by vCPU hours`}
                  unit="vCPU hours"
                  items={data.projects.slice(0, TOP).map((p) => ({
                    key: p.projectId,
                    label: p.projectName ?? p.projectId,
                    value: p.vcpuHours,
                  }))}
                />
                <RankedBars
                  title={`Top projects by RAM GB hours`}
                  unit="GB hours"
                  items={[...data.projects]
                    .sort((a, b) => b.ramGbHours - a.ramGbHours)
                    .slice(0, TOP)
                    .map((p) => ({
                      key: p.projectId,
                      label: p.projectName ?? p.projectId,
                      value: p.ramGbHours,
                    }))}
                />
              </div>
              <UsageDays days={data.days} />
              <div className="overflow-x-auto rounded-lg border border-border bg-surface">
                <table aria-label="Usage per project" className="w-full text-left text-sm">
                  <thead className="text-xs text-fg-muted uppercase">
                    <tr>
                      {[
                        "Project",
                        "Instances",
                        "vCPU hours",
                        "RAM GB hours",
                        "Disk GB hours",
                        "Instance hours",
                      ].map((h, i) => (
                        <th
                          key={h}
                          scope="col"
                          className={`px-3 py-2 font-semibold ${i > 0 ? "text-right" : ""}`}
                        >
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.projects.map((p) => (
                      <tr key={p.projectId} className="border-t border-border">
                        <th scope="row" className="px-3 py-2 font-medium">
                          {p.projectName ?? <span className="font-mono text-xs">{p.projectId}</span>}
                        </th>
                        <td className="px-3 py-2 text-right tabular-nums">{p.instances}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{formatHours(p.vcpuHours)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{formatHours(p.ramGbHours)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{formatHours(p.diskGbHours)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{formatHours(p.instanceHours)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
