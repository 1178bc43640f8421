import type { Formatter } from "@/i18n/format";

/**
 * Number and time labels of metric charts, shared by every chart page
 * (instance Metrics tab, project and admin overviews).
 */

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB", "PB"] as const;

function scaled(value: number, units: readonly string[], base: number): string {
  let v = Math.abs(value);
  let i = 0;
  while (v >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  const digits = v >= 100 || i === 0 ? 0 : v >= 10 ? 1 : 2;
  return `${value < 0 ? "-" : ""}${v.toFixed(digits)} ${units[i]}`;
}

/** 1536 → "1.50 KB/s" (binary multiples, as the rest of the portal shows sizes). */
export function formatBytesPerSecond(value: number): string {
  return `${scaled(value, BYTE_UNITS, 1024)}/s`;
}

/** Megabytes, switching to GB and up past 1024 (never below MB: memory is sampled in MB). */
export function formatMegabytes(value: number): string {
  return scaled(value, BYTE_UNITS.slice(2), 1024);
}

export function formatPercent(value: number): string {
  return `${value >= 10 || value === 0 ? value.toFixed(0) : value.toFixed(1)} %`;
}

/** A unit the chart knows how to label, or a formatter of its own. */
export type ChartUnit = "%" | "MB" | "B/s" | ((value: number) => string);

export function unitFormatter(unit: ChartUnit): (value: number) => string {
  if (typeof unit === "function") return unit;
  if (unit === "%") return formatPercent;
  if (unit === "MB") return formatMegabytes;
  return formatBytesPerSecond;
}

/** Axis ticks: times of day within two days, dates beyond (in the reader's language and the portal's zone). */
export function formatTick(format: Formatter, t: number, spanMs: number): string {
  const at = new Date(t);
  if (spanMs <= 2 * 86_400_000) return format.dateTime(at, { hour: "2-digit", minute: "2-digit" });
  return format.dateTime(at, { month: "short", day: "numeric" });
}

/** Tooltip and table times: always date and time to the second. */
export function formatInstant(format: Formatter, t: number): string {
  return format.dateTime(new Date(t), {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}
