import type { FastifyInstance } from "fastify";
import type { ControlMetrics } from "./control-metrics.ts";
import { authorizeScrape, type ScrapeAuthEnv } from "./scrape-auth.ts";

/** Where Prometheus scrapes the control plane (its default metrics_path). */
export const METRICS_PATH = "/metrics";

/** `GET /metrics`: the Prometheus text exposition of the control plane's own health. */
export function registerPrometheusRoute(
  app: FastifyInstance,
  env: ScrapeAuthEnv & { metrics: ControlMetrics },
): void {
  app.get(METRICS_PATH, async (request, reply) => {
    await authorizeScrape(env, request);
    const body = await env.metrics.exposition();
    return reply.header("Cache-Control", "no-store").type(env.metrics.registry.contentType).send(body);
  });
}
