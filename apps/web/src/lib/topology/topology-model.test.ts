import { describe, expect, it } from "vitest";
import { connectionIntent, disconnectIntent } from "./connections";
import { FIXTURE_EXTERNAL_ID, makeTopologyFixture } from "./fixtures";
import { applyDelta, toGraphState } from "./graph-state";
import { indexPorts } from "./ports";
import { searchNodes } from "./search";
import { topologyTree } from "./tree";
import type { TopologyDelta, TopologyNode } from "./types";
import { COLLAPSE_THRESHOLD, collapsedId, NO_NETWORK, visibleGraph } from "./visible";

const small = () => toGraphState(makeTopologyFixture({ instances: 6, networks: 2, routers: 1 }));

function delta(partial: Partial<TopologyDelta>): TopologyDelta {
  return {
    revision: "r2",
    reset: false,
    upsertNodes: [],
    removeNodes: [],
    upsertEdges: [],
    removeEdges: [],
    ...partial,
  };
}

describe("fixture generator", () => {
  it("builds the bench's size with consistent ends", () => {
    const graph = makeTopologyFixture({ instances: 500, networks: 50, routers: 20 });
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(graph.nodes.filter((n) => n.kind === "instance")).toHaveLength(500);
    expect(graph.nodes.filter((n) => n.kind === "network" && !n.external)).toHaveLength(50);
    expect(graph.nodes.filter((n) => n.kind === "router")).toHaveLength(20);
    expect(ids.size).toBe(graph.nodes.length);
    for (const e of graph.edges) {
      expect(ids.has(e.source)).toBe(true);
      expect(ids.has(e.target)).toBe(true);
    }
    expect(new Set(graph.edges.map((e) => e.id)).size).toBe(graph.edges.length);
    expect(graph.nodes.some((n) => n.tone === "error")).toBe(true);
    expect(graph.edges.some((e) => e.floatingIps.length > 0)).toBe(true);
  });
});

describe("applyDelta", () => {
  it("removes, then upserts, keeping unchanged objects and dropping dangling edges", () => {
    const state = small();
    const kept = state.nodes.get("vm-0001");
    const vm0 = state.nodes.get("vm-0000") as TopologyNode;
    const result = applyDelta(
      state,
      delta({
        removeNodes: ["vm-0002"],
        upsertNodes: [
          { ...vm0, status: "ERROR", tone: "error" },
          { ...(kept as TopologyNode) },
          { ...vm0, id: "vm-new", name: "new" },
        ],
      }),
    );
    expect(result.state.revision).toBe("r2");
    expect(result.state.nodes.has("vm-0002")).toBe(false);
    expect(result.removed.map((n) => n.id)).toEqual(["vm-0002"]);
    expect(result.added).toEqual(["vm-new"]);
    expect(result.state.nodes.get("vm-0000")?.tone).toBe("error");
    expect(result.state.nodes.get("vm-0001")).toBe(kept);
    expect([...result.state.edges.values()].some((e) => e.source === "vm-0002")).toBe(false);
    // The input is not mutated.
    expect(state.nodes.has("vm-0002")).toBe(true);
  });

  it("with reset drops whatever is not in the upserts", () => {
    const state = small();
    const router = state.nodes.get("rtr-0000") as TopologyNode;
    const net = state.nodes.get("net-0000") as TopologyNode;
    const port = [...state.edges.values()].find(
      (e) => e.kind === "router-interface" && e.target === "net-0000",
    );
    if (!port) throw new Error("fixture has no router interface");
    const result = applyDelta(state, delta({ reset: true, upsertNodes: [router, net], upsertEdges: [port] }));
    expect([...result.state.nodes.keys()].sort()).toEqual(["net-0000", "rtr-0000"]);
    expect([...result.state.edges.keys()]).toEqual([port.id]);
    expect(result.removed.length).toBe(state.nodes.size - 2);
    expect(result.state.nodes.get("rtr-0000")).toBe(router);
  });
});

describe("visibleGraph (collapse)", () => {
  const state = toGraphState(makeTopologyFixture({ instances: 40, networks: 2, routers: 1 }));

  it("collapses a network over the threshold into one count node", () => {
    const visible = visibleGraph(state, new Set(), 12);
    expect(visible.groups.map((g) => g.id).sort()).toEqual([
      collapsedId("net-0000"),
      collapsedId("net-0001"),
    ]);
    expect(visible.nodes.some((n) => n.kind === "instance")).toBe(false);
    const group = visible.groups.find((g) => g.networkId === "net-0000");
    expect(group?.count).toBe(visible.members.get("net-0000")?.length);
    expect(Object.values(group?.tones ?? {}).reduce((a, b) => a + b, 0)).toBe(group?.count);
    expect(visible.edges.some((e) => e.id === "collapsed-edge:net-0000")).toBe(true);
    expect(visible.edges.every((e) => !e.source.startsWith("vm-"))).toBe(true);
  });

  it("expands one network on request and leaves small ones alone", () => {
    const visible = visibleGraph(state, new Set(["net-0000"]), 12);
    expect(visible.groups.map((g) => g.networkId)).toEqual(["net-0001"]);
    expect(visible.nodes.filter((n) => n.kind === "instance").length).toBe(
      visible.members.get("net-0000")?.length,
    );
    expect(visibleGraph(small(), new Set(), 12).groups).toEqual([]);
  });

  it("collapses instances on no network into one count node with no line, until expanded", () => {
    const loose = toGraphState(makeTopologyFixture({ instances: 5000, networks: 0, routers: 0 }));
    const visible = visibleGraph(loose, new Set());
    expect(visible.groups).toEqual([
      expect.objectContaining({ id: collapsedId(NO_NETWORK), networkId: NO_NETWORK, count: 5000 }),
    ]);
    expect(visible.nodes.filter((n) => n.kind === "instance")).toEqual([]);
    expect(visible.hiddenIn.size).toBe(5000);
    expect(visible.edges).toEqual([]);
    expect(visible.members.get(NO_NETWORK)).toHaveLength(5000);

    const shown = visibleGraph(loose, new Set([NO_NETWORK]));
    expect(shown.groups).toEqual([]);
    expect(shown.nodes.filter((n) => n.kind === "instance")).toHaveLength(5000);
    // A few stay drawn as themselves.
    const few = toGraphState(makeTopologyFixture({ instances: COLLAPSE_THRESHOLD, networks: 0, routers: 0 }));
    expect(visibleGraph(few, new Set()).groups).toEqual([]);
  });

  it("draws an instance under one home network even with two ports", () => {
    const visible = visibleGraph(state, new Set(["net-0000", "net-0001"]), 12);
    const twoPorts = [...state.edges.values()].filter((e) => e.source === "vm-0006");
    expect(twoPorts).toHaveLength(2);
    expect(visible.homeOf.get("vm-0006")).toBe("net-0000");
    const homes = [...visible.members.values()].flat().filter((id) => id === "vm-0006");
    expect(homes).toHaveLength(1);
  });
});

describe("searchNodes", () => {
  const state = small();
  const ports = indexPorts(state);
  it("finds names first, then addresses and CIDRs", () => {
    expect(searchNodes(state, ports, "vm-1")[0]?.node.id).toBe("vm-0001");
    const byIp = searchNodes(state, ports, "10.1.0.10");
    expect(byIp[0]?.node.kind).toBe("instance");
    expect(byIp[0]?.matched).toBe("10.1.0.10");
    expect(searchNodes(state, ports, "172.24.4.0/24")[0]?.node.id).toBe(FIXTURE_EXTERNAL_ID);
    expect(searchNodes(state, ports, "  ")).toEqual([]);
    expect(searchNodes(state, ports, "nothing-like-this")).toEqual([]);
    expect(searchNodes(state, ports, "vm", 3)).toHaveLength(3);
  });
});

describe("connection intents", () => {
  const state = small();
  const ports = indexPorts(state);
  it("instance onto network attaches, in either drag direction", () => {
    expect(connectionIntent(state, ports, "vm-0000", "net-0001")?.kind).toBe("attach");
    expect(connectionIntent(state, ports, "net-0001", "vm-0000")?.kind).toBe("attach");
  });
  it("router onto a network offers only subnets not yet on it", () => {
    const net = state.nodes.get("net-0001") as TopologyNode;
    const withSecond = applyDelta(
      state,
      delta({
        upsertNodes: [
          {
            ...net,
            subnets: [
              ...net.subnets,
              { id: "sub-extra", name: "extra", cidr: "10.99.0.0/24", ipVersion: 4, gatewayIp: null },
            ],
          },
        ],
      }),
    ).state;
    const intent = connectionIntent(withSecond, indexPorts(withSecond), "rtr-0000", "net-0001");
    expect(intent?.kind).toBe("router-interface");
    if (intent?.kind !== "router-interface") throw new Error("expected a router interface");
    expect(intent.subnets.map((s) => s.id)).toEqual(["sub-extra"]);
    // Every subnet already joined, the external network, two devices: nothing to do.
    expect(connectionIntent(state, ports, "rtr-0000", "net-0001")).toBeNull();
    expect(connectionIntent(state, ports, "rtr-0000", FIXTURE_EXTERNAL_ID)).toBeNull();
    expect(connectionIntent(state, ports, "vm-0000", "rtr-0000")).toBeNull();
  });
  it("removing a port detaches; the gateway cannot be removed here", () => {
    expect(disconnectIntent(state, "port-vm-0000-a")?.kind).toBe("detach");
    expect(disconnectIntent(state, "port-rtr-0000-0000")?.kind).toBe("remove-router-interface");
    expect(disconnectIntent(state, "gw-rtr-0000")).toBeNull();
    expect(disconnectIntent(state, "missing")).toBeNull();
  });
});

describe("topologyTree (list view)", () => {
  it("nests external → routers → networks → instances with addresses", () => {
    const state = small();
    const tree = topologyTree(state, indexPorts(state));
    const external = tree.externals[0];
    expect(external?.node?.id).toBe(FIXTURE_EXTERNAL_ID);
    expect(external?.routers[0]?.gatewayIps).toEqual(["172.24.4.10"]);
    const networks = external?.routers[0]?.networks ?? [];
    expect(networks.map((n) => n.node.name)).toEqual(["net-0", "net-1"]);
    expect(networks[0]?.instances[0]?.addresses[0]).toMatch(/^10\.0\.0\./);
    expect(tree.unrouted).toEqual([]);
    expect(tree.unattached).toEqual([]);
  });
  it("lists networks no router joins and instances on no network", () => {
    const state = toGraphState(makeTopologyFixture({ instances: 2, networks: 0, routers: 0 }));
    const tree = topologyTree(state, indexPorts(state));
    expect(tree.unattached.map((i) => i.node.id)).toEqual(["vm-0000", "vm-0001"]);
  });
});
