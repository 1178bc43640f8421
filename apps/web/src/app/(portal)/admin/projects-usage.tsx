"use client";

import { RankedBars } from "@/components/usage/ranked-bars";
import { UsageDays } from "@/components/usage/usage-days";
import { UsagePanel, useUsageRange } from "@/components/usage/usage-panel";
import { formatHours } from "@/components/usage/usage-range";
import { trpc } from "@/trpc/react";

const TOP = 10;

/** Every project's usage over a range: cloud totals, top projects, per project, and a CSV per project per day. */
export function ProjectsUsage() {
  const usageRange = useUsageRange();
  const { range, valid } = usageRange;
  const usage = trpc.usage.allProjects.useQuery(range, { enabled: valid, placeholderData: (prev) => prev });
  const utils = trpc.useUtils();
  return (
    <UsagePanel
      headingId="projects-usage-heading"
      title="Usage per project"
      usageRange={usageRange}
      query={usage}
      fetchCsv={(asOf) => utils.usage.allProjectsCsv.fetch({ ...range, asOf })}
      emptyText={(data) =>
        data.projects.length === 0 ? "No project ran instances in this range." : undefined
      }
    >
      {(data) => (
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
    </UsagePanel>
  );
}
