import type { PortIndex } from "./ports";
import type { GraphState, TopologyNode } from "./types";

export interface SearchHit {
  node: TopologyNode;
  /** What matched (a name, an address, a CIDR), shown in the list. */
  matched: string;
}

export const SEARCH_MAX_QUERY = 100;

/**
 * Nodes whose name, id, address, floating IP or subnet CIDR contains the
 * query (case-insensitive); exact and prefix name matches first.
 */
export function searchNodes(state: GraphState, ports: PortIndex, query: string, limit = 20): SearchHit[] {
  const q = query.trim().toLowerCase().slice(0, SEARCH_MAX_QUERY);
  if (!q) return [];
  const scored: { hit: SearchHit; score: number }[] = [];
  for (const node of state.nodes.values()) {
    const name = node.name.toLowerCase();
    let hit: SearchHit | null = null;
    let score = 3;
    if (name === q) [hit, score] = [{ node, matched: node.name }, 0];
    else if (name.startsWith(q)) [hit, score] = [{ node, matched: node.name }, 1];
    else if (name.includes(q)) [hit, score] = [{ node, matched: node.name }, 2];
    else if (node.id.toLowerCase().startsWith(q)) hit = { node, matched: node.id };
    else {
      const values = [
        ...(ports.byDevice.get(node.id) ?? []).flatMap((p) => [
          ...p.addresses.map((a) => a.ip),
          ...p.floatingIps.map((f) => f.address),
        ]),
        ...node.subnets.map((s) => s.cidr),
      ];
      const found = values.find((v) => v.toLowerCase().includes(q));
      if (found) hit = { node, matched: found };
    }
    if (hit) scored.push({ hit, score });
  }
  scored.sort((a, b) => a.score - b.score || a.hit.node.name.localeCompare(b.hit.node.name));
  return scored.slice(0, limit).map((s) => s.hit);
}
