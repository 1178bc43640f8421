import type { GraphState, TopologyEdge } from "./types";

export interface PortIndex {
  /** Ports of each device (router or instance), by port id. */
  byDevice: ReadonlyMap<string, TopologyEdge[]>;
  /** Ports on each network. */
  byNetwork: ReadonlyMap<string, TopologyEdge[]>;
}

/** One pass over the edges, so per-node facts cost no scan of the graph. */
export function indexPorts(state: GraphState): PortIndex {
  const byDevice = new Map<string, TopologyEdge[]>();
  const byNetwork = new Map<string, TopologyEdge[]>();
  for (const edge of state.edges.values()) {
    const d = byDevice.get(edge.source) ?? [];
    d.push(edge);
    byDevice.set(edge.source, d);
    const n = byNetwork.get(edge.target) ?? [];
    n.push(edge);
    byNetwork.set(edge.target, n);
  }
  for (const list of byDevice.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  return { byDevice, byNetwork };
}

export const fixedIps = (ports: readonly TopologyEdge[] | undefined): string[] =>
  (ports ?? []).flatMap((p) => p.addresses.map((a) => a.ip));

export const floatingIps = (ports: readonly TopologyEdge[] | undefined): string[] =>
  (ports ?? []).flatMap((p) => p.floatingIps.map((f) => f.address));
