import { createHash } from "node:crypto";
import type { TTopologyEdge, TTopologyNode } from "../../../routers/network/topology/topology.types.ts";
import type { TopologyContent } from "./build.ts";

/**
 * The canonical text of a node or edge: every field, in a fixed order, as
 * a JSON array (so key order and absent optionals cannot change it). Two
 * items are the same for the diagram exactly when their texts are equal.
 */
export function canonicalNode(n: TTopologyNode): string {
  return JSON.stringify([
    n.id,
    n.kind,
    n.name,
    n.status,
    n.tone,
    n.projectId,
    n.projectName ?? null,
    n.external,
    n.shared,
    n.subnets.map((s) => [s.id, s.name, s.cidr, s.ipVersion, s.gatewayIp]),
    n.taskState,
    (n.volumes ?? []).map((v) => [v.id, v.name]),
  ]);
}

export function canonicalEdge(e: TTopologyEdge): string {
  return JSON.stringify([
    e.id,
    e.source,
    e.target,
    e.kind,
    e.status,
    e.tone,
    e.addresses.map((a) => [a.ip, a.subnetId]),
    e.macAddress,
    e.floatingIps.map((f) => [f.id, f.address]),
  ]);
}

/** A graph with its items' canonical texts by id (what the diff compares) and its revision. */
export interface IndexedTopology extends TopologyContent {
  nodeTexts: Map<string, string>;
  edgeTexts: Map<string, string>;
  revision: string;
}

/**
 * Indexes a graph and digests it: sha-256 over the canonical texts of its
 * nodes, then its edges, each sorted by id, so equal graphs give equal
 * revisions whatever order the APIs listed them in.
 */
export function indexTopology(content: TopologyContent): IndexedTopology {
  const nodeTexts = new Map(content.nodes.map((n) => [n.id, canonicalNode(n)]));
  const edgeTexts = new Map(content.edges.map((e) => [e.id, canonicalEdge(e)]));
  const hash = createHash("sha256");
  for (const [label, texts] of [
    ["nodes", nodeTexts],
    ["edges", edgeTexts],
  ] as const) {
    hash.update(`${label}\n`);
    for (const id of [...texts.keys()].sort()) hash.update(`${texts.get(id)}\n`);
  }
  return { ...content, nodeTexts, edgeTexts, revision: hash.digest("hex") };
}
