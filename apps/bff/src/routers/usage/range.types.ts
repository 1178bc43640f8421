import { z } from "zod";
import { daysBetween, isCalendarDate, isTimeZone } from "../../services/usage/local-days.ts";

/** The longest range one reading covers: a year (and a leap day). */
export const MAX_RANGE_DAYS = 366;

const ZDate = z.string().max(10).refine(isCalendarDate, "Use a date as YYYY-MM-DD.");

/** Whole local days, both ends included, counted in the browser's time zone. */
export const ZUsageRangeSchema = z
  .object({
    from: ZDate,
    to: ZDate,
    timeZone: z.string().min(1).max(64).refine(isTimeZone, "Unknown time zone.").default("UTC"),
    /**
     * Read as of this instant (not later than now): a CSV asked for after the
     * page names the page's `end`, so running instances count up to the same
     * second in both.
     */
    asOf: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((r) => r.from <= r.to, { message: "The range ends before it starts.", path: ["to"] })
  .refine((r) => daysBetween(r.from, r.to) < MAX_RANGE_DAYS, {
    message: `Choose at most ${MAX_RANGE_DAYS} days.`,
    path: ["to"],
  });
export type TUsageRange = z.infer<typeof ZUsageRangeSchema>;

const measures = {
  instanceHours: z.number(),
  vcpuHours: z.number(),
  ramGbHours: z.number(),
  diskGbHours: z.number(),
};
/** Hours to the hundredth; per-day and per-project figures add up to the totals exactly. */
export const ZUsageTotalsSchema = z.object({ ...measures, instances: z.number().int() });
export const ZUsageDaySchema = z.object({ date: z.string(), ...measures, instances: z.number().int() });
export const ZUsageReadingSchema = z.object({
  range: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
  start: z.string(),
  end: z.string(),
  totals: ZUsageTotalsSchema,
  days: z.array(ZUsageDaySchema),
});
export const ZUsageCsvSchema = z.object({
  filename: z.string(),
  csv: z.string(),
  totals: ZUsageTotalsSchema,
});
