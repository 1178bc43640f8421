import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { searchFilterWhere } from "../../services/metering/search-filter.ts";
import { idParam, parse } from "../parse.ts";
import { metricCaller } from "./context.ts";
import { isTrue, ZListQuery, ZMeasuresQuery } from "./query.ts";
import { renderMetric, renderResource } from "./render.ts";
import { METRIC_V1, type MetricRouteEnv } from "./route-env.ts";

const ZType = z.object({ type: z.string().min(1).max(64) });
const ZResource = ZType.extend({ id: idParam });
const ZResourceMetric = ZResource.extend({ name: z.string().min(1).max(255) });

/** Resources: list, show, search, and a resource's metrics and measures by name. */
export function registerMetricResourceRoutes(app: FastifyInstance, env: MetricRouteEnv): void {
  const { identity, metering } = env;

  app.get(`${METRIC_V1}/resource/:type`, async (request) => {
    const { type } = parse(ZType, request.params);
    const caller = await metricCaller(identity, request, "list resource");
    const query = parse(ZListQuery, request.query);
    const rows = await metering.resources.list(caller, type, query);
    return rows.map(renderResource);
  });

  app.post(`${METRIC_V1}/search/resource/:type`, async (request) => {
    const { type } = parse(ZType, request.params);
    const caller = await metricCaller(identity, request, "search resource");
    const query = parse(ZListQuery, request.query);
    const body: unknown = request.body;
    const empty =
      body === undefined || body === null || (typeof body === "object" && Object.keys(body).length === 0);
    const rows = await metering.resources.list(caller, type, query, empty ? {} : searchFilterWhere(body));
    return rows.map(renderResource);
  });

  app.get(`${METRIC_V1}/resource/:type/:id`, async (request) => {
    const { type, id } = parse(ZResource, request.params);
    const caller = await metricCaller(identity, request, "get resource");
    return renderResource(await metering.resources.get(caller, type, id));
  });

  app.get(`${METRIC_V1}/resource/:type/:id/metric`, async (request) => {
    const { type, id } = parse(ZResource, request.params);
    const caller = await metricCaller(identity, request, "get resource");
    const resource = await metering.resources.get(caller, type, id);
    return resource.metrics.map((m) => renderMetric({ ...m, resource: { ...resource } }));
  });

  app.get(`${METRIC_V1}/resource/:type/:id/metric/:name`, async (request) => {
    const { type, id, name } = parse(ZResourceMetric, request.params);
    const caller = await metricCaller(identity, request, "get metric");
    return renderMetric(await metering.resources.metricOf(caller, type, id, name), true);
  });

  app.get(`${METRIC_V1}/resource/:type/:id/metric/:name/measures`, async (request) => {
    const { type, id, name } = parse(ZResourceMetric, request.params);
    const caller = await metricCaller(identity, request, "get measures");
    const query = parse(ZMeasuresQuery, request.query);
    const metric = await metering.resources.metricOf(caller, type, id, name);
    if (isTrue(query.refresh)) await metering.aggregator.processBacklog();
    return metering.reader.measures(metric.seq, query);
  });
}
