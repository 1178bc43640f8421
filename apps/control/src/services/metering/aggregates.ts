/**
 * Gnocchi's aggregates API (`POST /v1/aggregates`): batch reads of many
 * series and cross-series aggregation, over metrics named by id, or by
 * name over the resources a search finds (optionally grouped, e.g. by
 * project for "top projects by CPU"). Scoped like every other read.
 */
import { ZenithError } from "@zenith/core/errors";
import type { Prisma } from "@zenith/db/client";
import type { AggregationMethod } from "./archive-policy.ts";
import { aggregatePoints } from "./chunks.ts";
import { isoSeconds, type Measure, type MeasureReader } from "./measures.ts";
import { type Operation, parseOperations, referencesOf } from "./operations.ts";
import type { MetricCaller, MetricResources, MetricRow, ResourceRow } from "./resources.ts";
import { searchFilterWhere } from "./search-filter.ts";
import { parseSearchQuery } from "./search-query.ts";

/**
 * Bounds on one answer, which is read whole into memory: series, and points
 * over all of them (series × the points each may have in the asked range at
 * the asked granularities from where their data begins, as
 * `MeasureReader.pointsAt` counts them). Upstream
 * Gnocchi has neither; beyond them the answer is a 400 saying what to narrow,
 * never a part of the series.
 */
export const MAX_SERIES = 2_000;
export const MAX_POINTS_PER_ANSWER = 500_000;

export interface AggregatesRequest {
  operations: unknown;
  resourceType?: string | undefined;
  search?: unknown;
  start?: number | undefined;
  stop?: number | undefined;
  granularity?: number | undefined;
  /** Percent of the series that must have a point at a timestamp for it to be aggregated (Gnocchi's default 100). */
  neededOverlap: number;
  /** A number for missing points, or "dropna"/"null"; absent: overlap decides. */
  fill?: number | "dropna" | "null" | undefined;
  groupby: string[];
}

interface SeriesRef {
  metric: MetricRow | (ResourceRow["metrics"][number] & { resource?: undefined });
  aggregation: AggregationMethod;
  /** Set when metrics were named by name over searched resources: the answer is keyed by resource. */
  resource: ResourceRow | null;
}

type MetricOutput = Record<string, Record<string, Measure[]>>;
type ResourceOutput = Record<string, Record<string, Record<string, Measure[]>>>;
type Output = { aggregated: Measure[] } | MetricOutput | ResourceOutput;

export class AggregatesService {
  constructor(
    private readonly resources: MetricResources,
    private readonly reader: MeasureReader,
  ) {}

  async run(caller: MetricCaller, req: AggregatesRequest): Promise<unknown> {
    const op = parseOperations(req.operations);
    const refs = referencesOf(op);
    if (!req.resourceType) {
      if (req.groupby.length > 0) throw ZenithError.badRequest("groupby needs resource_type and search.");
      const metrics = await this.resources.metricsByIds(
        caller,
        refs.map((r) => r.ref),
      );
      const series = refs.map((r, i) => ({
        metric: metrics[i] as MetricRow,
        aggregation: r.aggregation,
        resource: null,
      }));
      this.checkSeries(series.length);
      await this.checkPoints(series, req);
      return { measures: await this.evaluate(op, series, req) };
    }
    // Every matching resource, as upstream reads them: counted first, so too many series are
    // refused before anything is loaded; never an answer cut to a page.
    const filter = searchWhere(req.search);
    const names = [...new Set(refs.map((r) => r.ref))];
    const counts = await this.resources.countByMetricName(caller, req.resourceType, filter, names);
    this.checkSeries(refs.reduce((n, r) => n + (counts.get(r.ref) ?? 0), 0));
    // One more than the bound allows: resources created since the count are refused below, not cut.
    const found = await this.resources.withMetrics(caller, req.resourceType, filter, names, MAX_SERIES + 1);
    if (req.groupby.length === 0) {
      const series = this.byName(found, refs);
      this.checkSeries(series.length);
      await this.checkPoints(series, req);
      return { measures: await this.evaluate(op, series, req) };
    }
    const groups = new Map<string, { group: Record<string, unknown>; resources: ResourceRow[] }>();
    for (const r of found) {
      const group = Object.fromEntries(req.groupby.map((attr) => [attr, attributeOf(r, attr)]));
      const key = JSON.stringify(group);
      const entry = groups.get(key);
      if (entry) entry.resources.push(r);
      else groups.set(key, { group, resources: [r] });
    }
    const grouped = [...groups.values()]
      .map(({ group, resources }) => ({ group, series: this.byName(resources, refs) }))
      .filter((g) => g.series.length > 0);
    const all = grouped.flatMap((g) => g.series);
    this.checkSeries(all.length);
    await this.checkPoints(all, req);
    const out: Array<{ group: Record<string, unknown>; measures: { measures: Output } }> = [];
    for (const { group, series } of grouped) {
      out.push({ group, measures: { measures: await this.evaluate(op, series, req) } });
    }
    return out;
  }

  private byName(resources: readonly ResourceRow[], refs: ReturnType<typeof referencesOf>): SeriesRef[] {
    const series: SeriesRef[] = [];
    for (const { ref, aggregation } of refs) {
      for (const resource of resources) {
        const metric = resource.metrics.find((m) => m.name === ref);
        if (metric) series.push({ metric, aggregation, resource });
      }
    }
    return series;
  }

  /** A 400 saying what to narrow where `series` series are more than one answer may hold. */
  private checkSeries(series: number): void {
    if (series > MAX_SERIES) {
      throw ZenithError.badRequest(
        `Too many series: ${series} match, more than the ${MAX_SERIES} one aggregates answer may hold. ` +
          `Narrow the search (e.g. batches of resources: {"in": {"id": [...]}}) or name fewer metrics.`,
      );
    }
  }

  /**
   * A 400 saying what to narrow where the series' points over the asked range
   * (counted where their data begins and ends: a young metric has few) would
   * be more than one answer may hold.
   */
  private async checkPoints(series: readonly SeriesRef[], req: AggregatesRequest): Promise<void> {
    if (series.length === 0) return;
    const spans = await this.reader.dataSpans(series.map((s) => s.metric.seq));
    const perSeries = this.reader.levelsFor(req.granularity).reduce((n, { granularity }) => {
      const data = spans.get(granularity);
      return data === undefined ? n : n + this.reader.pointsAt(granularity, req.start, req.stop, data);
    }, 0);
    if (series.length * perSeries > MAX_POINTS_PER_ANSWER) {
      throw ZenithError.badRequest(
        `Too many points: ${series.length} series of up to ${perSeries} points each, more than the ` +
          `${MAX_POINTS_PER_ANSWER} one aggregates answer may hold. Ask a coarser granularity, ` +
          `a shorter range (start, stop), or fewer series (narrow the search).`,
      );
    }
  }

  private async evaluate(op: Operation, series: SeriesRef[], req: AggregatesRequest): Promise<Output> {
    if (series.length === 0) throw ZenithError.badRequest("Metrics not found: no resource has them.");
    const levels = this.reader.levelsFor(req.granularity);
    // Per granularity, coarsest first, each series' [ts, value] points.
    const perLevel: Array<{ granularity: number; values: Array<Map<number, number>> }> = [];
    for (const { granularity } of levels) {
      const points = await this.reader.pointsMany(
        series.map((s) => s.metric.seq),
        granularity,
        req.start,
        req.stop,
      );
      const values = series.map(
        (s) => new Map(aggregatePoints(points.get(s.metric.seq) ?? [], s.aggregation)),
      );
      perLevel.push({ granularity, values });
    }
    if (op.op === "aggregate")
      return { aggregated: perLevel.flatMap((l) => this.crossAggregate(op.method, l, req)) };
    const byMetric: MetricOutput = {};
    const byResource: ResourceOutput = {};
    series.forEach((s, i) => {
      const measures = perLevel.flatMap(({ granularity, values }) =>
        [...(values[i] ?? new Map<number, number>())].map(
          ([ts, v]): Measure => [isoSeconds(ts), granularity, v],
        ),
      );
      if (s.resource) {
        const metrics = byResource[s.resource.id] ?? {};
        byResource[s.resource.id] = metrics;
        metrics[s.metric.name] = { ...metrics[s.metric.name], [s.aggregation]: measures };
      } else {
        byMetric[s.metric.id] = { ...byMetric[s.metric.id], [s.aggregation]: measures };
      }
    });
    return Object.keys(byResource).length > 0 ? byResource : byMetric;
  }

  private crossAggregate(
    method: "mean" | "min" | "max" | "sum" | "count",
    level: { granularity: number; values: Array<Map<number, number>> },
    req: AggregatesRequest,
  ): Measure[] {
    const times = [...new Set(level.values.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
    const fill = typeof req.fill === "number" ? req.fill : undefined;
    const needed = req.fill === "dropna" || req.fill === "null" ? 0 : req.neededOverlap;
    const out: Measure[] = [];
    for (const ts of times) {
      const present: number[] = [];
      for (const m of level.values) {
        const v = m.get(ts) ?? fill;
        if (v !== undefined) present.push(v);
      }
      if (present.length === 0 || (present.length * 100) / level.values.length < needed) continue;
      out.push([isoSeconds(ts), level.granularity, reduce(method, present)]);
    }
    return out;
  }
}

/** A search as JSON (`{"=": {…}}`) or as Gnocchi's query string (`project_id!=x and …`); empty finds all. */
export function searchWhere(search: unknown): Prisma.MetricResourceWhereInput {
  const filter = typeof search === "string" ? (search.trim() ? parseSearchQuery(search) : {}) : search;
  if (filter === undefined || filter === null) return {};
  if (typeof filter === "object" && Object.keys(filter).length === 0) return {};
  return searchFilterWhere(filter);
}

function reduce(method: "mean" | "min" | "max" | "sum" | "count", values: number[]): number {
  switch (method) {
    case "sum":
      return values.reduce((a, b) => a + b, 0);
    case "mean":
      return values.reduce((a, b) => a + b, 0) / values.length;
    case "min":
      return Math.min(...values);
    case "max":
      return Math.max(...values);
    case "count":
      return values.length;
  }
}

const COLUMN_ATTRS: Record<string, (r: ResourceRow) => unknown> = {
  id: (r) => r.id,
  project_id: (r) => r.projectId,
  user_id: (r) => r.userId,
  type: (r) => r.type,
  original_resource_id: (r) => r.originalResourceId,
};

function attributeOf(r: ResourceRow, attr: string): unknown {
  const column = COLUMN_ATTRS[attr];
  if (column) return column(r);
  const attrs = r.attributes as Record<string, unknown> | null;
  return attrs?.[attr] ?? null;
}
