import type { RouterOutputs } from "../../trpc/react";

/** The graph `network.topology` answers (the BFF's `TTopologyGraph`). */
export type TopologyGraph = RouterOutputs["network"]["topology"];
export type TopologyNode = TopologyGraph["nodes"][number];
export type TopologyEdge = TopologyGraph["edges"][number];
export type TopologyTone = TopologyNode["tone"];
export type TopologySubnet = TopologyNode["subnets"][number];

/**
 * One change pushed by `network.topologyUpdates` (the BFF's `TTopologyDelta`);
 * spelled out because subscription outputs are not in `RouterOutputs`.
 * The subscription's `onData` is typed against it, so a drift fails the typecheck.
 */
export interface TopologyDelta {
  revision: string;
  reset: boolean;
  upsertNodes: TopologyNode[];
  removeNodes: string[];
  upsertEdges: TopologyEdge[];
  removeEdges: string[];
}

/** The graph as the diagram holds it: maps, so one change touches one entry and keeps the others' identity. */
export interface GraphState {
  nodes: ReadonlyMap<string, TopologyNode>;
  edges: ReadonlyMap<string, TopologyEdge>;
  revision: string;
}

/** A 2-D point in diagram coordinates. */
export interface Point {
  x: number;
  y: number;
}
