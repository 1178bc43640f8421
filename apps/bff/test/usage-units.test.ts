import { describe, expect, it } from "vitest";
import { ZUsageRangeSchema } from "../src/routers/usage/range.types.ts";
import {
  mostVcpuFirst,
  type ProjectTotals,
  projectDays,
  projectTotals,
} from "../src/services/usage/by-project.ts";
import { toCsv } from "../src/services/usage/csv.ts";
import { localDate, monthToDate, startOfDay } from "../src/services/usage/local-days.ts";
import { parseNovaTime } from "../src/services/usage/read-usage.ts";
import { instanceUsageCsv, projectUsageCsv } from "../src/services/usage/usage-csv.ts";
import {
  apportionHundredths,
  buildProjectsSummary,
  buildUsageReport,
  buildUsageSummary,
  type InstanceUsage,
  MEASURES,
  splitHours,
  type UsageReport,
} from "../src/services/usage/usage-report.ts";
import { usageWindow } from "../src/services/usage/usage-window.ts";

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** An instance as the usage API would report it for the window: `hours` is its lifetime clipped to the window. */
function instance(
  id: string,
  startedAt: string,
  endedAt: string | null,
  window: { start: number; end: number },
  size: Partial<InstanceUsage> = {},
): InstanceUsage {
  const s = at(startedAt);
  const e = endedAt ? at(endedAt) : null;
  const hours = Math.max(0, Math.min(e ?? window.end, window.end) - Math.max(s, window.start)) / H;
  return {
    instanceId: id,
    name: `vm-${id}`,
    projectId: "p1",
    flavor: "m1.small",
    vcpus: 1,
    memoryMb: 2048,
    localGb: 20,
    hours,
    startedAt: s,
    endedAt: e,
    ...size,
  };
}

const EMPTY = { instanceHours: 0, vcpuHours: 0, ramGbHours: 0, diskGbHours: 0 };

/** Each project's totals summed from the report's rows in hundredths: what the per-project figures must equal. */
function totalsFromRows(report: UsageReport): ProjectTotals[] {
  const byProject = new Map<string, { cents: number[]; ids: Set<string> }>();
  for (const r of report.rows) {
    const g = byProject.get(r.projectId) ?? { cents: MEASURES.map(() => 0), ids: new Set<string>() };
    MEASURES.forEach((k, i) => {
      g.cents[i] = (g.cents[i] ?? 0) + Math.round(r[k] * 100);
    });
    g.ids.add(r.instanceId);
    byProject.set(r.projectId, g);
  }
  return [...byProject]
    .map(([projectId, g]) => {
      const totals: ProjectTotals = { projectId, instances: g.ids.size, ...EMPTY };
      MEASURES.forEach((k, i) => {
        totals[k] = (g.cents[i] ?? 0) / 100;
      });
      return totals;
    })
    .sort(mostVcpuFirst);
}

/** Sums a CSV column in hundredths (integers), as a spreadsheet would to the cent. */
function columnCents(csv: string, column: string): number {
  const [head, ...lines] = csv.trim().split("\r\n");
  const index = (head ?? "").split(",").indexOf(column);
  expect(index).toBeGreaterThanOrEqual(0);
  return lines.reduce((sum, line) => sum + Math.round(Number(line.split(",")[index]) * 100), 0);
}

describe("local days", () => {
  it("starts days at local midnight, 23 and 25 hours long across Europe/Berlin's clock changes", () => {
    const tz = "Europe/Berlin";
    expect(new Date(startOfDay(tz, "2026-03-29")).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDay(tz, "2026-03-30") - startOfDay(tz, "2026-03-29")).toBe(23 * H);
    expect(startOfDay(tz, "2026-10-26") - startOfDay(tz, "2026-10-25")).toBe(25 * H);
    expect(new Date(startOfDay("UTC", "2026-02-01")).toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(localDate("America/New_York", at("2026-03-01T03:00:00Z"))).toBe("2026-02-28");
  });

  it("finds the first instant of a day whose midnight the clocks skip (America/Santiago)", () => {
    // Chile springs forward at 24:00 on the first Saturday of September: 2026-09-06 starts at 01:00 local.
    const start = startOfDay("America/Santiago", "2026-09-06");
    expect(localDate("America/Santiago", start)).toBe("2026-09-06");
    expect(localDate("America/Santiago", start - 1000)).toBe("2026-09-05");
  });

  it("defaults to this month so far", () => {
    expect(monthToDate("UTC", at("2026-12-06T18:00:00Z"))).toEqual({ from: "2026-12-01", to: "2026-12-06" });
    expect(monthToDate("Pacific/Auckland", at("2026-11-30T12:00:00Z"))).toEqual({
      from: "2026-12-01",
      to: "2026-12-01",
    });
  });
});

describe("the usage window", () => {
  it("covers whole days of the range up to now, leaving out days not yet begun", () => {
    const w = usageWindow(
      { from: "2026-01-30", to: "2026-02-02", timeZone: "UTC" },
      at("2026-02-01T06:00:00Z"),
    );
    expect(w.days.map((d) => d.date)).toEqual(["2026-01-30", "2026-01-31", "2026-02-01"]);
    expect(w.end).toBe(at("2026-02-01T06:00:00Z"));
    expect(w.days.at(-1)?.end).toBe(w.end);
  });

  it("reads as of an earlier instant when asked (whole seconds), never later than now", () => {
    const range = { from: "2026-02-01", to: "2026-02-28", timeZone: "UTC" };
    const now = at("2026-02-10T12:00:00.900Z");
    expect(usageWindow({ ...range, asOf: "2026-02-10T11:00:00.500Z" }, now).end).toBe(
      at("2026-02-10T11:00:00Z"),
    );
    expect(usageWindow({ ...range, asOf: "2026-02-11T00:00:00Z" }, now).end).toBe(at("2026-02-10T12:00:00Z"));
  });

  it("reaches over a leap day and a year end", () => {
    const w = usageWindow(
      { from: "2028-02-28", to: "2028-03-01", timeZone: "UTC" },
      at("2030-01-01T00:00:00Z"),
    );
    expect(w.days.map((d) => d.date)).toEqual(["2028-02-28", "2028-02-29", "2028-03-01"]);
    const y = usageWindow(
      { from: "2026-12-31", to: "2027-01-01", timeZone: "UTC" },
      at("2030-01-01T00:00:00Z"),
    );
    expect(y.end - y.start).toBe(48 * H);
  });

  it("refuses reversed, malformed, too long ranges and unknown zones", () => {
    expect(ZUsageRangeSchema.safeParse({ from: "2026-02-02", to: "2026-02-01" }).success).toBe(false);
    expect(ZUsageRangeSchema.safeParse({ from: "2026-02-30", to: "2026-03-01" }).success).toBe(false);
    expect(ZUsageRangeSchema.safeParse({ from: "2025-01-01", to: "2026-01-02" }).success).toBe(false);
    expect(
      ZUsageRangeSchema.safeParse({ from: "2026-01-01", to: "2026-01-02", timeZone: "Mars/Olympus" }).success,
    ).toBe(false);
    expect(ZUsageRangeSchema.parse({ from: "2026-01-01", to: "2026-01-01" }).timeZone).toBe("UTC");
  });
});

describe("the per-day split", () => {
  it("cuts a lifetime at local midnights, a DST day holding 23 hours", () => {
    const w = usageWindow(
      { from: "2026-03-28", to: "2026-03-30", timeZone: "Europe/Berlin" },
      at("2027-01-01T00:00:00Z"),
    );
    const vm = instance("a", "2026-03-27T12:00:00Z", null, w);
    expect(vm.hours).toBe(24 + 23 + 24);
    expect(splitHours(vm, w)).toEqual([24, 23, 24]);
  });

  it("counts a still running instance up to now and a deleted one up to its end", () => {
    const now = at("2026-12-06T18:00:00Z");
    const w = usageWindow({ from: "2026-12-01", to: "2026-12-31", timeZone: "UTC" }, now);
    const running = instance("r", "2026-12-05T12:00:00Z", null, w);
    const deleted = instance("d", "2026-11-20T00:00:00Z", "2026-12-02T06:00:00Z", w);
    expect(splitHours(running, w).slice(3)).toEqual([0, 12, 18]);
    expect(splitHours(deleted, w).slice(0, 3)).toEqual([24, 6, 0]);
  });

  it("adds up to the API's hours even where its times disagree, and books unplaceable hours on day one", () => {
    const w = usageWindow(
      { from: "2026-05-01", to: "2026-05-02", timeZone: "UTC" },
      at("2027-01-01T00:00:00Z"),
    );
    const vm = { ...instance("x", "2026-05-01T12:00:00Z", null, w), hours: 18 };
    const parts = splitHours(vm, w);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(18, 9);
    expect(parts[0]).toBeCloseTo(6, 9);
    const odd = { ...instance("y", "2026-06-01T00:00:00Z", null, w), hours: 2 };
    expect(splitHours(odd, w)).toEqual([2, 0]);
  });
});

describe("rounding to the hundredth", () => {
  it("keeps the sum of rounded parts equal to the rounded sum", () => {
    const thirds = Array.from({ length: 7 }, () => 1 / 3);
    const parts = apportionHundredths(thirds);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(Math.round((7 / 3) * 100));
    expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    expect(apportionHundredths([])).toEqual([]);
  });

  it("gives the unit to the largest remainders, the earlier of equal ones first", () => {
    // Exact sum 1.00 (100 hundredths); floors 0+0+0+33+33+33 = 99: one unit to give.
    expect(apportionHundredths([0.004, 0.002, 0.004, 0.33, 0.33, 0.33])).toEqual([1, 0, 0, 33, 33, 33]);
    // Remainders .6, .6 and .8 of hundredths; floors 2 short of 302: the .8, then the earlier .6.
    expect(apportionHundredths([0.006, 1.006, 2.008])).toEqual([1, 100, 201]);
    expect(apportionHundredths([0.006, 0.006, 0.002])).toEqual([1, 0, 0]);
  });

  it("matches the plain largest-remainder rule on many values", () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // Values on a grid of thousandths: many equal remainders, where the order of ties shows.
    const values = Array.from({ length: 2_000 }, () => Math.round(random() * 24_000) / 1_000);
    const scaled = values.map((v) => v * 100);
    const floors = scaled.map((v) => Math.floor(v + 1e-9));
    let left = Math.round(scaled.reduce((a, b) => a + b, 0)) - floors.reduce((a, b) => a + b, 0);
    const order = scaled.map((v, i) => ({ i, rest: v - (floors[i] ?? 0) })).sort((a, b) => b.rest - a.rest);
    for (const { i } of order) {
      if (left-- <= 0) break;
      floors[i] = (floors[i] ?? 0) + 1;
    }
    expect(apportionHundredths(values)).toEqual(floors);
  });
});

describe("the report and its CSV", () => {
  const now = at("2026-03-30T07:20:00Z");
  const w = usageWindow({ from: "2026-03-01", to: "2026-03-31", timeZone: "Europe/Berlin" }, now);
  const instances = [
    instance("a", "2026-02-27T10:17:13Z", null, w, { vcpus: 2, memoryMb: 4096, localGb: 40 }),
    instance("b", "2026-03-10T09:00:01Z", "2026-03-12T13:13:13Z", w, { vcpus: 1, memoryMb: 512, localGb: 1 }),
    instance("c", "2026-03-28T22:59:59Z", null, w, { vcpus: 4, memoryMb: 3000, localGb: 0, projectId: "p2" }),
    instance("gone", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", w),
    instance("=cmd|' /C calc'!A0", "2026-03-15T00:00:00Z", "2026-03-15T00:20:00Z", w),
  ];
  const report = buildUsageReport(instances, w);

  it("totals are the API's exact figures, to the hundredth, and the days add up to them", () => {
    const exact = instances.reduce((sum, i) => sum + i.hours * i.vcpus, 0);
    expect(report.totals.vcpuHours).toBe(Math.round(exact * 100) / 100);
    expect(report.totals.instances).toBe(4);
    for (const k of MEASURES) {
      const dayCents = report.days.reduce((s, d) => s + Math.round(d[k] * 100), 0);
      expect(dayCents).toBe(Math.round(report.totals[k] * 100));
    }
    expect(report.days.map((d) => d.date).at(-1)).toBe("2026-03-30");
    expect(report.days.find((d) => d.date === "2026-03-29")?.instanceHours).toBe(23 + 23);
  });

  it("the CSV has a line per instance per day and its columns sum to the page's totals", () => {
    const csv = instanceUsageCsv(report);
    expect(csv.split("\r\n")[0]).toBe(
      "date,project_id,instance_id,instance_name,flavor,vcpus,ram_mb,disk_gb,instance_hours,vcpu_hours,ram_gb_hours,disk_gb_hours",
    );
    expect(columnCents(csv, "vcpu_hours")).toBe(Math.round(report.totals.vcpuHours * 100));
    expect(columnCents(csv, "ram_gb_hours")).toBe(Math.round(report.totals.ramGbHours * 100));
    expect(columnCents(csv, "disk_gb_hours")).toBe(Math.round(report.totals.diskGbHours * 100));
    expect(columnCents(csv, "instance_hours")).toBe(Math.round(report.totals.instanceHours * 100));
    expect(csv).not.toContain(",gone,");
    expect(csv.split("\r\n").filter((l) => l.includes(",b,"))).toHaveLength(3);
  });

  it("per project totals and the admin CSV add up to the same totals", () => {
    const projects = projectTotals(buildProjectsSummary(instances, w).projects);
    expect(projects).toEqual(totalsFromRows(report));
    expect(projects.map((p) => p.projectId)).toEqual(["p1", "p2"]);
    const cents = projects.reduce((s, p) => s + Math.round(p.vcpuHours * 100), 0);
    expect(cents).toBe(Math.round(report.totals.vcpuHours * 100));
    const csv = projectUsageCsv(projectDays(report, new Map([["p1", "demo"]])));
    expect(columnCents(csv, "vcpu_hours")).toBe(Math.round(report.totals.vcpuHours * 100));
    expect(csv).toContain(",p1,demo,");
  });

  it("the overview's summary is the report's days and totals, without its rows", () => {
    expect(buildUsageSummary(instances, w)).toEqual({ days: report.days, totals: report.totals });
    // Many instances over a month: the same figures to the hundredth.
    const many = Array.from({ length: 300 }, (_, i) =>
      instance(`m${i}`, new Date(at("2026-02-20T00:00:00Z") + i * 7_777_777).toISOString(), null, w, {
        vcpus: 1 + (i % 3),
        memoryMb: 512 + i,
        localGb: i % 7,
        projectId: `p${i % 4}`,
      }),
    );
    const full = buildUsageReport(many, w);
    expect(buildUsageSummary(many, w)).toEqual({ days: full.days, totals: full.totals });
    expect(full.totals.instances).toBe(new Set(full.rows.map((r) => r.instanceId)).size);
    // Per project too: the admin overview's figures equal the rows' sums to the hundredth.
    const summary = buildProjectsSummary(many, w);
    expect({ days: summary.days, totals: summary.totals }).toEqual({ days: full.days, totals: full.totals });
    expect(projectTotals(summary.projects)).toEqual(totalsFromRows(full));
    expect(summary.projects).toHaveLength(4);
  });

  it("an empty window gives zero totals and a header-only CSV", () => {
    const future = usageWindow({ from: "2027-01-01", to: "2027-01-31", timeZone: "UTC" }, now);
    const empty = buildUsageReport([], future);
    expect(empty.days).toEqual([]);
    expect(empty.totals.vcpuHours).toBe(0);
    expect(instanceUsageCsv(empty).trim().split("\r\n")).toHaveLength(1);
  });
});

describe("CSV cells", () => {
  it("quotes separators and defuses cells a spreadsheet would run as formulas", () => {
    const csv = toCsv(
      ["a", "b"],
      [
        ["=1+1", 'say "hi", then\nleave'],
        ["@SUM(A1)", null],
      ],
    );
    expect(csv).toBe(`a,b\r\n'=1+1,"say ""hi"", then\nleave"\r\n'@SUM(A1),\r\n`);
  });

  it("reads Nova's naive times as UTC", () => {
    expect(parseNovaTime("2026-03-01T10:00:00.123456")).toBe(at("2026-03-01T10:00:00.123Z"));
    expect(parseNovaTime("2026-03-01 10:00:00")).toBe(at("2026-03-01T10:00:00Z"));
    expect(parseNovaTime("2026-03-01T10:00:00+00:00")).toBe(at("2026-03-01T10:00:00Z"));
  });
});
