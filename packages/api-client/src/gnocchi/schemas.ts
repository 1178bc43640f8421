import { z } from "zod";

/**
 * Gnocchi v1 response shapes (https://gnocchi.osci.io/rest.html), as a real
 * Gnocchi fed by Ceilometer sends them and as Zenith's `/metric` serves them.
 * Objects are `.loose()`: resources carry their type's own attributes
 * (`display_name`, `flavor_id`, `instance_id`, `name`…) and real
 * deployments add keys (`creator`, `revision_*`) the portal does not need.
 */

/**
 * Gnocchi writes timespans as Python's `str(timedelta)` ("0:05:00",
 * "1 day, 0:00:00") in archive policies, and as float seconds in measures;
 * both come out as seconds.
 */
export function timespanSeconds(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const match = /^(?:(\d+) days?, )?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(trimmed);
  if (!match) return undefined;
  const [, days, hours, minutes, seconds] = match;
  return Number(days ?? 0) * 86_400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

const ZTimespan = z.union([z.string(), z.number()]);

export const ZArchivePolicyItem = z
  .object({
    granularity: ZTimespan,
    points: z.number().nullish(),
    timespan: ZTimespan.nullish(),
  })
  .loose();

export const ZArchivePolicy = z
  .object({
    name: z.string(),
    back_window: z.number().optional(),
    definition: z.array(ZArchivePolicyItem),
    aggregation_methods: z.array(z.string()),
  })
  .loose();
export type ArchivePolicy = z.infer<typeof ZArchivePolicy>;
export const ZArchivePolicies = z.array(ZArchivePolicy);

/**
 * A resource. `metrics` maps a metric name to its id. `project_id` and
 * `user_id` are null for resources no project owns (hosts); `ended_at`
 * is set once the thing it stands for is gone.
 */
export const ZResource = z
  .object({
    id: z.string(),
    type: z.string(),
    original_resource_id: z.string().nullish(),
    project_id: z.string().nullish(),
    user_id: z.string().nullish(),
    started_at: z.string().nullish(),
    ended_at: z.string().nullish(),
    revision_start: z.string().nullish(),
    revision_end: z.string().nullish(),
    creator: z.string().nullish(),
    created_by_project_id: z.string().nullish(),
    created_by_user_id: z.string().nullish(),
    metrics: z.record(z.string(), z.string()).default({}),
    // instance_disk and instance_network_interface (Ceilometer's gnocchi_resources.yaml).
    instance_id: z.string().nullish(),
    name: z.string().nullish(),
    // instance.
    display_name: z.string().nullish(),
    flavor_id: z.string().nullish(),
    flavor_name: z.string().nullish(),
    host: z.string().nullish(),
    image_ref: z.string().nullish(),
  })
  .loose();
export type Resource = z.infer<typeof ZResource>;
export const ZResources = z.array(ZResource);

/**
 * A metric. Listings name the archive policy (`archive_policy_name`) and
 * the resource by id; a single metric embeds both (`archive_policy`,
 * `resource`), as Gnocchi 4 does.
 */
export const ZMetric = z
  .object({
    id: z.string(),
    name: z.string().nullish(),
    unit: z.string().nullish(),
    resource_id: z.string().nullish(),
    archive_policy_name: z.string().nullish(),
    archive_policy: ZArchivePolicy.nullish(),
    resource: ZResource.nullish(),
    creator: z.string().nullish(),
    created_by_project_id: z.string().nullish(),
    created_by_user_id: z.string().nullish(),
  })
  .loose();
export type Metric = z.infer<typeof ZMetric>;
export const ZMetrics = z.array(ZMetric);

/**
 * One measure: `[timestamp, granularity in seconds, value]`. A gap filled
 * with `fill=null` is a null value.
 */
export const ZMeasureTuple = z.tuple([z.string(), z.number(), z.number().nullable()]);
export const ZMeasures = z.array(ZMeasureTuple);

export interface Measure {
  timestamp: string;
  /** Unix milliseconds of `timestamp`. */
  at: number;
  granularity: number;
  value: number | null;
}

export function toMeasures(rows: z.infer<typeof ZMeasures>): Measure[] {
  const out: Measure[] = [];
  for (const [timestamp, granularity, value] of rows) {
    const at = Date.parse(timestamp);
    if (Number.isNaN(at)) continue;
    out.push({ timestamp, at, granularity, value });
  }
  return out;
}

export const ZResourceTypeAttribute = z
  .object({ type: z.string(), required: z.boolean().optional() })
  .loose();
export const ZResourceType = z
  .object({
    name: z.string(),
    state: z.string().optional(),
    attributes: z.record(z.string(), ZResourceTypeAttribute).default({}),
  })
  .loose();
export type ResourceType = z.infer<typeof ZResourceType>;
export const ZResourceTypes = z.array(ZResourceType);

/**
 * The `measures` of an aggregates answer, by the shape of its operations:
 * `{"aggregated": [...]}` after an `aggregate` operation, else
 * `{<metric id>: {<aggregation>: [...]}}` for metrics named by id, or
 * `{<resource id>: {<metric name>: {<aggregation>: [...]}}}` with a
 * resource search. Kept as nested records; `flattenAggregates` walks them.
 */
const ZAggSeries = z.record(z.string(), ZMeasures);
export const ZAggregatesMeasures = z.record(
  z.string(),
  z.union([ZMeasures, ZAggSeries, z.record(z.string(), ZAggSeries)]),
);
export type AggregatesMeasures = z.infer<typeof ZAggregatesMeasures>;

export const ZAggregatesResult = z
  .object({
    measures: ZAggregatesMeasures,
    /** With `details=true`: the metrics, or the resources, the answer covers. */
    references: z.array(z.union([ZResource, ZMetric])).optional(),
  })
  .loose();
export type AggregatesResult = z.infer<typeof ZAggregatesResult>;

export const ZAggregatesGroup = z
  .object({
    group: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    measures: ZAggregatesResult,
  })
  .loose();
export type AggregatesGroup = z.infer<typeof ZAggregatesGroup>;
/** With `groupby`, Gnocchi answers a list of groups; without, one result. */
export const ZAggregatesResponse = z.union([ZAggregatesResult, z.array(ZAggregatesGroup)]);

/** One series of an aggregates answer, with where it sits in the nesting. */
export interface AggregateSeries {
  /** `aggregated`, a metric id, or a resource id. */
  key: string;
  /** The metric name, for answers keyed by resource. */
  metric?: string;
  /** The aggregation method (`mean`, `rate:mean`…); absent for `aggregated`. */
  aggregation?: string;
  measures: Measure[];
}

/** Every series of an aggregates answer, whatever its nesting. */
export function flattenAggregates(measures: AggregatesMeasures): AggregateSeries[] {
  const out: AggregateSeries[] = [];
  for (const [key, value] of Object.entries(measures)) {
    if (Array.isArray(value)) {
      out.push({ key, measures: toMeasures(value) });
      continue;
    }
    for (const [inner, nested] of Object.entries(value)) {
      if (Array.isArray(nested)) {
        out.push({ key, aggregation: inner, measures: toMeasures(nested) });
        continue;
      }
      const series: z.infer<typeof ZAggSeries> = nested;
      for (const [aggregation, rows] of Object.entries(series)) {
        out.push({ key, metric: inner, aggregation, measures: toMeasures(rows) });
      }
    }
  }
  return out;
}
