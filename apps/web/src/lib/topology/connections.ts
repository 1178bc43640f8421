import type { PortIndex } from "./ports";
import type { GraphState, TopologyEdge, TopologyNode, TopologySubnet } from "./types";

export type ConnectionIntent =
  | { kind: "attach"; instance: TopologyNode; network: TopologyNode }
  | { kind: "router-interface"; router: TopologyNode; network: TopologyNode; subnets: TopologySubnet[] };

export type DisconnectIntent =
  | { kind: "detach"; instance: TopologyNode; network: TopologyNode; port: TopologyEdge }
  | { kind: "remove-router-interface"; router: TopologyNode; network: TopologyNode; port: TopologyEdge };

/**
 * What dragging from one node to another means: an instance onto a network
 * attaches an interface, a router onto a tenant network adds a router
 * interface (on a subnet not already on that router). Anything else: null.
 */
export function connectionIntent(
  state: GraphState,
  ports: PortIndex,
  from: string,
  to: string,
): ConnectionIntent | null {
  const a = state.nodes.get(from);
  const b = state.nodes.get(to);
  if (!a || !b) return null;
  const [device, network] = a.kind === "network" ? [b, a] : [a, b];
  if (network.kind !== "network" || device.kind === "network") return null;
  if (device.kind === "instance") return { kind: "attach", instance: device, network };
  if (network.external) return null;
  const used = new Set(
    (ports.byDevice.get(device.id) ?? []).flatMap((p) => p.addresses.map((addr) => addr.subnetId)),
  );
  const subnets = network.subnets.filter((s) => !used.has(s.id));
  if (subnets.length === 0) return null;
  return { kind: "router-interface", router: device, network, subnets };
}

/** What removing an edge means; the gateway and count edges cannot be removed here. */
export function disconnectIntent(state: GraphState, edgeId: string): DisconnectIntent | null {
  const port = state.edges.get(edgeId);
  if (!port) return null;
  const device = state.nodes.get(port.source);
  const network = state.nodes.get(port.target);
  if (!device || !network) return null;
  if (port.kind === "instance") return { kind: "detach", instance: device, network, port };
  if (port.kind === "router-interface")
    return { kind: "remove-router-interface", router: device, network, port };
  return null;
}
