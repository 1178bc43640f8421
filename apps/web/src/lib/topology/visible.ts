import type { GraphState, TopologyEdge, TopologyNode, TopologyTone } from "./types";

/** Above this many instances a network shows them as one "N instances" node until expanded. */
export const COLLAPSE_THRESHOLD = 12;

export const collapsedId = (networkId: string) => `collapsed:${networkId}`;

/**
 * The group key of instances on no network (never a network id: those are
 * UUIDs). A cloud can hold thousands of them (servers booted with
 * `--nic none`), which would otherwise make one endless row.
 */
export const NO_NETWORK = "no-network";

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
  /** A network's home instances, by name (`NO_NETWORK`: instances on none). */
  members: ReadonlyMap<string, string[]>;
  /** Instance id → the group hiding it. */
  hiddenIn: ReadonlyMap<string, string>;
}

function groupOf(networkId: string, networkName: string, list: readonly TopologyNode[]): CollapsedGroup {
  const tones: Record<TopologyTone, number> = { active: 0, build: 0, error: 0, down: 0 };
  for (const n of list) tones[n.tone]++;
  return { id: collapsedId(networkId), networkId, networkName, count: list.length, tones };
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
 * not expanded, which become one count node. Instances on no network are
 * grouped the same way, under the key `NO_NETWORK`.
 */
export function visibleGraph(
  state: GraphState,
  expanded: ReadonlySet<string>,
  threshold = COLLAPSE_THRESHOLD,
): VisibleGraph {
  const homeOf = homeNetworks(state);
  const memberNodes = new Map<string, TopologyNode[]>();
  const add = (key: string, node: TopologyNode) => {
    const list = memberNodes.get(key) ?? [];
    list.push(node);
    memberNodes.set(key, list);
  };
  for (const node of state.nodes.values()) {
    if (node.kind === "instance") add(homeOf.get(node.id) ?? NO_NETWORK, node);
  }
  const members = new Map<string, string[]>();
  const hiddenIn = new Map<string, string>();
  const groups: CollapsedGroup[] = [];
  for (const [key, list] of memberNodes) {
    list.sort(byName);
    members.set(
      key,
      list.map((n) => n.id),
    );
    if (list.length <= threshold || expanded.has(key)) continue;
    const group = groupOf(key, key === NO_NETWORK ? "" : (state.nodes.get(key)?.name ?? key), list);
    for (const n of list) hiddenIn.set(n.id, group.id);
    groups.push(group);
  }
  const nodes = [...state.nodes.values()].filter((n) => !hiddenIn.has(n.id));
  const edges: TopologyEdge[] = [];
  for (const edge of state.edges.values()) {
    if (!hiddenIn.has(edge.source)) edges.push(edge);
  }
  for (const group of groups) {
    // Instances on no network have no line to draw.
    if (group.networkId === NO_NETWORK) continue;
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
