import type { PortIndex } from "./ports";
import type { GraphState, TopologyNode } from "./types";

export interface TreeInstance {
  node: TopologyNode;
  addresses: string[];
  floatingIps: string[];
}
export interface TreeNetwork {
  node: TopologyNode;
  instances: TreeInstance[];
}
export interface TreeRouter {
  node: TopologyNode;
  gatewayIps: string[];
  networks: TreeNetwork[];
}
export interface TreeExternal {
  /** null: routers without an external gateway. */
  node: TopologyNode | null;
  routers: TreeRouter[];
}
export interface TopologyTree {
  externals: TreeExternal[];
  /** Tenant networks no router joins. */
  unrouted: TreeNetwork[];
  /** Instances on no network. */
  unattached: TreeInstance[];
}

const byName = (a: TopologyNode, b: TopologyNode) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/**
 * The graph as a nested list (external → routers → networks → instances),
 * for the list view and screen readers. A network joined by several routers
 * is listed under each; an instance under each network it has a port on,
 * with its address there.
 */
export function topologyTree(state: GraphState, ports: PortIndex): TopologyTree {
  const nodes = [...state.nodes.values()].sort(byName);
  const networkEntry = (network: TopologyNode): TreeNetwork => {
    const instances: TreeInstance[] = [];
    for (const port of ports.byNetwork.get(network.id) ?? []) {
      const device = state.nodes.get(port.source);
      if (port.kind !== "instance" || !device) continue;
      instances.push({
        node: device,
        addresses: port.addresses.map((a) => a.ip),
        floatingIps: port.floatingIps.map((f) => f.address),
      });
    }
    instances.sort((a, b) => byName(a.node, b.node));
    return { node: network, instances };
  };
  const routed = new Set<string>();
  const routerEntry = (router: TopologyNode): TreeRouter => {
    const networks: TreeNetwork[] = [];
    const gatewayIps: string[] = [];
    for (const port of ports.byDevice.get(router.id) ?? []) {
      const network = state.nodes.get(port.target);
      if (!network) continue;
      if (port.kind === "router-gateway") gatewayIps.push(...port.addresses.map((a) => a.ip));
      else if (port.kind === "router-interface" && !network.external) {
        routed.add(network.id);
        if (!networks.some((n) => n.node.id === network.id)) networks.push(networkEntry(network));
      }
    }
    networks.sort((a, b) => byName(a.node, b.node));
    return { node: router, gatewayIps, networks };
  };
  const externals: TreeExternal[] = nodes
    .filter((n) => n.kind === "network" && n.external)
    .map((node) => ({ node, routers: [] }));
  const noGateway: TreeExternal = { node: null, routers: [] };
  for (const router of nodes.filter((n) => n.kind === "router")) {
    const gateway = (ports.byDevice.get(router.id) ?? []).find((p) => p.kind === "router-gateway");
    const home = externals.find((e) => e.node?.id === gateway?.target) ?? noGateway;
    home.routers.push(routerEntry(router));
  }
  if (noGateway.routers.length > 0) externals.push(noGateway);
  const unrouted = nodes
    .filter((n) => n.kind === "network" && !n.external && !routed.has(n.id))
    .map(networkEntry);
  const attached = new Set(
    [...state.edges.values()].filter((e) => e.kind === "instance").map((e) => e.source),
  );
  const unattached = nodes
    .filter((n) => n.kind === "instance" && !attached.has(n.id))
    .map((node) => ({ node, addresses: [], floatingIps: [] }));
  return { externals, unrouted, unattached };
}
