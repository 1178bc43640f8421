import { findEndpoint } from "../catalog.ts";
import type { FetchLike } from "../http.ts";
import type { CatalogEntry } from "../keystone/schemas.ts";
import { createGnocchiClient, type GnocchiClient } from "./client.ts";

/** Gnocchi's catalog type (service name `gnocchi`). */
export const METRIC_SERVICE_TYPE = "metric";

/**
 * A cloud has a metric service or it does not: a normal state of many
 * OpenStack clouds, not an error. Pages ask for this and show a message
 * where charts would be, instead of failing.
 */
export type MetricService =
  | { available: true; endpoint: string; client: GnocchiClient }
  | { available: false; reason: "no-metric-service" };

export function resolveMetricService(
  catalog: CatalogEntry[],
  opts: { token: string; fetch?: FetchLike | undefined; region?: string | undefined },
): MetricService {
  const endpoint = findEndpoint(catalog, {
    type: METRIC_SERVICE_TYPE,
    interface: "public",
    region: opts.region,
  });
  if (!endpoint) return { available: false, reason: "no-metric-service" };
  return {
    available: true,
    endpoint,
    client: createGnocchiClient({ endpoint, token: opts.token, fetch: opts.fetch }),
  };
}
