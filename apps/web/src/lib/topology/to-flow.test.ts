import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/catalog";
import { makeTopologyFixture } from "./fixtures";
import { applyDelta, toGraphState } from "./graph-state";
import { topologyLabels } from "./labels";
import { indexPorts } from "./ports";
import { type EdgeCache, type FlowCache, type FlowInput, toFlowEdges, toFlowNodes } from "./to-flow";
import type { Point, TopologyNode } from "./types";
import { visibleGraph } from "./visible";

// The portal's English messages, as the diagram reads them.
const labels = topologyLabels(
  createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "topology" }),
);

function inputFor(instances: number, expanded = new Set<string>()): FlowInput {
  const state = toGraphState(makeTopologyFixture({ instances, networks: 2, routers: 1 }));
  const visible = visibleGraph(state, expanded);
  const positions = new Map<string, Point>();
  let i = 0;
  for (const n of visible.nodes) positions.set(n.id, { x: i++ * 10, y: 0 });
  for (const g of visible.groups) positions.set(g.id, { x: i++ * 10, y: 0 });
  return {
    visible,
    ports: indexPorts(state),
    positions,
    widths: new Map(),
    selectedId: null,
    leaving: new Map(),
    showProject: false,
    labels,
  };
}

describe("toFlowNodes", () => {
  it("maps kinds to node types with labels for screen readers", () => {
    const nodes = toFlowNodes(inputFor(4), new Map());
    const types = new Set(nodes.map((n) => n.type));
    expect(types).toEqual(new Set(["network", "router", "instance"]));
    const vm = nodes.find((n) => n.id === "vm-0000");
    expect(vm?.ariaLabel).toMatch(
      /^Instance vm-0, status ACTIVE \(active\), addresses 10\.0\.0\.10, floating IPs 172\.24\.4\.50/,
    );
    if (vm?.type !== "instance") throw new Error("expected an instance node");
    expect(vm.data.floatingIps).toEqual(["172.24.4.50"]);
  });

  it("gives every node its size, measured size and handles, so edges need no measuring pass", () => {
    for (const node of toFlowNodes(inputFor(30), new Map())) {
      expect(node.measured).toEqual({ width: node.width, height: node.height });
      const types = (node.handles ?? []).map((h) => h.type);
      expect(types).toEqual(node.type === "collapsed" ? ["target"] : ["target", "source"]);
      const bottom = node.handles?.find((h) => h.type === "source");
      if (bottom) expect(bottom.y + (bottom.height ?? 0) / 2).toBe(node.height);
    }
  });

  it("keeps unchanged node objects across calls and rebuilds only what changed", () => {
    const cache: FlowCache = new Map();
    const input = inputFor(4);
    const first = toFlowNodes(input, cache);
    const moved = new Map(input.positions);
    moved.set("vm-0001", { x: 999, y: 999 });
    const second = toFlowNodes({ ...input, positions: moved, selectedId: "vm-0002" }, cache);
    const byId = (list: typeof first, id: string) => list.find((n) => n.id === id);
    expect(byId(second, "vm-0000")).toBe(byId(first, "vm-0000"));
    expect(byId(second, "net-0000")).toBe(byId(first, "net-0000"));
    expect(byId(second, "vm-0001")).not.toBe(byId(first, "vm-0001"));
    expect(byId(second, "vm-0001")?.position).toEqual({ x: 999, y: 999 });
    expect(byId(second, "vm-0002")?.selected).toBe(true);
  });

  it("draws collapsed groups and fading nodes", () => {
    const collapsed = toFlowNodes(inputFor(30), new Map());
    expect(collapsed.filter((n) => n.type === "collapsed")).toHaveLength(2);
    expect(collapsed.some((n) => n.type === "instance")).toBe(false);

    const input = inputFor(4);
    const gone = input.visible.nodes.find((n) => n.id === "vm-0003") as TopologyNode;
    const state = toGraphState(makeTopologyFixture({ instances: 4, networks: 2, routers: 1 }));
    const after = applyDelta(state, {
      revision: "r",
      reset: false,
      upsertNodes: [],
      upsertEdges: [],
      removeNodes: ["vm-0003"],
      removeEdges: [],
    });
    const nodes = toFlowNodes(
      { ...input, visible: visibleGraph(after.state, new Set()), leaving: new Map([[gone.id, gone]]) },
      new Map(),
    );
    const fading = nodes.find((n) => n.id === "vm-0003");
    expect(fading?.className).toBe("topology-leaving");
    expect(fading?.connectable).toBe(false);
  });
});

describe("toFlowEdges", () => {
  it("points edges downwards and reuses unchanged ones", () => {
    const input = inputFor(2);
    const names = new Map(input.visible.nodes.map((n) => [n.id, n.name]));
    const cache: EdgeCache = new Map();
    const edges = toFlowEdges(input.visible, names, null, cache, labels);
    const gateway = edges.find((e) => e.id === "gw-rtr-0000");
    expect([gateway?.source, gateway?.target]).toEqual(["net-public", "rtr-0000"]);
    const iface = edges.find((e) => e.data?.port.kind === "router-interface");
    expect(iface?.source).toBe("rtr-0000");
    const port = edges.find((e) => e.id === "port-vm-0000-a");
    expect([port?.source, port?.target]).toEqual(["net-0000", "vm-0000"]);
    expect(port?.ariaLabel).toContain("10.0.0.10");
    const again = toFlowEdges(input.visible, names, "port-vm-0000-a", cache, labels);
    expect(again.find((e) => e.id === "gw-rtr-0000")).toBe(gateway);
    expect(again.find((e) => e.id === "port-vm-0000-a")?.selected).toBe(true);
  });
});
