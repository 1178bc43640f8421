import type { ELK, ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import type { Point, TopologyNode } from "./types";
import { collapsedId, NO_NETWORK, type VisibleGraph } from "./visible";

/** Node sizes in diagram units; the node components draw at these sizes. */
export const SIZE = {
  instance: { width: 200, height: 76 },
  router: { width: 220, height: 60 },
  collapsed: { width: 200, height: 76 },
  networkBar: { minWidth: 260, height: 64 },
  external: { width: 320, height: 64 },
} as const;
const GAP = 16;
const ROW_GAP = 32;
/** Tenant networks wrap into rows at least this wide (diagram units) rather than one endless row. */
const MIN_ROW_WIDTH = 4000;
const NETWORK_GAP = 40;
const NETWORK_ROW_GAP = 120;
/** Instances of a network are laid out in at most this many columns under it. */
const MAX_COLUMNS = 6;
/** Instances on no network: a grid under everything, at most as wide as a row of networks. */
const NO_NETWORK_COLUMNS = Math.floor((MIN_ROW_WIDTH + GAP) / (SIZE.instance.width + GAP));

export interface LayoutResult {
  positions: Map<string, Point>;
  /** Width of each network bar (wide enough for the instances below it). */
  widths: Map<string, number>;
  /**
   * Instances placed before their network was known (a push can bring a
   * server before its port): parked below the graph until it is, then moved
   * under their network by `placeMissing`.
   */
  homeless?: ReadonlySet<string>;
  /** Where the grid of instances on no network starts (under everything at the time of the layout). */
  unattachedOrigin?: Point;
}

export function columnsFor(count: number): number {
  if (count <= 1) return 1;
  return Math.min(MAX_COLUMNS, Math.max(2, Math.ceil(Math.sqrt(count * 1.5))));
}

export function networkWidth(slots: number): number {
  const cols = columnsFor(slots);
  return Math.max(SIZE.networkBar.minWidth, cols * (SIZE.instance.width + GAP) - GAP);
}

/** Columns that fit under a bar of this width (for nodes placed after the layout). */
export function columnsInWidth(width: number): number {
  return Math.max(1, Math.floor((width + GAP) / (SIZE.instance.width + GAP)));
}

/** The top-left corner of instance slot `k` under a network bar at `bar`. */
export function slotPosition(bar: Point, cols: number, k: number): Point {
  const col = k % cols;
  const row = Math.floor(k / cols);
  return {
    x: bar.x + col * (SIZE.instance.width + GAP),
    y: bar.y + SIZE.networkBar.height + ROW_GAP * 2 + row * (SIZE.instance.height + ROW_GAP),
  };
}

type Layer = 0 | 1 | 2;

export function layerOf(node: Pick<TopologyNode, "kind" | "external">): Layer | null {
  if (node.kind === "network") return node.external ? 0 : 2;
  if (node.kind === "router") return 1;
  return null;
}

/** Instance slots a network needs: its drawn instances, or one for its count node. */
function slotsOf(visible: VisibleGraph, networkId: string, drawn: ReadonlySet<string>): string[] {
  const group = visible.groups.find((g) => g.networkId === networkId);
  if (group) return [group.id];
  return (visible.members.get(networkId) ?? []).filter((id) => drawn.has(id));
}

/** The top-left corner of slot `k` in the grid of instances on no network, which starts at `origin`. */
function unattachedSlot(origin: Point, k: number): Point {
  return {
    x: origin.x + (k % NO_NETWORK_COLUMNS) * (SIZE.instance.width + GAP),
    y: origin.y + Math.floor(k / NO_NETWORK_COLUMNS) * (SIZE.instance.height + ROW_GAP),
  };
}

/**
 * The automatic layout. elk's layered algorithm (top-down, partitioned:
 * external networks, then routers, then tenant networks) places the
 * backbone, each tenant network as one block as wide as the grid of its
 * instances; instances go in that grid under their network. elk thus sees
 * tens of nodes rather than hundreds, which keeps the first render fast.
 */
export async function autoLayout(elk: ELK, visible: VisibleGraph): Promise<LayoutResult> {
  const drawn = new Set(visible.nodes.map((n) => n.id));
  const widths = new Map<string, number>();
  const children: ElkNode[] = [];
  const layers = new Map<string, Layer>();
  for (const node of visible.nodes) {
    const layer = layerOf(node);
    if (layer === null) continue;
    layers.set(node.id, layer);
    let width: number = SIZE.router.width;
    let height: number = SIZE.router.height;
    if (layer === 0) {
      width = SIZE.external.width;
      height = SIZE.external.height;
    } else if (layer === 2) {
      const slots = slotsOf(visible, node.id, drawn).length;
      // As wide as all its instances need, even while they are collapsed, so expanding them fills the
      // reserved columns and only grows downwards, into free space.
      width = networkWidth(Math.max(slots, visible.members.get(node.id)?.length ?? 0));
      widths.set(node.id, width);
      const rows = Math.ceil(slots / columnsInWidth(width));
      height = SIZE.networkBar.height + ROW_GAP * 2 + rows * (SIZE.instance.height + ROW_GAP);
    }
    children.push({
      id: node.id,
      width,
      height,
      layoutOptions: { "elk.partitioning.partition": String(layer) },
    });
  }
  // Edges run from the upper layer to the lower one, as elk's partitions expect.
  const edges: ElkExtendedEdge[] = [];
  const seen = new Set<string>();
  for (const edge of visible.edges) {
    const a = layers.get(edge.source);
    const b = layers.get(edge.target);
    if (a === undefined || b === undefined || a === b) continue;
    const [upper, lower] = a < b ? [edge.source, edge.target] : [edge.target, edge.source];
    const key = `${upper}>${lower}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ id: key, sources: [upper], targets: [lower] });
  }
  const result = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.partitioning.activate": "true",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "80",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.thoroughness": "1",
      "elk.separateConnectedComponents": "false",
    },
    children,
    edges,
  });
  const placed = wrapNetworkRows(result.children ?? [], layers);
  const positions = new Map<string, Point>();
  let bottom = 0;
  let left = 0;
  for (const child of placed) {
    const point = { x: child.x, y: child.y };
    positions.set(child.id, point);
    bottom = Math.max(bottom, point.y + child.height);
    left = Math.min(left, point.x);
  }
  for (const [networkId, width] of widths) {
    const bar = positions.get(networkId);
    if (!bar) continue;
    const slots = slotsOf(visible, networkId, drawn);
    const cols = columnsInWidth(width);
    slots.forEach((id, k) => {
      positions.set(id, slotPosition(bar, cols, k));
    });
  }
  // Instances on no network (or their count node): a grid under everything.
  const origin = { x: left, y: bottom + 80 };
  const unattached = visible.groups.some((g) => g.networkId === NO_NETWORK)
    ? [collapsedId(NO_NETWORK)]
    : visible.nodes.filter((n) => n.kind === "instance" && !positions.has(n.id)).map((n) => n.id);
  unattached.forEach((id, k) => {
    positions.set(id, unattachedSlot(origin, k));
  });
  return { positions, widths, unattachedOrigin: origin };
}

interface Placed {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * elk puts every tenant network on one row: at 50 networks, each as wide
 * as its instance grid, that row is ~44,000 units and "fit view" shows a
 * thin strip. When the networks' row is wider than the backbone needs,
 * networks are re-flowed into rows (keeping elk's left-to-right order,
 * which it chose to keep lines from crossing) and the external networks
 * and routers are packed into one centred row each above them.
 */
function wrapNetworkRows(children: readonly ElkNode[], layers: ReadonlyMap<string, Layer>): Placed[] {
  const placed: Placed[] = children.map((c) => ({
    id: c.id,
    x: c.x ?? 0,
    y: c.y ?? 0,
    width: c.width ?? 0,
    height: c.height ?? 0,
  }));
  const inLayer = (layer: Layer) =>
    placed.filter((p) => layers.get(p.id) === layer).sort((a, b) => a.x - b.x);
  const packed = (items: readonly Placed[]) =>
    items.reduce((sum, p) => sum + p.width, 0) + Math.max(0, items.length - 1) * NETWORK_GAP;
  const networks = inLayer(2);
  const first = networks[0];
  if (!first) return placed;
  const backbone = [inLayer(0), inLayer(1)];
  const rowWidth = Math.max(MIN_ROW_WIDTH, ...backbone.map(packed));
  if (packed(networks) <= rowWidth) return placed;
  const left = Math.min(...placed.map((p) => p.x));
  for (const row of backbone) {
    let x = left + (rowWidth - packed(row)) / 2;
    for (const item of row) {
      item.x = x;
      x += item.width + NETWORK_GAP;
    }
  }
  let x = left;
  let y = first.y;
  let rowHeight = 0;
  for (const net of networks) {
    if (x > left && x + net.width > left + rowWidth) {
      x = left;
      y += rowHeight + NETWORK_ROW_GAP;
      rowHeight = 0;
    }
    net.x = x;
    net.y = y;
    x += net.width + NETWORK_GAP;
    rowHeight = Math.max(rowHeight, net.height);
  }
  return placed;
}

const key = (p: Point) => `${Math.round(p.x)},${Math.round(p.y)}`;

/**
 * Hands out the free slots of the no-network grid in order: those no drawn
 * instance on no network (nor their count node) holds. Undefined before a
 * layout made the grid. The held slots are gathered once, so expanding
 * thousands of instances stays linear. Instances placed there stay
 * `homeless`: a port moves them under their network.
 */
function unattachedSlots(
  visible: VisibleGraph,
  origin: Point | undefined,
  at: (id: string) => Point | undefined,
): () => Point | undefined {
  let taken: Set<string> | undefined;
  let k = 0;
  return () => {
    if (!origin) return undefined;
    if (!taken) {
      taken = new Set();
      const drawn = new Set([...visible.nodes.map((n) => n.id), ...visible.groups.map((g) => g.id)]);
      for (const other of [...(visible.members.get(NO_NETWORK) ?? []), collapsedId(NO_NETWORK)]) {
        const p = drawn.has(other) ? at(other) : undefined;
        if (p) taken.add(key(p));
      }
    }
    while (taken.has(key(unattachedSlot(origin, k)))) k++;
    const slot = unattachedSlot(origin, k);
    taken.add(key(slot));
    return slot;
  };
}

/**
 * Positions for nodes that arrived after the layout, without moving any
 * other: an instance takes the first free slot under its network, a router
 * or network goes right of the others of its layer. Returns only the new
 * positions (and widths of new networks).
 */
export function placeAdded(
  visible: VisibleGraph,
  layout: LayoutResult,
  added: readonly string[],
): LayoutResult {
  const positions = new Map<string, Point>();
  const widths = new Map<string, number>();
  const homeless = new Set<string>();
  const byId = new Map(visible.nodes.map((n) => [n.id, n]));
  const at = (id: string) => positions.get(id) ?? layout.positions.get(id);
  const widthOf = (id: string) => widths.get(id) ?? layout.widths.get(id) ?? SIZE.networkBar.minWidth;
  const groups = new Map(visible.groups.map((g) => [g.id, g]));

  const backbone = added.filter((id) => {
    const n = byId.get(id);
    return n && layerOf(n) !== null;
  });
  const rest = added.filter((id) => !backbone.includes(id));
  const nextUnattached = unattachedSlots(visible, layout.unattachedOrigin, at);

  for (const id of backbone) {
    const node = byId.get(id);
    if (!node || at(id)) continue;
    const layer = layerOf(node);
    let right = Number.NEGATIVE_INFINITY;
    let y: number | null = null;
    for (const other of visible.nodes) {
      const p = at(other.id);
      if (!p || other.id === id) continue;
      if (layerOf(other) !== layer) continue;
      y = y ?? p.y;
      const w =
        other.kind === "network"
          ? other.external
            ? SIZE.external.width
            : widthOf(other.id)
          : SIZE.router.width;
      right = Math.max(right, p.x + w);
    }
    const x = Number.isFinite(right) ? right + 40 : 0;
    positions.set(id, { x, y: y ?? (layer ?? 0) * 160 });
    if (node.kind === "network" && !node.external) widths.set(id, SIZE.networkBar.minWidth);
  }

  for (const id of rest) {
    if (at(id)) continue;
    const network = groups.get(id)?.networkId ?? visible.homeOf.get(id);
    const bar = network ? at(network) : undefined;
    if (!network || !bar) {
      positions.set(id, nextUnattached() ?? { x: 0, y: maxY(visible, at) + 120 });
      homeless.add(id);
      continue;
    }
    const cols = columnsInWidth(widthOf(network));
    const taken = new Set<string>();
    for (const member of visible.members.get(network) ?? []) {
      // Instances hidden in a count node leave their slots free for it.
      const p = member === id || visible.hiddenIn.has(member) ? undefined : at(member);
      if (p) taken.add(key(p));
    }
    for (const g of visible.groups) {
      const p = g.networkId === network && g.id !== id ? at(g.id) : undefined;
      if (p) taken.add(key(p));
    }
    let k = 0;
    while (taken.has(key(slotPosition(bar, cols, k)))) k++;
    positions.set(id, slotPosition(bar, cols, k));
  }
  return { positions, widths, homeless };
}

/**
 * The layout with every drawn node placed: nodes that arrived after it get
 * positions (`placeAdded`), and parked homeless instances whose network is
 * now known move under it. Returns `layout` itself when nothing changes.
 */
export function placeMissing(visible: VisibleGraph, layout: LayoutResult): LayoutResult {
  const ids = [...visible.nodes.map((n) => n.id), ...visible.groups.map((g) => g.id)];
  const missing = ids.filter((id) => !layout.positions.has(id));
  const rehome = [...(layout.homeless ?? [])].filter((id) => visible.homeOf.has(id));
  if (missing.length === 0 && rehome.length === 0) return layout;
  const base = new Map(layout.positions);
  for (const id of rehome) base.delete(id);
  const extra = placeAdded(visible, { ...layout, positions: base }, [...missing, ...rehome]);
  const stillHomeless = [...(layout.homeless ?? [])].filter((id) => !extra.positions.has(id));
  return {
    positions: new Map([...base, ...extra.positions]),
    widths: new Map([...layout.widths, ...extra.widths]),
    homeless: new Set([...stillHomeless, ...(extra.homeless ?? [])]),
  };
}

function maxY(visible: VisibleGraph, at: (id: string) => Point | undefined): number {
  let y = 0;
  for (const n of visible.nodes) y = Math.max(y, at(n.id)?.y ?? 0);
  return y;
}
