/**
 * The contract of `metrics.topInstances` (branch h-mtab, issue 12): the
 * project's instances ranked by CPU or network over a range, or
 * `available: false` where the cloud has no metric service.
 */
export type TopRange = "1h" | "24h" | "7d" | "30d";
export type TopBy = "cpu" | "network";

export interface TopInstancesInput {
  range: TopRange;
  by: TopBy;
  limit: number;
}

export interface TopInstancesResult {
  available: boolean;
  items: { serverId: string; name: string; value: number; unit: string }[];
}

export interface TopInstancesQuery {
  data: TopInstancesResult | undefined;
  error: unknown;
  refetch: () => void;
}

/**
 * SEAM (issue 12): until `metrics.topInstances` is on main this answers
 * "not available". When it lands, the body becomes
 * `return trpc.metrics.topInstances.useQuery(input);` and nothing else changes.
 */
export function useTopInstances(_input: TopInstancesInput): TopInstancesQuery {
  return { data: { available: false, items: [] }, error: null, refetch: () => {} };
}
