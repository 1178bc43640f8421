/**
 * Calendar days in an IANA time zone, with the platform's own time-zone
 * data (Intl), so a "day" on the usage page is the user's day: 23 or 25
 * hours long when the clocks change.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a zone name this runtime knows ("UTC", "Europe/Berlin"). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

function wallClock(timeZone: string, at: number) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    y: parts.year ?? 0,
    m: parts.month ?? 1,
    d: parts.day ?? 1,
    h: parts.hour ?? 0,
    min: parts.minute ?? 0,
    s: parts.second ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant (ms). */
function offsetAt(timeZone: string, at: number): number {
  const w = wallClock(timeZone, at);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/** "2026-03-29" of an instant in the zone. */
export function localDate(timeZone: string, at: number): string {
  const w = wallClock(timeZone, at);
  return `${String(w.y).padStart(4, "0")}-${String(w.m).padStart(2, "0")}-${String(w.d).padStart(2, "0")}`;
}

/** A valid calendar date "YYYY-MM-DD" (no Feb 31). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return at.toISOString().slice(0, 10) === text;
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The instant a local date begins in the zone. Two passes find the offset
 * in force at local midnight; where midnight does not exist (a zone that
 * springs forward at 00:00) it is the first instant of the day.
 */
export function startOfDay(timeZone: string, date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let at = wall - offsetAt(timeZone, wall);
  at = wall - offsetAt(timeZone, at);
  // A skipped midnight lands on the previous day (new offset, old wall clock): the
  // day begins at the change, which is midnight on the old offset.
  if (localDate(timeZone, at) !== date) at = wall - offsetAt(timeZone, at);
  return at;
}

/** The first day of the month holding the instant, and the date itself, in the zone. */
export function monthToDate(timeZone: string, now: number): { from: string; to: string } {
  const to = localDate(timeZone, now);
  return { from: `${to.slice(0, 8)}01`, to };
}
