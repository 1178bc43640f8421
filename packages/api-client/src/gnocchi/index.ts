export {
  type AggregatesQuery,
  createGnocchiClient,
  type GnocchiClient,
  type GnocchiClientOptions,
  gnocchiV1Url,
  type MeasuresQuery,
  type ResourceListQuery,
  type SearchFilter,
  type TimeBound,
} from "./client.ts";
export { METRIC_SERVICE_TYPE, type MetricService, resolveMetricService } from "./resolve.ts";
export * from "./schemas.ts";
