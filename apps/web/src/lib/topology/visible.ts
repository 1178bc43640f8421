import type { GraphState, TopologyEdge, TopologyNode, TopologyTone } from "./types";

/** Above this many instances a network shows them as one "N instances" node until expanded. */
export const COLLAPSE_THRESHOLD = 12;

export const collapsedId = (networkId: string) => `collapsed:${networkId}`;

export interface CollapsedGroup {
  id: string;
  networkId: string;
  networkName: string;
  count: number;
  tones: Record<TopologyTone, number>;
}

export interface VisibleGraph {
  /** Graph nodes drawn as themselves (hidden instances left out). */
  nodes: TopologyNode[];
  groups: CollapsedGroup[];
  /** Edges between drawn nodes, plus one per group to its network (id `collapsed-edge:<network>`). */
  edges: TopologyEdge[];
  /** Each instance's home network: the network it is drawn under (its port with the smallest id). */
  homeOf: ReadonlyMap<string, string>;
  /** A network's home instances, by name. */
  members: ReadonlyMap<string, string[]>;
  /** Instance id → the group hiding it. */
  hiddenIn: ReadonlyMap<string, string>;
}

/** Which network each instance sits under: stable while its ports stay. */
export function homeNetworks(state: GraphState): Map<string, string> {
  const home = new Map<string, { network: string; port: string }>();
  for (const edge of state.edges.values()) {
    if (edge.kind !== "instance") continue;
    const target = state.nodes.get(edge.target);
    if (target?.kind !== "network") continue;
    const current = home.get(edge.source);
    if (!current || edge.id < current.port) home.set(edge.source, { network: edge.target, port: edge.id });
  }
  return new Map([...home].map(([instance, h]) => [instance, h.network]));
}

const byName = (a: TopologyNode, b: TopologyNode) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/**
 * What the diagram draws: every network and router, and instances except
 * those of networks with more than `threshold` instances that the user has
 * not expanded, which become one count node.
 */
export function visibleGraph(
  state: GraphState,
  expanded: ReadonlySet<string>,
  threshold = COLLAPSE_THRESHOLD,
): VisibleGraph {
  const homeOf = homeNetworks(state);
  const memberNodes = new Map<string, TopologyNode[]>();
  for (const [instance, network] of homeOf) {
    const node = state.nodes.get(instance);
    if (!node) continue;
    const list = memberNodes.get(network) ?? [];
    list.push(node);
    memberNodes.set(network, list);
  }
  const members = new Map<string, string[]>();
  const hiddenIn = new Map<string, string>();
  const groups: CollapsedGroup[] = [];
  for (const [network, list] of memberNodes) {
    list.sort(byName);
    members.set(
      network,
      list.map((n) => n.id),
    );
    if (list.length <= threshold || expanded.has(network)) continue;
    const id = collapsedId(network);
    const tones: Record<TopologyTone, number> = { active: 0, build: 0, error: 0, down: 0 };
    for (const n of list) {
      tones[n.tone]++;
      hiddenIn.set(n.id, id);
    }
    groups.push({
      id,
      networkId: network,
      networkName: state.nodes.get(network)?.name ?? network,
      count: list.length,
      tones,
    });
  }
  const nodes = [...state.nodes.values()].filter((n) => !hiddenIn.has(n.id));
  const edges: TopologyEdge[] = [];
  for (const edge of state.edges.values()) {
    if (!hiddenIn.has(edge.source)) edges.push(edge);
  }
  for (const group of groups) {
    edges.push({
      id: `collapsed-edge:${group.networkId}`,
      source: group.id,
      target: group.networkId,
      kind: "instance",
      status: "ACTIVE",
      tone: "active",
      addresses: [],
      macAddress: null,
      floatingIps: [],
    });
  }
  return { nodes, groups, edges, homeOf, members, hiddenIn };
}
