import type { useFormatter } from "next-intl";

/**
 * Locale-aware formatting of the portal's numbers, sizes, dates and ages,
 * through next-intl's formatter so every area prints them the same way in
 * every language. Pass the formatter of `useFormatter()` (components) or
 * `await getFormatter()` (async server components): both carry the request's
 * locale and time zone (UTC, src/i18n/locales.ts), so server and browser
 * print the same text.
 */
export type Formatter = ReturnType<typeof useFormatter>;

/** Shown where a value is missing, in every language. */
export const MISSING = "—";

type AgeUnit = "second" | "minute" | "hour" | "day";

/** The compact age's number and unit: under a minute in seconds, under an hour in minutes, under 2 days in hours. */
export function ageParts(
  iso: string | null | undefined,
  now: number,
): { value: number; unit: AgeUnit } | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return { value: seconds, unit: "second" };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { value: minutes, unit: "minute" };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { value: hours, unit: "hour" };
  return { value: Math.floor(hours / 24), unit: "day" };
}

/** A compact age: "42 sec", "5 min", "3 hr", "12 days" in English; "42秒", "5分钟"… in Chinese. */
export function formatAge(format: Formatter, iso: string | null | undefined, now = Date.now()): string {
  const parts = ageParts(iso, now);
  if (!parts) return MISSING;
  return format.number(parts.value, { style: "unit", unit: parts.unit, unitDisplay: "short" });
}

const BYTE_UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

/** 1536 → "1.5 kB", 3 MiB → "3.0 MB" (binary multiples, as Glance and Nova count; one fraction digit under 10). */
export function formatBytes(format: Formatter, bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return MISSING;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return format.number(value, {
    style: "unit",
    unit: BYTE_UNITS[unit] ?? "byte",
    unitDisplay: "short",
    // A fixed digit, so a progress line ("1.5 MB of 3.0 MB") does not change width or read "3 MB" at the end.
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Nova counts RAM in MB: 512 → "512 MB", 2048 → "2 GB". */
export function formatMb(format: Formatter, mb: number): string {
  // Whole gigabytes read "2 GB", not "2.0 GB": flavors are sized so.
  if (mb >= 1024 && mb % 1024 === 0) {
    return format.number(mb / 1024, { style: "unit", unit: "gigabyte", unitDisplay: "short" });
  }
  return formatBytes(format, mb * 1024 * 1024);
}

/** Nova and Cinder count disks in whole GB: 20 → "20 GB", 0 → "0 GB" (a flavor without a root disk). */
export function formatGb(format: Formatter, gb: number): string {
  return format.number(gb, { style: "unit", unit: "gigabyte", unitDisplay: "short" });
}

/** A date and time with its zone, e.g. "Dec 7, 2026, 12:49:01 AM UTC" / "2026年12月7日 UTC 00:49:01". */
export function formatDateTime(format: Formatter, iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return MISSING;
  return format.dateTime(at, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
  });
}

/** A date alone, e.g. "Dec 7, 2026" / "2026年12月7日". */
export function formatDate(format: Formatter, iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return MISSING;
  return format.dateTime(at, { year: "numeric", month: "short", day: "numeric" });
}

/** 0.425 → "43%" (or "42.5%" with one fraction digit). */
export function formatPercent(format: Formatter, ratio: number, fractionDigits = 0): string {
  return format.number(ratio, { style: "percent", maximumFractionDigits: fractionDigits });
}
