import type { GraphState, TopologyDelta, TopologyEdge, TopologyGraph, TopologyNode } from "./types";

export function toGraphState(graph: TopologyGraph): GraphState {
  return {
    nodes: new Map(graph.nodes.map((n) => [n.id, n])),
    edges: new Map(graph.edges.map((e) => [e.id, e])),
    revision: graph.revision,
  };
}

export interface DeltaResult {
  state: GraphState;
  /** Nodes that left the graph, so the diagram can fade them out. */
  removed: TopologyNode[];
  /** Nodes that were not there before, so the diagram places them incrementally. */
  added: string[];
}

/** Keeps the old object when the upsert carries the same content, so unchanged nodes are not redrawn. */
function sameContent<T>(a: T | undefined, b: T): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies one pushed change: removals first, then upserts (whole objects
 * replace old ones); with `reset` everything not in the upserts is dropped.
 * Edges whose ends are gone are dropped too, so the diagram never draws a
 * dangling line.
 */
export function applyDelta(state: GraphState, delta: TopologyDelta): DeltaResult {
  const nodes = new Map(state.nodes);
  const edges = new Map(state.edges);
  const removed: TopologyNode[] = [];
  const added: string[] = [];

  const removeNodeIds = new Set(delta.removeNodes);
  if (delta.reset) {
    const keep = new Set(delta.upsertNodes.map((n) => n.id));
    for (const id of nodes.keys()) if (!keep.has(id)) removeNodeIds.add(id);
    const keepEdges = new Set(delta.upsertEdges.map((e) => e.id));
    for (const id of edges.keys()) if (!keepEdges.has(id)) edges.delete(id);
  }
  for (const id of removeNodeIds) {
    const node = nodes.get(id);
    if (node) removed.push(node);
    nodes.delete(id);
  }
  for (const id of delta.removeEdges) edges.delete(id);

  for (const node of delta.upsertNodes) {
    const old = nodes.get(node.id);
    if (!old) added.push(node.id);
    if (!sameContent<TopologyNode>(old, node)) nodes.set(node.id, node);
  }
  for (const edge of delta.upsertEdges) {
    if (!sameContent<TopologyEdge>(edges.get(edge.id), edge)) edges.set(edge.id, edge);
  }
  for (const [id, edge] of edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) edges.delete(id);
  }
  return { state: { nodes, edges, revision: delta.revision }, removed, added };
}
