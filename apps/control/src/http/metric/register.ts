import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ARCHIVE_POLICY_NAME } from "../../services/metering/archive-policy.ts";
import { parse } from "../parse.ts";
import { registerMetricAggregationRoutes } from "./aggregation.ts";
import { metricCaller } from "./context.ts";
import { registerMetricRoutes } from "./metrics.ts";
import { RESOURCE_TYPE_LIST, renderArchivePolicy, renderResourceType } from "./render.ts";
import { registerMetricResourceRoutes } from "./resources.ts";
import { METRIC_V1, type MetricRouteEnv } from "./route-env.ts";

const ZName = z.object({ name: z.string().min(1).max(255) });

/** The metric service (Gnocchi v1) under /metric: read-only, scoped like compute. */
export function registerMetricApiRoutes(app: FastifyInstance, env: MetricRouteEnv): void {
  const { identity, metering } = env;
  const versions = () => ({
    versions: [
      {
        id: "v1.0",
        status: "CURRENT",
        links: [{ href: `${env.publicUrl()}${METRIC_V1}/`, rel: "self" }],
      },
    ],
  });
  app.get("/metric", async () => versions());
  app.get(METRIC_V1, async () => ({
    version: "1.0",
    links: ["archive_policy", "resource", "resource_type", "metric", "aggregates", "search", "status"].map(
      (rel) => ({
        rel,
        href: `${env.publicUrl()}${METRIC_V1}/${rel}`,
      }),
    ),
  }));

  app.get(`${METRIC_V1}/archive_policy`, async (request) => {
    await metricCaller(identity, request, "list archive policy");
    return [renderArchivePolicy()];
  });
  app.get(`${METRIC_V1}/archive_policy/:name`, async (request) => {
    const { name } = parse(ZName, request.params);
    await metricCaller(identity, request, "get archive policy");
    if (name !== ARCHIVE_POLICY_NAME) throw ZenithError.notFound(`Archive policy ${name}`);
    return renderArchivePolicy();
  });
  app.get(`${METRIC_V1}/archive_policy_rule`, async (request) => {
    await metricCaller(identity, request, "list archive policy");
    return [{ name: "default", metric_pattern: "*", archive_policy_name: ARCHIVE_POLICY_NAME }];
  });
  app.get(`${METRIC_V1}/resource_type`, async (request) => {
    await metricCaller(identity, request, "list resource type");
    return RESOURCE_TYPE_LIST.map(renderResourceType);
  });
  app.get(`${METRIC_V1}/resource_type/:name`, async (request) => {
    const { name } = parse(ZName, request.params);
    await metricCaller(identity, request, "get resource type");
    if (!RESOURCE_TYPE_LIST.includes(name)) throw ZenithError.notFound(`Resource type ${name}`);
    return renderResourceType(name);
  });
  app.get(`${METRIC_V1}/status`, async (request) => {
    await metricCaller(identity, request, "get status");
    const measures = await metering.backlog();
    return {
      storage: { summary: { measures, metrics: measures > 0 ? 1 : 0 } },
      metricd: { processors: ["zenith"] },
    };
  });

  registerMetricResourceRoutes(app, env);
  registerMetricRoutes(app, env);
  registerMetricAggregationRoutes(app, env);
}
