import type { Formatter } from "@/i18n/format";

/** A usage range as the BFF takes it: whole local days, both ends included. */
export interface UsageRangeInput {
  from: string;
  to: string;
  timeZone: string;
}

/** The browser's IANA zone, so a "day" on the page is the user's day. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** "YYYY-MM-DD" of a local date. */
function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** This month so far: the default of both overviews. */
export function thisMonth(now = new Date()): UsageRangeInput {
  return {
    from: isoDate(new Date(now.getFullYear(), now.getMonth(), 1)),
    to: isoDate(now),
    timeZone: browserTimeZone(),
  };
}

/** The whole previous month. */
export function lastMonth(now = new Date()): UsageRangeInput {
  return {
    from: isoDate(new Date(now.getFullYear(), now.getMonth() - 1, 1)),
    to: isoDate(new Date(now.getFullYear(), now.getMonth(), 0)),
    timeZone: browserTimeZone(),
  };
}

/** The last `days` days, today included. */
export function lastDays(days: number, now = new Date()): UsageRangeInput {
  return {
    from: isoDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1))),
    to: isoDate(now),
    timeZone: browserTimeZone(),
  };
}

/** What can be wrong with a range: the key of its message (`usage.range.problems.*`). */
export type RangeProblem = "chooseBothDates" | "endsBeforeStart" | "tooLong";

/** Why a range cannot be read, or undefined when it can (the BFF checks again). */
export function rangeProblem(range: UsageRangeInput): RangeProblem | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to)) {
    return "chooseBothDates";
  }
  if (range.from > range.to) return "endsBeforeStart";
  const days = (Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000;
  if (days >= 366) return "tooLong";
  return undefined;
}

/** Hours to the hundredth, in the reader's language: "1,234.50" / "1,234.50". */
export function formatHoursIn(format: Formatter, n: number): string {
  return format.number(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
