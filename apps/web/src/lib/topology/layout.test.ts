import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { FIXTURE_EXTERNAL_ID, makeTopologyFixture } from "./fixtures";
import { applyDelta, toGraphState } from "./graph-state";
import { autoLayout, placeAdded, placeMissing, SIZE } from "./layout";
import type { TopologyNode } from "./types";
import { collapsedId, NO_NETWORK, visibleGraph } from "./visible";

const elk = new ELK();

describe("autoLayout", () => {
  it("stacks external networks, routers, networks and instances top-down", async () => {
    const state = toGraphState(makeTopologyFixture({ instances: 30, networks: 4, routers: 2 }));
    const visible = visibleGraph(state, new Set());
    const { positions, widths } = await autoLayout(elk, visible);
    const y = (id: string) => positions.get(id)?.y ?? Number.NaN;
    for (const router of ["rtr-0000", "rtr-0001"]) expect(y(router)).toBeGreaterThan(y(FIXTURE_EXTERNAL_ID));
    for (const net of ["net-0000", "net-0003"]) {
      expect(y(net)).toBeGreaterThan(y("rtr-0000"));
      expect(widths.get(net)).toBeGreaterThanOrEqual(SIZE.networkBar.minWidth);
    }
    // Every drawn node has a position, and instances sit below their own network's bar.
    for (const node of visible.nodes) expect(positions.has(node.id)).toBe(true);
    for (const [instance, network] of visible.homeOf) {
      const bar = positions.get(network);
      const p = positions.get(instance);
      if (!bar || !p) throw new Error("missing position");
      expect(p.y).toBeGreaterThan(bar.y);
      expect(p.x).toBeGreaterThanOrEqual(bar.x);
      expect(p.x + SIZE.instance.width).toBeLessThanOrEqual(bar.x + (widths.get(network) ?? 0) + 0.5);
    }
    // No two instances share a slot.
    const slots = [...visible.homeOf.keys()].map((id) => JSON.stringify(positions.get(id)));
    expect(new Set(slots).size).toBe(slots.length);
  });

  it("lays out the bench's size", async () => {
    const state = toGraphState(makeTopologyFixture({ instances: 500, networks: 50, routers: 20 }));
    const visible = visibleGraph(state, new Set());
    const { positions } = await autoLayout(elk, visible);
    expect(positions.size).toBe(visible.nodes.length + visible.groups.length);
  });

  it("wraps many tenant networks into rows that do not overlap, below the routers", async () => {
    const state = toGraphState(makeTopologyFixture({ instances: 500, networks: 50, routers: 20 }));
    const visible = visibleGraph(state, new Set());
    const { positions, widths } = await autoLayout(elk, visible);
    const routerBottom = Math.max(
      ...visible.nodes
        .filter((n) => n.kind === "router")
        .map((n) => (positions.get(n.id)?.y ?? 0) + SIZE.router.height),
    );
    const boxes = [...widths].map(([id, width]) => {
      const p = positions.get(id) ?? { x: 0, y: 0 };
      return { id, x: p.x, y: p.y, width };
    });
    expect(boxes).toHaveLength(50);
    const rows = new Set(boxes.map((b) => b.y));
    expect(rows.size).toBeGreaterThan(1);
    const left = Math.min(...boxes.map((b) => b.x));
    const right = Math.max(...boxes.map((b) => b.x + b.width));
    // One row held all 50 (~44,000 units) before; now no row is much wider than the backbone.
    expect(right - left).toBeLessThan(12_000);
    for (const b of boxes) expect(b.y).toBeGreaterThan(routerBottom);
    for (const a of boxes) {
      for (const b of boxes) {
        if (a.id >= b.id || a.y !== b.y) continue;
        expect(a.x + a.width <= b.x || b.x + b.width <= a.x).toBe(true);
      }
    }
  });
});

describe("instances on no network", () => {
  const loose = toGraphState(makeTopologyFixture({ instances: 40, networks: 1, routers: 1 }));
  const vm = loose.nodes.get("vm-0000") as TopologyNode;
  // 30 servers booted with no network beside the 40 on one.
  const state = applyDelta(loose, {
    revision: "r2",
    reset: false,
    removeNodes: [],
    removeEdges: [],
    upsertNodes: Array.from({ length: 30 }, (_, i) => ({ ...vm, id: `free-${i}`, name: `free-${i}` })),
    upsertEdges: [],
  }).state;

  it("puts their count node under everything, then expands them into a grid no wider than a row of networks", async () => {
    const layout = await autoLayout(elk, visibleGraph(state, new Set()));
    const group = layout.positions.get(collapsedId(NO_NETWORK));
    const bar = layout.positions.get("net-0000");
    if (!group || !bar) throw new Error("no position for the count node or the network");
    expect(group.y).toBeGreaterThan(bar.y);
    expect(layout.unattachedOrigin).toEqual(group);

    const expanded = visibleGraph(state, new Set([NO_NETWORK]));
    const placed = placeMissing(expanded, layout);
    const spots = Array.from({ length: 30 }, (_, i) => placed.positions.get(`free-${i}`));
    expect(spots.every((p) => p !== undefined)).toBe(true);
    const keys = new Set(spots.map((p) => `${p?.x},${p?.y}`));
    expect(keys.size).toBe(30);
    // The first takes the count node's place; the grid wraps at most ~4,000 units wide.
    expect(keys.has(`${group.x},${group.y}`)).toBe(true);
    const xs = spots.map((p) => p?.x ?? 0);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThanOrEqual(4000);
    expect(new Set(spots.map((p) => p?.y)).size).toBeGreaterThan(1);
    for (let i = 0; i < 30; i++) expect(placed.homeless?.has(`free-${i}`)).toBe(true);
  });

  it("lays a few out as themselves in that grid", async () => {
    const few = visibleGraph(state, new Set(), 100);
    const layout = await autoLayout(elk, few);
    expect(few.groups.filter((g) => g.networkId === NO_NETWORK)).toEqual([]);
    expect(layout.positions.get("free-0")).toEqual(layout.unattachedOrigin);
    const ys = Array.from({ length: 30 }, (_, i) => layout.positions.get(`free-${i}`)?.y);
    expect(new Set(ys).size).toBe(2);
  });
});

describe("placeAdded", () => {
  it("puts a new instance in a free slot under its network without moving others", async () => {
    const state = toGraphState(makeTopologyFixture({ instances: 5, networks: 1, routers: 1 }));
    const layout = await autoLayout(elk, visibleGraph(state, new Set()));
    const vm = state.nodes.get("vm-0000") as TopologyNode;
    const port = state.edges.get("port-vm-0000-a");
    if (!port) throw new Error("fixture port missing");
    const next = applyDelta(state, {
      revision: "r2",
      reset: false,
      removeNodes: ["vm-0001"],
      removeEdges: [],
      upsertNodes: [{ ...vm, id: "vm-new", name: "vm-new" }],
      upsertEdges: [{ ...port, id: "port-new", source: "vm-new" }],
    });
    const visible = visibleGraph(next.state, new Set());
    const placed = placeAdded(visible, layout, next.added);
    expect([...placed.positions.keys()]).toEqual(["vm-new"]);
    // It takes the slot vm-0001 left.
    expect(placed.positions.get("vm-new")).toEqual(layout.positions.get("vm-0001"));
  });

  it("puts a new router right of the others on their row", async () => {
    const state = toGraphState(makeTopologyFixture({ instances: 0, networks: 1, routers: 2 }));
    const layout = await autoLayout(elk, visibleGraph(state, new Set()));
    const router = state.nodes.get("rtr-0000") as TopologyNode;
    const next = applyDelta(state, {
      revision: "r2",
      reset: false,
      removeNodes: [],
      removeEdges: [],
      upsertNodes: [{ ...router, id: "rtr-new" }],
      upsertEdges: [],
    });
    const placed = placeAdded(visibleGraph(next.state, new Set()), layout, next.added).positions.get(
      "rtr-new",
    );
    const others = ["rtr-0000", "rtr-0001"].map((id) => layout.positions.get(id));
    expect(placed?.y).toBe(others[0]?.y);
    for (const o of others) expect(placed?.x ?? 0).toBeGreaterThan(o?.x ?? 0);
  });
});

describe("placeMissing", () => {
  it("parks an instance that arrives before its port, then moves it under its network when the port comes", async () => {
    const state = toGraphState(makeTopologyFixture({ instances: 5, networks: 1, routers: 1 }));
    const layout = await autoLayout(elk, visibleGraph(state, new Set()));
    expect(placeMissing(visibleGraph(state, new Set()), layout)).toBe(layout);
    const vm = state.nodes.get("vm-0000") as TopologyNode;
    const port = state.edges.get("port-vm-0000-a");
    if (!port) throw new Error("fixture port missing");
    const empty = { revision: "r", reset: false, removeNodes: [], removeEdges: [], upsertEdges: [] };
    // The server first (a push between Nova's create and Neutron's port), its port in the next push.
    const first = applyDelta(state, { ...empty, upsertNodes: [{ ...vm, id: "vm-new", name: "vm-new" }] });
    const parked = placeMissing(visibleGraph(first.state, new Set()), layout);
    const bar = layout.positions.get("net-0000");
    expect(parked.homeless?.has("vm-new")).toBe(true);
    expect(parked.positions.get("vm-new")?.x).toBe(0);

    const second = applyDelta(first.state, {
      ...empty,
      upsertNodes: [],
      upsertEdges: [{ ...port, id: "port-new", source: "vm-new" }],
    });
    const home = placeMissing(visibleGraph(second.state, new Set()), parked);
    expect(home.homeless?.has("vm-new")).toBe(false);
    const p = home.positions.get("vm-new");
    expect(p?.y ?? 0).toBeGreaterThan(bar?.y ?? 0);
    // Into a free slot of its network's grid: no other instance sits there.
    const others = [...home.positions].filter(([id]) => id.startsWith("vm-") && id !== "vm-new");
    expect(others.some(([, o]) => o.x === p?.x && o.y === p?.y)).toBe(false);
    expect(placeMissing(visibleGraph(second.state, new Set()), home)).toBe(home);
  });
});

describe("expanding a collapsed network", () => {
  it("fills the columns reserved under its bar", async () => {
    const state = toGraphState(makeTopologyFixture({ instances: 40, networks: 1, routers: 1 }));
    const collapsed = visibleGraph(state, new Set());
    expect(collapsed.groups).toHaveLength(1);
    const layout = await autoLayout(elk, collapsed);
    const expanded = visibleGraph(state, new Set(["net-0000"]));
    const missing = expanded.nodes.filter((n) => !layout.positions.has(n.id)).map((n) => n.id);
    expect(missing.length).toBe(40);
    const placed = placeAdded(expanded, layout, missing);
    const bar = layout.positions.get("net-0000");
    const width = layout.widths.get("net-0000") ?? 0;
    if (!bar) throw new Error("no bar position");
    const xs = new Set([...placed.positions.values()].map((p) => p.x));
    expect(xs.size).toBeGreaterThan(1);
    for (const p of placed.positions.values()) {
      expect(p.x + SIZE.instance.width).toBeLessThanOrEqual(bar.x + width + 0.5);
      expect(p.y).toBeGreaterThan(bar.y);
    }
    expect(new Set([...placed.positions.values()].map((p) => `${p.x},${p.y}`)).size).toBe(40);
  });
});
