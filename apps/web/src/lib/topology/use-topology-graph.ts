"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { trpc } from "@/trpc/react";
import { applyDelta, type DeltaResult, toGraphState } from "./graph-state";
import type { GraphState, TopologyDelta } from "./types";

export interface TopologyScope {
  /** Admin → Topology: every project, or only `projectId`. */
  allProjects?: boolean;
  projectId?: string;
}

/** The `network.topology` input for a scope: the same object gives the same cached query. */
export function topologyInput(scope: TopologyScope): { allProjects?: boolean; projectId?: string } {
  return scope.allProjects
    ? { allProjects: true, ...(scope.projectId ? { projectId: scope.projectId } : {}) }
    : {};
}

/** The graph is read once and then kept current by push: never refetched by time. */
export const TOPOLOGY_QUERY_OPTIONS = { staleTime: Number.POSITIVE_INFINITY };

export interface TopologyGraphApi {
  graph: GraphState | null;
  loading: boolean;
  error: unknown;
  retry: () => void;
  /** The push stream: `live` while connected, `connecting` while (re)connecting, `error` when it failed. */
  live: "idle" | "connecting" | "live" | "error";
  liveError: unknown;
}

/**
 * The topology graph, kept current by push: one `network.topology` read,
 * then `network.topologyUpdates` deltas applied in place (no refresh
 * timer). The subscription is started with the revision of the graph read,
 * and keeps it even as deltas arrive (changing the input would restart the
 * stream); after a reconnect the BFF sees that revision is stale and sends a
 * reset, which `applyDelta` handles. `onDelta` hears what each change added
 * and removed, for placement and fade-outs.
 */
export function useTopologyGraph(
  scope: TopologyScope,
  onDelta: (result: DeltaResult) => void,
): TopologyGraphApi {
  const input = topologyInput(scope);
  const query = trpc.network.topology.useQuery(input, TOPOLOGY_QUERY_OPTIONS);
  const [graph, setGraph] = useState<GraphState | null>(null);
  const graphRef = useRef<GraphState | null>(null);
  const onDeltaRef = useRef(onDelta);
  onDeltaRef.current = onDelta;

  const data = query.data;
  useEffect(() => {
    if (!data) return;
    const next = toGraphState(data);
    graphRef.current = next;
    setGraph(next);
  }, [data]);

  const onData = useCallback((delta: TopologyDelta) => {
    const current = graphRef.current;
    if (!current) return;
    const result = applyDelta(current, delta);
    graphRef.current = result.state;
    setGraph(result.state);
    onDeltaRef.current(result);
  }, []);

  const subscription = trpc.network.topologyUpdates.useSubscription(
    { ...input, revision: data?.revision },
    { enabled: Boolean(data), onData },
  );

  const { refetch } = query;
  const retry = useCallback(() => void refetch(), [refetch]);
  const live = subscription.status === "pending" ? "live" : subscription.status;
  return {
    graph,
    loading: query.isPending,
    error: graph ? null : query.error,
    retry,
    live,
    liveError: subscription.error,
  };
}
