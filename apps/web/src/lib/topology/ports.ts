import type { GraphState, TopologyEdge, TopologyNode } from "./types";

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

const STATUS_WORDS: Record<TopologyNode["tone"], string> = {
  active: "active",
  build: "in progress",
  error: "error",
  down: "down",
};

export function kindLabel(node: Pick<TopologyNode, "kind" | "external">): string {
  if (node.kind === "network") return node.external ? "External network" : "Network";
  return node.kind === "router" ? "Router" : "Instance";
}

/** What a screen reader hears for a node: kind, name, status, addresses. */
export function describeNode(node: TopologyNode, ports: readonly TopologyEdge[] | undefined): string {
  const parts = [
    `${kindLabel(node)} ${node.name || node.id}`,
    `status ${node.status} (${STATUS_WORDS[node.tone]})`,
  ];
  if (node.kind === "network") {
    const cidrs = node.subnets.map((s) => s.cidr);
    if (cidrs.length > 0) parts.push(`subnets ${cidrs.join(", ")}`);
  } else {
    const ips = fixedIps(ports);
    if (ips.length > 0) parts.push(`addresses ${ips.join(", ")}`);
    const fips = floatingIps(ports);
    if (fips.length > 0) parts.push(`floating IPs ${fips.join(", ")}`);
  }
  if (node.projectName) parts.push(`project ${node.projectName}`);
  return parts.join(", ");
}
