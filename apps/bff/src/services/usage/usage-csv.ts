import { type CsvCell, fixed2, toCsv } from "./csv.ts";
import { MEASURES, type Measures, type UsageReport } from "./usage-report.ts";

const MEASURE_HEADERS = ["instance_hours", "vcpu_hours", "ram_gb_hours", "disk_gb_hours"] as const;
const measureCells = (m: Measures): string[] => MEASURES.map((k) => fixed2(m[k]));

/** One line per instance per day; its columns add up to the page's totals. */
export function instanceUsageCsv(report: UsageReport): string {
  const header = [
    "date",
    "project_id",
    "instance_id",
    "instance_name",
    "flavor",
    "vcpus",
    "ram_mb",
    "disk_gb",
    ...MEASURE_HEADERS,
  ];
  const rows: CsvCell[][] = report.rows.map((r) => [
    r.date,
    r.projectId,
    r.instanceId,
    r.name,
    r.flavor,
    r.vcpus,
    r.memoryMb,
    r.localGb,
    ...measureCells(r),
  ]);
  return toCsv(header, rows);
}

export interface ProjectDayRow extends Measures {
  date: string;
  projectId: string;
  projectName: string | null;
  instances: number;
}

/** One line per project per day (admin). */
export function projectUsageCsv(rows: readonly ProjectDayRow[]): string {
  const header = ["date", "project_id", "project_name", "instances", ...MEASURE_HEADERS];
  return toCsv(
    header,
    rows.map((r) => [r.date, r.projectId, r.projectName, r.instances, ...measureCells(r)]),
  );
}
