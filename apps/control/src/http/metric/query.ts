/** Gnocchi's query-string forms: timestamps (ISO 8601, epoch seconds, "now", "-2 hours"), granularities, aggregations. */
import { z } from "zod";
import { AGGREGATION_METHODS } from "../../services/metering/archive-policy.ts";

const UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  second: 1,
  seconds: 1,
  min: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
  w: 604_800,
  week: 604_800,
  weeks: 604_800,
};

/** Unix seconds, or a message saying what is wrong. */
export function parseTimestamp(value: string, now = Date.now()): number | string {
  const text = value.trim();
  if (text === "now") return Math.floor(now / 1000);
  if (/^-?\d+(\.\d+)?$/.test(text)) return Math.floor(Number(text));
  const relative = /^([+-])\s*(\d{1,6})\s*([a-z]+)$/i.exec(text);
  if (relative) {
    const unit = UNITS[(relative[3] ?? "").toLowerCase()];
    if (!unit) return `Unknown time unit in ${value}`;
    const sign = relative[1] === "-" ? -1 : 1;
    return Math.floor(now / 1000) + sign * Number(relative[2]) * unit;
  }
  if (text.length > 64) return "Invalid timestamp";
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(ms) ? `Invalid timestamp: ${value}` : Math.floor(ms / 1000);
}

const timestamp = z
  .string()
  .max(64)
  .transform((v, ctx) => {
    const t = parseTimestamp(v);
    if (typeof t === "string") {
      ctx.addIssue({ code: "custom", message: t });
      return z.NEVER;
    }
    return t;
  });

/** Granularity in seconds: `60`, `60.0`, or Gnocchi's timedelta forms `1 min`, `0:01:00`. */
const granularity = z
  .string()
  .max(32)
  .transform((v, ctx) => {
    const text = v.trim();
    let seconds = Number.NaN;
    if (/^\d+(\.\d+)?$/.test(text)) seconds = Number(text);
    const unit = /^(\d+)\s*([a-z]+)$/i.exec(text);
    if (unit) seconds = Number(unit[1]) * (UNITS[(unit[2] ?? "").toLowerCase()] ?? Number.NaN);
    const hms = /^(\d+):(\d\d):(\d\d)$/.exec(text);
    if (hms) seconds = Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      ctx.addIssue({ code: "custom", message: `Invalid granularity: ${v}` });
      return z.NEVER;
    }
    return Math.round(seconds);
  });

export const ZMeasuresQuery = z
  .object({
    start: timestamp.optional(),
    stop: timestamp.optional(),
    granularity: granularity.optional(),
    aggregation: z.enum(AGGREGATION_METHODS).default("mean"),
    refresh: z.string().max(8).optional(),
    resample: z.string().max(32).optional(),
  })
  .loose();

const listOf = z.union([z.string().max(255), z.array(z.string().max(255)).max(10)]);

export const ZAggregatesQuery = z
  .object({
    start: timestamp.optional(),
    stop: timestamp.optional(),
    granularity: granularity.optional(),
    needed_overlap: z.coerce.number().min(0).max(100).default(100),
    fill: z
      .string()
      .max(32)
      .transform((v, ctx) => {
        if (v === "dropna" || v === "null") return v;
        const n = Number(v);
        if (!Number.isFinite(n)) {
          ctx.addIssue({ code: "custom", message: "fill must be a number, null or dropna" });
          return z.NEVER;
        }
        return n;
      })
      .optional(),
    groupby: listOf.transform((v) => [...new Set([v].flat())]).optional(),
    details: z.string().max(8).optional(),
    refresh: z.string().max(8).optional(),
  })
  .loose();

export const isTrue = (v: string | undefined): boolean =>
  v !== undefined && ["true", "1", "yes", ""].includes(v.toLowerCase());

const SORT = /^(id|started_at|ended_at|project_id|type)(?::(asc|desc))?$/;

export const ZListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    marker: z.string().max(255).optional(),
    sort: z
      .string()
      .max(64)
      .regex(SORT, "sort must be one of id, started_at, ended_at, project_id, type, with :asc or :desc")
      .transform((v) => {
        const m = SORT.exec(v);
        return {
          field: (m?.[1] ?? "id") as "id" | "started_at" | "ended_at" | "project_id" | "type",
          dir: (m?.[2] ?? "asc") as "asc" | "desc",
        };
      })
      .optional(),
  })
  .loose();
