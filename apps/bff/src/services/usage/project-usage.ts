import type { Cloud } from "../cloud/clients.ts";
import { projectInstances } from "./read-usage.ts";
import { instanceUsageCsv } from "./usage-csv.ts";
import { buildUsageReport, buildUsageSummary, type UsageReport } from "./usage-report.ts";
import { type UsageRange, usageWindow } from "./usage-window.ts";

export interface ProjectUsage {
  range: UsageRange;
  /** ISO instants of the window Nova was asked about. */
  start: string;
  end: string;
  totals: UsageReport["totals"];
  days: UsageReport["days"];
}

async function projectReport(cloud: Cloud, projectId: string, range: UsageRange, now: number) {
  const window = usageWindow(range, now);
  const report = buildUsageReport(await projectInstances(cloud, projectId, window), window);
  return { window, report };
}

/**
 * The project's usage over a range of days: totals and one entry per day
 * (the figures the CSV's rows add up to, without building those rows).
 */
export async function projectUsage(
  cloud: Cloud,
  projectId: string,
  range: UsageRange,
  now = Date.now(),
): Promise<ProjectUsage> {
  const window = usageWindow(range, now);
  const report = buildUsageSummary(await projectInstances(cloud, projectId, window), window);
  return {
    range,
    start: new Date(window.start).toISOString(),
    end: new Date(window.end).toISOString(),
    totals: report.totals,
    days: report.days,
  };
}

/** The same reading as `projectUsage`, as CSV: one line per instance per day. */
export async function projectUsageCsv(
  cloud: Cloud,
  project: { id: string; name: string },
  range: UsageRange,
  now = Date.now(),
) {
  const { report } = await projectReport(cloud, project.id, range, now);
  return {
    filename: `usage-${safeName(project.name)}-${range.from}-to-${range.to}.csv`,
    csv: instanceUsageCsv(report),
    totals: report.totals,
  };
}

/** A name fit for a file: letters, digits, dot, dash and underscore. */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 64) || "project";
}
