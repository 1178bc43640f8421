import type { FastifyInstance } from "fastify";
import type { RequestMetrics } from "./control-metrics.ts";
import { methodLabel, serviceOf, statusClass, UNMATCHED_ROUTE } from "./request-labels.ts";

/**
 * Counts every answered request and its latency, labelled by Fastify's
 * route pattern (`/compute/v2.1/servers/:id`), never the raw URL, so ids
 * cannot grow the series. Requests no route matched share one label.
 */
export function installRequestMetrics(app: FastifyInstance, metrics: RequestMetrics): void {
  app.addHook("onResponse", async (request, reply) => {
    const route = request.is404 ? undefined : request.routeOptions.url;
    const labels = {
      // Unmatched requests still name their API when the prefix is a known one.
      service: serviceOf(route ?? request.url),
      route: route ?? UNMATCHED_ROUTE,
      method: methodLabel(request.method),
      status_class: statusClass(reply.statusCode),
    };
    metrics.requests.inc(labels);
    metrics.duration.observe(labels, reply.elapsedTime / 1000);
  });
}
