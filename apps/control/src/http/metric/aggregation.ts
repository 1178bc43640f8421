import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AggregationMethod } from "../../services/metering/archive-policy.ts";
import { parse } from "../parse.ts";
import { metricCaller } from "./context.ts";
import { isTrue, ZAggregatesQuery } from "./query.ts";
import { METRIC_V1, type MetricRouteEnv } from "./route-env.ts";

const REAGGREGATIONS = ["mean", "min", "max", "sum", "count"] as const;
const ZLegacyQuery = ZAggregatesQuery.extend({
  aggregation: z
    .enum(["mean", "min", "max", "sum", "count", "rate:mean", "rate:min", "rate:max", "rate:sum"])
    .default("mean"),
  reaggregation: z.enum(REAGGREGATIONS).optional(),
  filter: z.string().max(4096).optional(),
  metric: z.union([z.string().max(64), z.array(z.string().max(64)).max(500)]).optional(),
});
const ZResourceMetric = z.object({ type: z.string().min(1).max(64), name: z.string().min(1).max(255) });

/** Across series, a rate is re-aggregated by its base method (Gnocchi's default reaggregation is the aggregation). */
function reaggregationOf(aggregation: AggregationMethod, given?: (typeof REAGGREGATIONS)[number]) {
  return given ?? (aggregation.replace("rate:", "") as (typeof REAGGREGATIONS)[number]);
}

interface Aggregated {
  measures: { aggregated: unknown[] };
}

/**
 * Gnocchi's older cross-metric aggregation (`/v1/aggregation/…`, what
 * `openstack metric measures aggregation` calls), served by the aggregates
 * API: one aggregated series, or one per group.
 */
export function registerMetricAggregationRoutes(app: FastifyInstance, env: MetricRouteEnv): void {
  const { identity, metering } = env;

  app.post(`${METRIC_V1}/aggregation/resource/:type/metric/:name`, async (request) => {
    const { type, name } = parse(ZResourceMetric, request.params);
    const caller = await metricCaller(identity, request, "get measures");
    const q = parse(ZLegacyQuery, request.query);
    const body: unknown = request.body;
    const search =
      q.filter ?? (body && typeof body === "object" && Object.keys(body).length > 0 ? body : undefined);
    const result = await metering.aggregates.run(caller, {
      operations: [
        "aggregate",
        reaggregationOf(q.aggregation, q.reaggregation),
        ["metric", name, q.aggregation],
      ],
      resourceType: type,
      search,
      start: q.start,
      stop: q.stop,
      granularity: q.granularity,
      neededOverlap: q.needed_overlap,
      fill: q.fill,
      groupby: q.groupby ?? [],
    });
    if (Array.isArray(result)) {
      return (result as Array<{ group: unknown; measures: Aggregated }>).map((g) => ({
        group: g.group,
        measures: g.measures.measures.aggregated,
      }));
    }
    return (result as Aggregated).measures.aggregated;
  });

  app.get(`${METRIC_V1}/aggregation/metric`, async (request) => {
    const caller = await metricCaller(identity, request, "get measures");
    const q = parse(ZLegacyQuery, request.query);
    const ids = [q.metric ?? []].flat();
    if (isTrue(q.refresh)) await metering.aggregator.processBacklog();
    const result = (await metering.aggregates.run(caller, {
      operations: [
        "aggregate",
        reaggregationOf(q.aggregation, q.reaggregation),
        ["metric", ...ids.map((id) => [id, q.aggregation])],
      ],
      start: q.start,
      stop: q.stop,
      granularity: q.granularity,
      neededOverlap: q.needed_overlap,
      fill: q.fill,
      groupby: [],
    })) as Aggregated;
    return result.measures.aggregated;
  });
}
