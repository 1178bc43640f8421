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

export const zero = (): Measures => ({ instanceHours: 0, vcpuHours: 0, ramGbHours: 0, diskGbHours: 0 });

/** Measures summed in hundredths (integers, exact), as hours again. */
export function fromCents(cents: Measures): Measures {
  const m = zero();
  for (const k of MEASURES) m[k] = cents[k] / 100;
  return m;
}

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
 * exact sum (largest remainder, ties to the earlier value): a CSV's column
 * then sums to the page's total, to the cent, however many rows it has.
 * Typed arrays, no object per value: a month of 5,000 instances is 150,000
 * values per measure.
 */
export function apportionHundredths(values: readonly number[]): number[] {
  const n = values.length;
  const floors = new Array<number>(n);
  const rests = new Float64Array(n);
  let sum = 0;
  let floorSum = 0;
  for (let i = 0; i < n; i++) {
    const scaled = (values[i] ?? 0) * 100;
    const floor = Math.floor(scaled + 1e-9);
    sum += scaled;
    floorSum += floor;
    floors[i] = floor;
    rests[i] = scaled - floor;
  }
  let left = Math.round(sum) - floorSum;
  if (left <= 0) return floors;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (rests[b] ?? 0) - (rests[a] ?? 0) || a - b);
  for (let k = 0; k < n && left > 0; k++, left--) {
    const i = order[k] ?? 0;
    floors[i] = (floors[i] ?? 0) + 1;
  }
  return floors;
}

/** Each instance's hours on each day it ran, unrounded: parallel arrays, one entry per instance-day. */
interface ExactParts {
  instance: number[];
  day: number[];
  measures: Record<Measure, number[]>;
}

function exactParts(instances: readonly InstanceUsage[], window: UsageWindow): ExactParts {
  const parts: ExactParts = {
    instance: [],
    day: [],
    measures: { instanceHours: [], vcpuHours: [], ramGbHours: [], diskGbHours: [] },
  };
  instances.forEach((inst, n) => {
    const hours = splitHours(inst, window);
    for (let d = 0; d < window.days.length; d++) {
      const h = hours[d] ?? 0;
      if (h <= 0) continue;
      parts.instance.push(n);
      parts.day.push(d);
      parts.measures.instanceHours.push(h);
      parts.measures.vcpuHours.push(h * inst.vcpus);
      parts.measures.ramGbHours.push((h * inst.memoryMb) / 1024);
      parts.measures.diskGbHours.push(h * inst.localGb);
    }
  });
  return parts;
}

/** One project's totals over the window, in hundredths, and its instances that ran. */
export interface ProjectCents {
  projectId: string;
  cents: Measures;
  instances: number;
}

/**
 * Each project's parts summed, in hundredths: what summing the report's
 * rows per project gives (each row holds one part, rounded as here), with
 * no row built.
 */
export function projectCents(
  instances: readonly InstanceUsage[],
  parts: { instance: readonly number[] },
  hundredths: Record<Measure, readonly number[]>,
): ProjectCents[] {
  const groups = new Map<string, { cents: Measures; ids: Set<string> }>();
  parts.instance.forEach((n, i) => {
    const inst = instances[n];
    if (!inst) return;
    let g = groups.get(inst.projectId);
    if (!g) {
      g = { cents: zero(), ids: new Set() };
      groups.set(inst.projectId, g);
    }
    for (const k of MEASURES) g.cents[k] += hundredths[k][i] ?? 0;
    g.ids.add(inst.instanceId);
  });
  return [...groups].map(([projectId, g]) => ({ projectId, cents: g.cents, instances: g.ids.size }));
}

/** The parts in hundredths, and the days and totals they add up to. */
function summarise(
  instances: readonly InstanceUsage[],
  window: UsageWindow,
  parts: ExactParts,
): Pick<UsageReport, "days" | "totals"> & { hundredths: Record<Measure, number[]> } {
  const hundredths = Object.fromEntries(
    MEASURES.map((k) => [k, apportionHundredths(parts.measures[k])]),
  ) as Record<Measure, number[]>;
  const dayCents = window.days.map(() => zero());
  const dayIds = window.days.map(() => new Set<string>());
  const ids = new Set<string>();
  const total = zero();
  parts.day.forEach((d, i) => {
    const cents = dayCents[d];
    for (const k of MEASURES) {
      const c = hundredths[k][i] ?? 0;
      if (cents) cents[k] += c;
      total[k] += c;
    }
    const id = instances[parts.instance[i] ?? 0]?.instanceId ?? "";
    dayIds[d]?.add(id);
    ids.add(id);
  });
  const days: UsageDayTotal[] = window.days.map((d, i) => ({
    date: d.date,
    instances: dayIds[i]?.size ?? 0,
    ...fromCents(dayCents[i] ?? zero()),
  }));
  const totals = { ...fromCents(total), instances: ids.size };
  return { days, totals, hundredths };
}

/**
 * Per day and in total from one usage reading, without the rows: what the
 * overview's panel shows, the same figures `buildUsageReport` gives.
 */
export function buildUsageSummary(
  instances: readonly InstanceUsage[],
  window: UsageWindow,
): Pick<UsageReport, "days" | "totals"> {
  const { days, totals } = summarise(instances, window, exactParts(instances, window));
  return { days, totals };
}

/** `buildUsageSummary` plus each project's totals (the admin overview), still without the rows. */
export function buildProjectsSummary(
  instances: readonly InstanceUsage[],
  window: UsageWindow,
): Pick<UsageReport, "days" | "totals"> & { projects: ProjectCents[] } {
  const parts = exactParts(instances, window);
  const { days, totals, hundredths } = summarise(instances, window, parts);
  return { days, totals, projects: projectCents(instances, parts, hundredths) };
}

/** Names compared as `localeCompare` compares them, without building a collator per call. */
const collator = new Intl.Collator();

/**
 * Usage per instance per day, per day and in total, from one usage reading.
 * The page and the CSV are both drawn from this, so they cannot disagree.
 */
export function buildUsageReport(instances: readonly InstanceUsage[], window: UsageWindow): UsageReport {
  const parts = exactParts(instances, window);
  const { days, totals, hundredths } = summarise(instances, window, parts);
  const rows: UsageRow[] = parts.instance.map((n, i) => {
    const inst = instances[n] as InstanceUsage;
    const r: UsageRow = {
      date: window.days[parts.day[i] ?? 0]?.date ?? "",
      instanceId: inst.instanceId,
      name: inst.name,
      projectId: inst.projectId,
      flavor: inst.flavor,
      vcpus: inst.vcpus,
      memoryMb: inst.memoryMb,
      localGb: inst.localGb,
      ...zero(),
    };
    for (const k of MEASURES) r[k] = (hundredths[k][i] ?? 0) / 100;
    return r;
  });
  rows.sort(
    (a, b) =>
      collator.compare(a.date, b.date) ||
      collator.compare(a.name, b.name) ||
      collator.compare(a.instanceId, b.instanceId),
  );
  return { rows, days, totals };
}
