import type { UsageWindow } from "./usage-window.ts";

/** One instance as `os-simple-tenant-usage` reports it for the window (times already parsed). */
export interface InstanceUsage {
  instanceId: string;
  name: string;
  projectId: string;
  flavor: string | null;
  vcpus: number;
  memoryMb: number;
  localGb: number;
  /** Hours inside the window: the API's own figure, which the split must add up to. */
  hours: number;
  startedAt: number;
  /** Null while the instance still runs. */
  endedAt: number | null;
}

export const MEASURES = ["instanceHours", "vcpuHours", "ramGbHours", "diskGbHours"] as const;
export type Measure = (typeof MEASURES)[number];
export type Measures = Record<Measure, number>;

/** One instance on one day; measures are exact to the hundredth and add up to the report's totals. */
export interface UsageRow extends Measures {
  date: string;
  instanceId: string;
  name: string;
  projectId: string;
  flavor: string | null;
  vcpus: number;
  memoryMb: number;
  localGb: number;
}

export interface UsageDayTotal extends Measures {
  date: string;
  /** Instances that ran some time that day. */
  instances: number;
}

export interface UsageReport {
  rows: UsageRow[];
  days: UsageDayTotal[];
  totals: Measures & { instances: number };
}

const zero = (): Measures => ({ instanceHours: 0, vcpuHours: 0, ramGbHours: 0, diskGbHours: 0 });

/**
 * How an instance's hours fall on the window's days: the share of its
 * lifetime (clipped to the window) inside each day, scaled so the parts add
 * up to the API's `hours` exactly. An instance whose times say nothing
 * usable (no overlap though it has hours) books them on the first day.
 */
export function splitHours(instance: InstanceUsage, window: UsageWindow): number[] {
  const from = Math.max(instance.startedAt, window.start);
  const to = Math.min(instance.endedAt ?? window.end, window.end);
  const ms = window.days.map((d) => Math.max(0, Math.min(to, d.end) - Math.max(from, d.start)));
  const total = ms.reduce((a, b) => a + b, 0);
  if (instance.hours <= 0) return ms.map(() => 0);
  if (total <= 0) return ms.map((_, i) => (i === 0 ? instance.hours : 0));
  return ms.map((m) => (instance.hours * m) / total);
}

/**
 * Rounds many exact values to hundredths so that they add up to the rounded
 * exact sum (largest remainder): a CSV's column then sums to the page's
 * total, to the cent, however many rows it has.
 */
export function apportionHundredths(values: readonly number[]): number[] {
  const scaled = values.map((v) => v * 100);
  const target = Math.round(scaled.reduce((a, b) => a + b, 0));
  const floors = scaled.map((v) => Math.floor(v + 1e-9));
  let left = target - floors.reduce((a, b) => a + b, 0);
  const order = scaled.map((v, i) => ({ i, rest: v - (floors[i] ?? 0) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors;
}

/**
 * Usage per instance per day, per day and in total, from one usage reading.
 * The page and the CSV are both drawn from this, so they cannot disagree.
 */
export function buildUsageReport(instances: readonly InstanceUsage[], window: UsageWindow): UsageReport {
  const exact: { row: Omit<UsageRow, Measure>; m: Measures }[] = [];
  for (const inst of instances) {
    const hours = splitHours(inst, window);
    window.days.forEach((day, i) => {
      const h = hours[i] ?? 0;
      if (h <= 0) return;
      exact.push({
        row: {
          date: day.date,
          instanceId: inst.instanceId,
          name: inst.name,
          projectId: inst.projectId,
          flavor: inst.flavor,
          vcpus: inst.vcpus,
          memoryMb: inst.memoryMb,
          localGb: inst.localGb,
        },
        m: {
          instanceHours: h,
          vcpuHours: h * inst.vcpus,
          ramGbHours: (h * inst.memoryMb) / 1024,
          diskGbHours: h * inst.localGb,
        },
      });
    });
  }
  const hundredths = Object.fromEntries(
    MEASURES.map((k) => [k, apportionHundredths(exact.map((e) => e.m[k]))]),
  ) as Record<Measure, number[]>;
  const rows: UsageRow[] = exact.map((e, i) => {
    const r: UsageRow = { ...e.row, ...zero() };
    for (const k of MEASURES) r[k] = (hundredths[k][i] ?? 0) / 100;
    return r;
  });
  rows.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.name.localeCompare(b.name) ||
      a.instanceId.localeCompare(b.instanceId),
  );

  const byDay = new Map<string, { cents: Measures; ids: Set<string> }>();
  const total = zero();
  exact.forEach((e, i) => {
    const day = byDay.get(e.row.date) ?? { cents: zero(), ids: new Set<string>() };
    for (const k of MEASURES) {
      const c = hundredths[k][i] ?? 0;
      day.cents[k] += c;
      total[k] += c;
    }
    day.ids.add(e.row.instanceId);
    byDay.set(e.row.date, day);
  });
  const days: UsageDayTotal[] = window.days.map((d) => {
    const day = byDay.get(d.date);
    const out: UsageDayTotal = { date: d.date, instances: day?.ids.size ?? 0, ...zero() };
    for (const k of MEASURES) out[k] = (day?.cents[k] ?? 0) / 100;
    return out;
  });
  const totals = { ...zero(), instances: new Set(exact.map((e) => e.row.instanceId)).size };
  for (const k of MEASURES) totals[k] = total[k] / 100;
  return { rows, days, totals };
}
