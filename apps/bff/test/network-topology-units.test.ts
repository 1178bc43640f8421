import type { FloatingIp, Network, Port, Router, Subnet } from "@zenith/api-client/neutron";
import type { Server } from "@zenith/api-client/nova";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildTopology } from "../src/services/network/topology/build.ts";
import { diffTopology, initialDelta } from "../src/services/network/topology/diff.ts";
import { indexTopology } from "../src/services/network/topology/digest.ts";
import type { TopologySources } from "../src/services/network/topology/read.ts";
import { sharedRead } from "../src/services/network/topology/shared-reads.ts";
import { toneOf } from "../src/services/network/topology/tone.ts";
import { viewOf } from "../src/services/network/topology/view.ts";
import { Wakeup } from "../src/services/network/topology/wakeup.ts";

/** Listings as the APIs return them, cut down to what the builder reads. */
const net = (id: string, over: Partial<Network> = {}): Network => ({
  id,
  name: id,
  status: "ACTIVE",
  admin_state_up: true,
  shared: false,
  subnets: [],
  project_id: "p1",
  ...over,
});
const subnet = (id: string, networkId: string, cidr: string): Subnet => ({
  id,
  name: id,
  network_id: networkId,
  ip_version: 4,
  cidr,
  gateway_ip: null,
  enable_dhcp: true,
  allocation_pools: [],
  dns_nameservers: [],
  host_routes: [],
});
const port = (id: string, networkId: string, deviceId: string, owner: string, ip = "10.0.0.5"): Port => ({
  id,
  name: "",
  network_id: networkId,
  mac_address: `fa:16:3e:00:00:${id.slice(-2).padStart(2, "0")}`,
  admin_state_up: true,
  status: "ACTIVE",
  device_id: deviceId,
  device_owner: owner,
  fixed_ips: [{ subnet_id: "s1", ip_address: ip }],
  security_groups: [],
  project_id: "p1",
});
const router = (id: string, gatewayNet?: string): Router => ({
  id,
  name: id,
  status: "ACTIVE",
  admin_state_up: true,
  routes: [],
  project_id: "p1",
  external_gateway_info: gatewayNet
    ? { network_id: gatewayNet, external_fixed_ips: [{ subnet_id: "ext-s", ip_address: "172.24.4.10" }] }
    : null,
});
const fip = (id: string, portId: string | null, address: string): FloatingIp => ({
  id,
  floating_network_id: "ext",
  floating_ip_address: address,
  fixed_ip_address: null,
  port_id: portId,
  router_id: null,
  status: "ACTIVE",
});
const vm = (id: string, over: Partial<Server> = {}): Server => ({
  id,
  name: id,
  status: "ACTIVE",
  tenant_id: "p1",
  user_id: "u1",
  created: "2026-01-01T00:00:00Z",
  updated: "2026-01-01T00:00:00Z",
  addresses: {},
  flavor: { id: "f1" },
  image: "",
  metadata: {},
  ...over,
});

function sources(over: Partial<TopologySources> = {}): TopologySources {
  return {
    networks: [
      net("ext", { "router:external": true, project_id: "admin", subnets: ["ext-s"] }),
      net("n1", { subnets: ["s2", "s1"] }),
    ],
    subnets: [subnet("s1", "n1", "10.0.0.0/26"), subnet("s2", "n1", "10.0.1.0/24")],
    ports: [
      port("p-vm1", "n1", "vm1", "compute:nova"),
      port("p-dhcp", "n1", "dhcp-x", "network:dhcp"),
      port("p-rif", "n1", "r1", "network:router_interface", "10.0.0.1"),
      port("p-fip", "ext", "f1", "network:floatingip"),
      port("p-orphan", "n1", "vm-gone", "compute:nova"),
    ],
    routers: [router("r1", "ext")],
    floatingIps: [fip("f1", "p-vm1", "172.24.4.20"), fip("f2", null, "172.24.4.21")],
    servers: [vm("vm1"), vm("vm2", { status: "BUILD", "OS-EXT-STS:task_state": "spawning" })],
    projectNames: undefined,
    ...over,
  };
}

describe("toneOf", () => {
  it("maps statuses and tasks to the four colours", () => {
    expect(toneOf("ACTIVE")).toBe("active");
    expect(toneOf("ACTIVE", "rebooting")).toBe("build");
    expect(toneOf("BUILD")).toBe("build");
    expect(toneOf("ALLOCATING")).toBe("build");
    expect(toneOf("ERROR", "deleting")).toBe("error");
    for (const s of ["DOWN", "SHUTOFF", "PAUSED", "SUSPENDED"]) expect(toneOf(s)).toBe("down");
  });
});

describe("buildTopology", () => {
  const graph = buildTopology(sources());

  it("draws networks, routers and instances, with subnets in the network's order", () => {
    expect(graph.nodes.map((n) => [n.id, n.kind, n.tone])).toEqual([
      ["ext", "network", "active"],
      ["n1", "network", "active"],
      ["r1", "router", "active"],
      ["vm1", "instance", "active"],
      ["vm2", "instance", "build"],
    ]);
    expect(graph.nodes.find((n) => n.id === "ext")?.external).toBe(true);
    expect(graph.nodes.find((n) => n.id === "n1")?.subnets.map((s) => s.cidr)).toEqual([
      "10.0.1.0/24",
      "10.0.0.0/26",
    ]);
    expect(graph.nodes.find((n) => n.id === "vm2")?.taskState).toBe("spawning");
  });

  it("makes edges of device ports and gateways only, with floating IPs on their ports", () => {
    expect(graph.edges.map((e) => [e.id, e.source, e.target, e.kind])).toEqual([
      ["gw-r1", "r1", "ext", "router-gateway"],
      ["p-rif", "r1", "n1", "router-interface"],
      ["p-vm1", "vm1", "n1", "instance"],
    ]);
    const vmEdge = graph.edges.find((e) => e.id === "p-vm1");
    expect(vmEdge?.floatingIps).toEqual([{ id: "f1", address: "172.24.4.20" }]);
    expect(vmEdge?.addresses).toEqual([{ ip: "10.0.0.5", subnetId: "s1" }]);
    expect(graph.edges.find((e) => e.id === "gw-r1")?.addresses).toEqual([
      { ip: "172.24.4.10", subnetId: "ext-s" },
    ]);
  });

  it("names projects in the all-projects view", () => {
    const all = buildTopology(sources({ projectNames: new Map([["p1", "demo"]]) }));
    expect(all.nodes.find((n) => n.id === "vm1")?.projectName).toBe("demo");
    expect(all.nodes.find((n) => n.id === "ext")?.projectName).toBe("admin");
    expect(graph.nodes.find((n) => n.id === "vm1")).not.toHaveProperty("projectName");
  });
});

describe("digest and diff", () => {
  const base = indexTopology(buildTopology(sources()));

  it("gives equal revisions to equal graphs listed in another order", () => {
    const s = sources();
    const shuffled = indexTopology(
      buildTopology({
        ...s,
        networks: [...s.networks].reverse(),
        ports: [...s.ports].reverse(),
        servers: [...s.servers].reverse(),
      }),
    );
    expect(shuffled.revision).toBe(base.revision);
    expect(base.revision).toMatch(/^[0-9a-f]{64}$/);
    expect(diffTopology(base, shuffled)).toBeUndefined();
  });

  it("upserts changed and new items and removes the gone ones", () => {
    const s = sources();
    const next = indexTopology(
      buildTopology({
        ...s,
        servers: [vm("vm1", { status: "SHUTOFF" }), vm("vm3")],
        ports: s.ports.filter((p) => p.id !== "p-rif"),
        floatingIps: [],
      }),
    );
    expect(next.revision).not.toBe(base.revision);
    const delta = diffTopology(base, next);
    expect(delta?.reset).toBe(false);
    expect(delta?.revision).toBe(next.revision);
    expect(delta?.upsertNodes.map((n) => [n.id, n.tone])).toEqual([
      ["vm1", "down"],
      ["vm3", "active"],
    ]);
    expect(delta?.removeNodes).toEqual(["vm2"]);
    expect(delta?.upsertEdges.map((e) => [e.id, e.floatingIps])).toEqual([["p-vm1", []]]);
    expect(delta?.removeEdges).toEqual(["p-rif"]);
  });

  it("starts quiet for the current revision and with a full reset for any other", () => {
    expect(initialDelta(base.revision, base)).toBeUndefined();
    const reset = initialDelta("stale", base);
    expect(reset).toMatchObject({ reset: true, removeNodes: [], removeEdges: [] });
    expect(reset?.upsertNodes).toHaveLength(base.nodes.length);
    expect(reset?.upsertEdges).toHaveLength(base.edges.length);
  });
});

describe("viewOf", () => {
  const member = { projectId: "p1", isAdmin: false };
  const admin = { projectId: "adm", isAdmin: true };

  it("refuses members other projects and all projects", () => {
    expect(() => viewOf(member, { allProjects: true })).toThrow(/administrators/);
    expect(() => viewOf(member, { projectId: "p2" })).toThrow(/administrators/);
    expect(viewOf(member, { projectId: "p1" })).toEqual({ kind: "project", projectId: "p1", foreign: false });
  });

  it("lets admins look at all projects or one", () => {
    expect(viewOf(admin, { allProjects: true })).toEqual({ kind: "all" });
    expect(viewOf(admin, { allProjects: true, projectId: "p2" })).toEqual({
      kind: "project",
      projectId: "p2",
      foreign: true,
    });
    expect(viewOf(admin, {})).toEqual({ kind: "project", projectId: "adm", foreign: false });
  });
});

describe("sharedRead", () => {
  const graph = () => indexTopology(buildTopology(sources()));

  it("lets streams that learned of a change before a read started share it, and no one else", async () => {
    let reads = 0;
    let release: () => void = () => {};
    const read = () => {
      reads++;
      return new Promise<ReturnType<typeof graph>>((resolve) => {
        release = () => resolve(graph());
      });
    };
    const before = performance.now();
    const first = sharedRead("k", before, read);
    // Woken by the same change (before the read started): joins it.
    expect(sharedRead("k", before, read)).toBe(first);
    // Another token or view never joins.
    const other = sharedRead("other", before, read);
    expect(other).not.toBe(first);
    // Woken after the read started: the read may predate its change, so it reads itself.
    await new Promise((r) => setTimeout(r, 2));
    const later = sharedRead("k", performance.now(), read);
    expect(later).not.toBe(first);
    expect(reads).toBe(3);
    release();
    await later;
    // Settled reads are not kept: the next wake-up reads again.
    void sharedRead("k", before, read);
    expect(reads).toBe(4);
    release();
  });

  it("forgets a failed read", async () => {
    const failing = sharedRead("f", 0, async () => {
      throw new Error("upstream down");
    });
    await expect(failing).rejects.toThrow("upstream down");
    let again = false;
    await sharedRead("f", 0, async () => {
      again = true;
      return graph();
    });
    expect(again).toBe(true);
  });
});

describe("Wakeup", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Whether `p` settled after the timers advanced by `ms` (fake clock: no real waiting). */
  async function settledAfter(p: Promise<unknown>, ms: number): Promise<boolean> {
    let done = false;
    void p.then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(ms);
    return done;
  }

  it("wakes on the interval, or early on a notice, coalescing a burst into one wake-up", async () => {
    vi.useFakeTimers();
    const wakeup = new Wakeup();
    // No notice: the full interval.
    const plain = wakeup.wait(1000, 50, undefined);
    expect(await settledAfter(plain, 999)).toBe(false);
    expect(await settledAfter(plain, 1)).toBe(true);

    // A burst of notices mid-interval: one wake-up, `coalesceMs` after the first.
    const early = wakeup.wait(1000, 50, undefined);
    expect(await settledAfter(early, 100)).toBe(false);
    wakeup.notify();
    wakeup.notify();
    expect(await settledAfter(early, 30)).toBe(false);
    wakeup.notify();
    expect(await settledAfter(early, 20)).toBe(true);

    // The burst was consumed: the next wait sleeps again; a notice during a read is kept for it.
    const next = wakeup.wait(1000, 0, undefined);
    expect(await settledAfter(next, 500)).toBe(false);
    wakeup.notify();
    expect(await settledAfter(next, 0)).toBe(true);
    wakeup.notify();
    expect(await settledAfter(wakeup.wait(1000, 0, undefined), 0)).toBe(true);
  });

  it("returns at once when the stream is aborted", async () => {
    vi.useFakeTimers();
    const abort = new AbortController();
    const waiting = new Wakeup().wait(1000, 50, abort.signal);
    expect(await settledAfter(waiting, 10)).toBe(false);
    abort.abort();
    expect(await settledAfter(waiting, 0)).toBe(true);
  });
});

describe("attached volumes on instance nodes", () => {
  it("labels volumes from the listing (ids where unnamed or unknown) and counts them in the revision", () => {
    const attached = {
      servers: [
        vm("vm1", { "os-extended-volumes:volumes_attached": [{ id: "vol-1" }, { id: "vol-2" }] }),
        vm("vm2"),
      ],
      volumeNames: new Map([["vol-1", "data"]]),
    };
    const graph = buildTopology(sources(attached));
    expect(graph.nodes.find((n) => n.id === "vm1")?.volumes).toEqual([
      { id: "vol-1", name: "data" },
      { id: "vol-2", name: "vol-2" },
    ]);
    expect(graph.nodes.find((n) => n.id === "vm2")).not.toHaveProperty("volumes");
    const before = indexTopology(
      buildTopology(sources({ servers: attached.servers.slice(0, 0).concat(vm("vm1"), vm("vm2")) })),
    );
    const after = indexTopology(graph);
    expect(after.revision).not.toBe(before.revision);
    expect(diffTopology(before, after)?.upsertNodes.map((n) => n.id)).toEqual(["vm1"]);
  });
});
