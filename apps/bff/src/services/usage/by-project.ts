import type { ProjectDayRow } from "./usage-csv.ts";
import {
  fromCents,
  MEASURES,
  type Measures,
  type ProjectCents,
  type UsageReport,
  zero,
} from "./usage-report.ts";

export interface ProjectTotals extends Measures {
  projectId: string;
  instances: number;
}

/** Report values are hundredths; adding them as integers keeps sums exact. */
const cents = (n: number) => Math.round(n * 100);

function sumRows<K extends string>(report: UsageReport, keyOf: (r: UsageReport["rows"][number]) => K) {
  const groups = new Map<K, { cents: Measures; ids: Set<string>; projectId: string; date: string }>();
  for (const r of report.rows) {
    const key = keyOf(r);
    const g = groups.get(key) ?? {
      cents: zero(),
      ids: new Set<string>(),
      projectId: r.projectId,
      date: r.date,
    };
    for (const k of MEASURES) g.cents[k] += cents(r[k]);
    g.ids.add(r.instanceId);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({
    ...fromCents(g.cents),
    projectId: g.projectId,
    date: g.date,
    instances: g.ids.size,
  }));
}

export const mostVcpuFirst = (a: ProjectTotals, b: ProjectTotals) =>
  b.vcpuHours - a.vcpuHours || b.ramGbHours - a.ramGbHours || a.projectId.localeCompare(b.projectId);

/**
 * Each project's totals over the whole window, most vCPU hours first, from
 * `buildProjectsSummary`'s hundredths: what summing the report's rows per
 * project gives (a test holds them equal), without the rows.
 */
export function projectTotals(projects: readonly ProjectCents[]): ProjectTotals[] {
  return projects
    .map((p) => ({ ...fromCents(p.cents), projectId: p.projectId, instances: p.instances }))
    .sort(mostVcpuFirst);
}

/** Each project's usage per day (for the admin CSV), by date then project name. */
export function projectDays(report: UsageReport, names: ReadonlyMap<string, string>): ProjectDayRow[] {
  return sumRows(report, (r) => `${r.date} ${r.projectId}`)
    .map((g) => ({ ...g, projectName: names.get(g.projectId) ?? null }))
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        (a.projectName ?? a.projectId).localeCompare(b.projectName ?? b.projectId),
    );
}
