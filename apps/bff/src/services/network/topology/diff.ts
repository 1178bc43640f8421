import type { TTopologyDelta } from "../../../routers/network/topology/topology.types.ts";
import type { IndexedTopology } from "./digest.ts";

/**
 * What turns `prev` into `next`: the nodes and edges that are new or whose
 * content changed (whole items, replacing the old), and the ids that went.
 * Undefined when nothing changed.
 */
export function diffTopology(prev: IndexedTopology, next: IndexedTopology): TTopologyDelta | undefined {
  if (prev.revision === next.revision) return undefined;
  const delta: TTopologyDelta = {
    revision: next.revision,
    reset: false,
    upsertNodes: next.nodes.filter((n) => prev.nodeTexts.get(n.id) !== next.nodeTexts.get(n.id)),
    removeNodes: [...prev.nodeTexts.keys()].filter((id) => !next.nodeTexts.has(id)),
    upsertEdges: next.edges.filter((e) => prev.edgeTexts.get(e.id) !== next.edgeTexts.get(e.id)),
    removeEdges: [...prev.edgeTexts.keys()].filter((id) => !next.edgeTexts.has(id)),
  };
  return isEmptyDelta(delta) ? undefined : delta;
}

export function isEmptyDelta(d: TTopologyDelta): boolean {
  return (
    d.upsertNodes.length === 0 &&
    d.removeNodes.length === 0 &&
    d.upsertEdges.length === 0 &&
    d.removeEdges.length === 0
  );
}

/**
 * The first message of a stream: nothing when the browser already holds
 * this revision, else the whole graph with `reset`, since the BFF cannot
 * know which graph a stale revision stood for.
 */
export function initialDelta(
  browserRevision: string | undefined,
  next: IndexedTopology,
): TTopologyDelta | undefined {
  if (browserRevision === next.revision) return undefined;
  return {
    revision: next.revision,
    reset: true,
    upsertNodes: next.nodes,
    removeNodes: [],
    upsertEdges: next.edges,
    removeEdges: [],
  };
}
