import { z } from "zod";

/** ISO 8601 as oslo's `parse_isotime` takes it: a date, optionally a time and a zone. */
const ISO_8601 =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** A time without a zone is UTC, as Nova reads it (JS would read it as local time). */
function parseIsoTime(v: string): Date | null {
  const m = ISO_8601.exec(v.trim());
  if (!m) return null;
  const [, date, time, zone] = m;
  let text = time === undefined ? `${date}T00:00:00Z` : `${date}T${time}${zone ?? "Z"}`;
  // Date.parse wants "+hh:mm"; ISO also allows "+hhmm" and "+hh".
  text = text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2").replace(/([+-]\d{2})$/, "$1:00");
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An invalid time is 400, as Nova's `format: date-time` query schema. */
export const isoTime = z
  .string()
  .refine((v) => parseIsoTime(v) !== null, "must be an ISO 8601 date-time")
  .transform((v) => parseIsoTime(v) ?? new Date(Number.NaN))
  .optional();
