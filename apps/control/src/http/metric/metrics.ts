import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParam, parse } from "../parse.ts";
import { metricCaller } from "./context.ts";
import { isTrue, ZAggregatesQuery, ZMeasuresQuery } from "./query.ts";
import { renderMetric } from "./render.ts";
import { METRIC_V1, type MetricRouteEnv } from "./route-env.ts";

const ZId = z.object({ id: idParam });
const ZMetricList = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    marker: z.string().max(255).optional(),
    name: z.string().max(255).optional(),
  })
  .loose();
const ZAggregatesBody = z.object({
  operations: z.union([z.string().max(8192), z.array(z.unknown()).max(500)]),
  resource_type: z.string().min(1).max(64).optional(),
  search: z.unknown().optional(),
});

/** Metrics by id, their measures, and the aggregates API. */
export function registerMetricRoutes(app: FastifyInstance, env: MetricRouteEnv): void {
  const { identity, metering } = env;

  app.get(`${METRIC_V1}/metric`, async (request) => {
    const caller = await metricCaller(identity, request, "list metric");
    const query = parse(ZMetricList, request.query);
    const rows = await metering.resources.metrics(caller, query);
    return rows.map((m) => renderMetric(m));
  });

  app.get(`${METRIC_V1}/metric/:id`, async (request) => {
    const { id } = parse(ZId, request.params);
    const caller = await metricCaller(identity, request, "get metric");
    return renderMetric(await metering.resources.metric(caller, id), true);
  });

  app.get(`${METRIC_V1}/metric/:id/measures`, async (request) => {
    const { id } = parse(ZId, request.params);
    const caller = await metricCaller(identity, request, "get measures");
    const query = parse(ZMeasuresQuery, request.query);
    const metric = await metering.resources.metric(caller, id);
    if (isTrue(query.refresh)) await metering.aggregator.processBacklog();
    return metering.reader.measures(metric.seq, query);
  });

  app.post(`${METRIC_V1}/aggregates`, async (request) => {
    const caller = await metricCaller(identity, request, "get measures");
    const query = parse(ZAggregatesQuery, request.query);
    const body = parse(ZAggregatesBody, request.body);
    if (isTrue(query.refresh)) await metering.aggregator.processBacklog();
    return metering.aggregates.run(caller, {
      operations: body.operations,
      resourceType: body.resource_type,
      search: body.search,
      start: query.start,
      stop: query.stop,
      granularity: query.granularity,
      neededOverlap: query.needed_overlap,
      fill: query.fill,
      groupby: query.groupby ?? [],
    });
  });
}
