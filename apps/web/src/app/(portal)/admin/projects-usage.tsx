"use client";

import { useFormatter, useTranslations } from "next-intl";
import { RankedBars } from "@/components/usage/ranked-bars";
import { UsageDays } from "@/components/usage/usage-days";
import { UsagePanel, useUsageRange } from "@/components/usage/usage-panel";
import { trpc } from "@/trpc/react";

const TOP = 10;

/** Every project's usage over a range: cloud totals, top projects, per project, and a CSV per project per day. */
export function ProjectsUsage() {
  const t = useTranslations("admin.usage");
  const format = useFormatter();
  const hours = (n: number) => format.number(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const usageRange = useUsageRange();
  const { range, valid } = usageRange;
  const usage = trpc.usage.allProjects.useQuery(range, { enabled: valid, placeholderData: (prev) => prev });
  const utils = trpc.useUtils();
  return (
    <UsagePanel
      headingId="projects-usage-heading"
      title={t("title")}
      usageRange={usageRange}
      query={usage}
      fetchCsv={(asOf) => utils.usage.allProjectsCsv.fetch({ ...range, asOf })}
      emptyText={(data) => (data.projects.length === 0 ? t("empty") : undefined)}
    >
      {(data) => (
        <>
          <div className="grid gap-4 xl:grid-cols-2">
            <RankedBars
              title={t("topVcpu")}
              unit={t("vcpuHoursUnit")}
              items={data.projects.slice(0, TOP).map((p) => ({
                key: p.projectId,
                label: p.projectName ?? p.projectId,
                value: p.vcpuHours,
              }))}
            />
            <RankedBars
              title={t("topRam")}
              unit={t("gbHoursUnit")}
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
            <table aria-label={t("tableLabel")} className="w-full text-left text-sm">
              <thead className="text-xs text-fg-muted uppercase">
                <tr>
                  {[
                    t("project"),
                    t("instances"),
                    t("vcpuHours"),
                    t("ramGbHours"),
                    t("diskGbHours"),
                    t("instanceHours"),
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
                    <td className="px-3 py-2 text-right tabular-nums">{format.number(p.instances)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{hours(p.vcpuHours)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{hours(p.ramGbHours)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{hours(p.diskGbHours)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{hours(p.instanceHours)}</td>
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
