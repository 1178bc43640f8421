/**
 * The shape of `metrics.topInstances` (branch h-mtab, issue 12): the
 * project's busiest instances over a range, by CPU (% of the flavor's
 * vCPUs) and by network (bytes/s in + out), or `available: false` where the
 * cloud has no metric service.
 */
export type TopRange = "1h" | "24h" | "7d" | "30d";

export interface TopInstancesInput {
  range: TopRange;
  limit: number;
}

export interface TopInstancesResult {
  available: boolean;
  range: TopRange;
  byCpu: { id: string; name: string; value: number }[];
  byNetwork: { id: string; name: string; value: number; inBps: number; outBps: number }[];
}

export interface TopInstancesQuery {
  data: TopInstancesResult | undefined;
  error: unknown;
  refetch: () => void;
}

/**
 * SEAM (issue 12): until `metrics.topInstances` is on main this answers
 * "not available". When it lands the body becomes
 * `return trpc.metrics.topInstances.useQuery(input);` and nothing else changes.
 */
export function useTopInstances(input: TopInstancesInput): TopInstancesQuery {
  return {
    data: { available: false, range: input.range, byCpu: [], byNetwork: [] },
    error: null,
    refetch: () => {},
  };
}
