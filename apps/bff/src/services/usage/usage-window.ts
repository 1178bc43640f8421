import { addDays, localDate, startOfDay } from "./local-days.ts";

/** A range of whole local days the user asked for, both ends included. */
export interface UsageRange {
  from: string;
  to: string;
  /** IANA zone the days are counted in ("UTC" unless the browser says otherwise). */
  timeZone: string;
  /** ISO instant to read as of; clamped to now. */
  asOf?: string | undefined;
}

export interface UsageDaySpan {
  date: string;
  /** Epoch ms, end exclusive; the last day ends at `now` while it is today. */
  start: number;
  end: number;
}

/** What is asked of Nova: [start, end) in epoch ms, cut into the local days it covers. */
export interface UsageWindow {
  start: number;
  end: number;
  days: UsageDaySpan[];
}

/**
 * The window of a range: from the first day's local midnight to the end of
 * the last day, or to `now` when that is earlier (usage of the future is
 * nothing, and Nova would count running instances up to `end`). Days that
 * have not begun are left out.
 */
export function usageWindow(range: UsageRange, clock: number): UsageWindow {
  const asOf = range.asOf === undefined ? Number.NaN : Date.parse(range.asOf);
  // Whole seconds: Nova's usage API takes no fractions, and both readings must cut at the same instant.
  const now = Math.floor((Number.isNaN(asOf) ? clock : Math.min(asOf, clock)) / 1000) * 1000;
  const start = startOfDay(range.timeZone, range.from);
  const end = Math.max(start, Math.min(startOfDay(range.timeZone, addDays(range.to, 1)), now));
  const days: UsageDaySpan[] = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    const dayStart = startOfDay(range.timeZone, date);
    if (dayStart >= end) break;
    days.push({ date, start: dayStart, end: Math.min(startOfDay(range.timeZone, addDays(date, 1)), end) });
  }
  return { start, end, days };
}

/** Today's date in the zone: the default range is this month up to today. */
export function today(timeZone: string, now: number): string {
  return localDate(timeZone, now);
}
