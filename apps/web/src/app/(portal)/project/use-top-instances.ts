import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";

/**
 * `metrics.topInstances`: the project's busiest instances over a range, by
 * CPU (% of the flavor's vCPUs) and by network (bytes/s in + out), or
 * `available: false` where the cloud has no metric service.
 */
export type TopRange = RouterOutputs["metrics"]["topInstances"]["range"];
export type TopInstancesInput = NonNullable<RouterInputs["metrics"]["topInstances"]>;
export type TopInstancesResult = RouterOutputs["metrics"]["topInstances"];

export interface TopInstancesQuery {
  data: TopInstancesResult | undefined;
  error: unknown;
  refetch: () => void;
}

/** The one place the overview reads the ranking (a hook, so the panel stays a view). */
export function useTopInstances(input: TopInstancesInput): TopInstancesQuery {
  const query = trpc.metrics.topInstances.useQuery(input);
  return { data: query.data, error: query.error, refetch: () => void query.refetch() };
}
