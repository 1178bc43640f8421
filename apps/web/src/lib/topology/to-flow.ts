import { type Edge, type Node, type NodeHandle, Position } from "@xyflow/react";
import type { TopologyLabels } from "./labels";
import { SIZE } from "./layout";
import { fixedIps, floatingIps, type PortIndex } from "./ports";
import type { Point, TopologyEdge, TopologyNode } from "./types";
import type { CollapsedGroup, VisibleGraph } from "./visible";

export type NetworkData = { node: TopologyNode; width: number; leaving: boolean; showProject: boolean };
export type RouterData = { node: TopologyNode; gatewayIps: string[]; leaving: boolean; showProject: boolean };
export type InstanceData = {
  node: TopologyNode;
  addresses: string[];
  floatingIps: string[];
  leaving: boolean;
  showProject: boolean;
};
export type CollapsedData = { group: CollapsedGroup; leaving: boolean };
export type PortData = { port: TopologyEdge };

export type NetworkFlowNode = Node<NetworkData, "network">;
export type RouterFlowNode = Node<RouterData, "router">;
export type InstanceFlowNode = Node<InstanceData, "instance">;
export type CollapsedFlowNode = Node<CollapsedData, "collapsed">;
export type TopologyFlowNode = NetworkFlowNode | RouterFlowNode | InstanceFlowNode | CollapsedFlowNode;
export type TopologyFlowEdge = Edge<PortData>;

export interface FlowInput {
  visible: VisibleGraph;
  ports: PortIndex;
  positions: ReadonlyMap<string, Point>;
  widths: ReadonlyMap<string, number>;
  selectedId: string | null;
  /** Nodes being removed: drawn fading out until they go. */
  leaving: ReadonlyMap<string, TopologyNode>;
  /** Nodes just added by a push: drawn fading in. */
  entering?: ReadonlySet<string>;
  showProject: boolean;
  /** Screen-reader texts in the reader's language. */
  labels: TopologyLabels;
}

const HANDLE = 10;

/**
 * Size, measured size and handle places, given up front: the nodes have
 * fixed sizes, so React Flow needs no measuring pass before it can draw
 * edges, keeps handle bounds when a node object is replaced (a drag frame,
 * a status change) and can fit the view at once.
 */
export function sized(width: number, height: number, handles: "both" | "target" = "both") {
  const target: NodeHandle = {
    id: null,
    type: "target",
    position: Position.Top,
    x: width / 2 - HANDLE / 2,
    y: -HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  };
  const source: NodeHandle = { ...target, type: "source", position: Position.Bottom, y: height - HANDLE / 2 };
  return {
    width,
    height,
    measured: { width, height },
    handles: handles === "both" ? [target, source] : [target],
  };
}

interface CacheEntry {
  deps: readonly unknown[];
  node: TopologyFlowNode;
}
/** The previous render's node objects, so unchanged nodes keep their identity and are not redrawn. */
export type FlowCache = Map<string, CacheEntry>;

const sameDeps = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

function build(
  node: TopologyNode,
  input: FlowInput,
  position: Point,
  leaving: boolean,
): { deps: unknown[]; make: () => TopologyFlowNode } {
  const selected = input.selectedId === node.id;
  const className = leaving
    ? "topology-leaving"
    : input.entering?.has(node.id)
      ? "topology-entering"
      : undefined;
  const devicePorts = input.ports.byDevice.get(node.id);
  // Built only when the node object is (re)made: the deps below decide that cheaply.
  const common = () => ({
    id: node.id,
    position,
    selected,
    ariaLabel: input.labels.node(node, devicePorts),
    className,
    deletable: false,
    connectable: !leaving,
  });
  if (node.kind === "network") {
    const width = node.external
      ? SIZE.external.width
      : (input.widths.get(node.id) ?? SIZE.networkBar.minWidth);
    return {
      deps: [node, position.x, position.y, width, selected, className, input.showProject],
      make: () => ({
        ...common(),
        type: "network",
        ...sized(width, SIZE.networkBar.height),
        data: { node, width, leaving, showProject: input.showProject },
      }),
    };
  }
  if (node.kind === "router") {
    const gatewayIps = fixedIps(devicePorts?.filter((p) => p.kind === "router-gateway"));
    return {
      deps: [
        node,
        position.x,
        position.y,
        fixedIps(devicePorts).join(),
        selected,
        leaving,
        input.showProject,
      ],
      make: () => ({
        ...common(),
        type: "router",
        ...sized(SIZE.router.width, SIZE.router.height),
        data: { node, gatewayIps, leaving, showProject: input.showProject },
      }),
    };
  }
  const addresses = fixedIps(devicePorts);
  const fips = floatingIps(devicePorts);
  return {
    deps: [
      node,
      position.x,
      position.y,
      addresses.join(),
      fips.join(),
      selected,
      className,
      input.showProject,
    ],
    make: () => ({
      ...common(),
      type: "instance",
      ...sized(SIZE.instance.width, SIZE.instance.height),
      data: { node, addresses, floatingIps: fips, leaving, showProject: input.showProject },
    }),
  };
}

/**
 * The React Flow nodes for what is drawn. A node whose inputs did not
 * change is the very object of the previous call (from `cache`), so React
 * Flow and the memoised node components skip it.
 */
export function toFlowNodes(input: FlowInput, cache: FlowCache): TopologyFlowNode[] {
  const out: TopologyFlowNode[] = [];
  const next: FlowCache = new Map();
  const emit = (id: string, nodeDeps: readonly unknown[], make: () => TopologyFlowNode) => {
    // A language switch remakes every node: their screen-reader labels change.
    const deps = [...nodeDeps, input.labels];
    const old = cache.get(id);
    const node = old && sameDeps(old.deps, deps) ? old.node : make();
    next.set(id, { deps, node });
    out.push(node);
  };
  const origin = { x: 0, y: 0 };
  for (const node of input.visible.nodes) {
    const position = input.positions.get(node.id) ?? origin;
    const { deps, make } = build(node, input, position, false);
    emit(node.id, deps, make);
  }
  for (const [id, node] of input.leaving) {
    if (next.has(id)) continue;
    const position = input.positions.get(id);
    if (!position) continue;
    const { deps, make } = build(node, input, position, true);
    emit(id, deps, make);
  }
  for (const group of input.visible.groups) {
    const position = input.positions.get(group.id) ?? origin;
    const selected = input.selectedId === group.id;
    // As wide as its network's bar: the space its instances take when expanded.
    const width = Math.max(SIZE.collapsed.width, input.widths.get(group.networkId) ?? 0);
    emit(
      group.id,
      [group.count, ...Object.values(group.tones), position.x, position.y, selected, width],
      () => ({
        id: group.id,
        type: "collapsed",
        position,
        selected,
        deletable: false,
        connectable: false,
        ...sized(width, SIZE.collapsed.height, "target"),
        ariaLabel: input.labels.collapsed(group),
        data: { group, leaving: false },
      }),
    );
  }
  cache.clear();
  for (const [id, entry] of next) cache.set(id, entry);
  return out;
}

export type EdgeCache = Map<
  string,
  { port: TopologyEdge; edge: TopologyFlowEdge; selected: boolean; labels: TopologyLabels }
>;

/**
 * Edges drawn from the upper node's bottom to the lower node's top:
 * external network → router (gateway), router → network (interface),
 * network → instance (port).
 */
export function toFlowEdges(
  visible: VisibleGraph,
  nodeNames: ReadonlyMap<string, string>,
  selectedEdgeId: string | null,
  cache: EdgeCache,
  labels: TopologyLabels,
): TopologyFlowEdge[] {
  const out: TopologyFlowEdge[] = [];
  const seen = new Set<string>();
  for (const port of visible.edges) {
    seen.add(port.id);
    const selected = port.id === selectedEdgeId;
    const old = cache.get(port.id);
    if (old && old.port === port && old.selected === selected && old.labels === labels) {
      out.push(old.edge);
      continue;
    }
    const [source, target] =
      port.kind === "router-interface" ? [port.source, port.target] : [port.target, port.source];
    const ips = port.addresses.map((a) => a.ip).join(", ");
    const summary = port.source.startsWith("collapsed:");
    const edge: TopologyFlowEdge = {
      id: port.id,
      source,
      target,
      selected,
      deletable: false,
      focusable: !summary,
      selectable: !summary,
      animated: port.tone === "build",
      className: `topology-edge topology-edge-${port.tone}`,
      label: port.kind === "instance" ? undefined : ips || undefined,
      ariaLabel: summary
        ? undefined
        : labels.port(
            port,
            ips,
            nodeNames.get(port.source) ?? port.source,
            nodeNames.get(port.target) ?? port.target,
          ),
      data: { port },
    };
    cache.set(port.id, { port, edge, selected, labels });
    out.push(edge);
  }
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return out;
}
