import type { Cloud } from "../cloud/clients.ts";
import { projectNames } from "../network/project-names.ts";
import { projectDays, projectTotals } from "./by-project.ts";
import { allInstances } from "./read-usage.ts";
import { projectUsageCsv } from "./usage-csv.ts";
import { buildProjectsSummary, buildUsageReport } from "./usage-report.ts";
import { type UsageRange, usageWindow } from "./usage-window.ts";

async function allReport(cloud: Cloud, range: UsageRange, now: number) {
  const window = usageWindow(range, now);
  const report = buildUsageReport(await allInstances(cloud, window), window);
  return { window, report };
}

/**
 * Every project's usage over a range (admin): cloud totals, per day, and per
 * project (most vCPU hours first); the figures the CSV's rows add up to,
 * without building those rows (35,000 for a month of 5,000 instances).
 */
export async function allProjectsUsage(cloud: Cloud, token: string, range: UsageRange, now = Date.now()) {
  const window = usageWindow(range, now);
  const report = buildProjectsSummary(await allInstances(cloud, window), window);
  const projects = projectTotals(report.projects);
  const names = await projectNames(
    cloud,
    token,
    projects.map((p) => p.projectId),
  );
  return {
    range,
    start: new Date(window.start).toISOString(),
    end: new Date(window.end).toISOString(),
    totals: report.totals,
    days: report.days,
    projects: projects.map((p) => ({ ...p, projectName: names.get(p.projectId) ?? null })),
  };
}

/** The same reading as CSV: one line per project per day. */
export async function allProjectsUsageCsv(cloud: Cloud, token: string, range: UsageRange, now = Date.now()) {
  const { report } = await allReport(cloud, range, now);
  const names = await projectNames(
    cloud,
    token,
    report.rows.map((r) => r.projectId),
  );
  return {
    filename: `usage-all-projects-${range.from}-to-${range.to}.csv`,
    csv: projectUsageCsv(projectDays(report, names)),
    totals: report.totals,
  };
}
