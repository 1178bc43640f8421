import type { FetchLike } from "@zenith/api-client/http";
import type { KeystoneSession } from "@zenith/api-client/keystone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TTopologyDelta, TTopologyGraph } from "../src/routers/network/topology/topology.types.ts";
import type { Cloud } from "../src/services/cloud/clients.ts";
import { announceNetworkChange } from "../src/services/network/changes.ts";
import { clearGraphCache } from "../src/services/network/topology/graph-cache.ts";
import { watchTopology } from "../src/services/network/topology/index.ts";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type Harness,
  OTHER_PASSWORD,
  waitFor as pollFor,
  runName,
  startHarness,
} from "./cloud-harness.ts";

/**
 * `network.topology` and `network.topologyUpdates` against the real control
 * plane (in-memory database, first-start networking: public, demo's
 * private and router1) with one in-process compute agent on the fake
 * driver. Builds do not wait for port wiring (no network agent runs).
 */

const unique = runName("topo");
let harness: Harness;
let demo: KeystoneSession;
let admin: KeystoneSession;
let other: KeystoneSession;
let quiet: KeystoneSession;
let otherNetId = "";

/** Every OpenStack request the BFF makes, by method and path. */
function countingFetch() {
  const requests: string[] = [];
  /** Requests whose response arrived, in that order. */
  const answered: string[] = [];
  const fetchFn: FetchLike = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const what = `${init?.method ?? "GET"} ${url.pathname}`;
    requests.push(what);
    const res = await fetch(input, init);
    answered.push(what);
    return res;
  };
  return { requests, answered, fetch: fetchFn as typeof fetch };
}

async function callerOf(session: KeystoneSession, fetchFn?: typeof fetch) {
  return (await harness.callerOf(session, { fetch: fetchFn })).caller;
}

const cloudOf = (session: KeystoneSession, fetchFn?: FetchLike): Cloud => harness.cloudFor(session, fetchFn);

/** Polls until `check` returns a value (no fixed sleeps); booting many instances here takes longer. */
const waitFor = <T>(what: string, check: () => Promise<T | undefined>) => pollFor(what, check, 30_000);

/** A project with one member user, logged in. */
async function tenant(name: string, password: string): Promise<KeystoneSession> {
  const { projectId } = await harness.tenant(name, password);
  return harness.login(name, password, projectId);
}

async function bootArgs(cloud: Cloud) {
  const images = await (await cloud.glance()).listAll();
  const image = images.find((i) => i.status === "active");
  const flavors = await (await cloud.nova()).flavors.list();
  const flavor = [...flavors]
    .filter((f) => f.disk >= (image?.min_disk ?? 0))
    .sort((a, b) => a.ram - b.ram)[0];
  if (!image || !flavor) throw new Error("no image or flavor to boot");
  return { imageRef: image.id, flavorRef: flavor.id };
}

/** Boots `count` servers in one request and waits until all are ACTIVE; returns their ids. */
async function boot(
  session: KeystoneSession,
  name: string,
  count: number,
  networks: "auto" | { uuid: string }[] = "auto",
): Promise<string[]> {
  const cloud = cloudOf(session);
  const nova = await cloud.nova();
  await nova.servers.create({ name, ...(await bootArgs(cloud)), minCount: count, maxCount: count, networks });
  return waitFor(`${count} × ${name} ACTIVE`, async () => {
    const servers = (await nova.servers.detailAll()).filter((s) => s.name.startsWith(name));
    if (servers.some((s) => s.status === "ERROR")) throw new Error(`${name} went to ERROR`);
    const active = servers.filter((s) => s.status === "ACTIVE");
    return active.length === count ? active.map((s) => s.id) : undefined;
  });
}

const node = (g: TTopologyGraph, name: string) => g.nodes.find((n) => n.name === name);

beforeAll(async () => {
  harness = await startHarness({ name: "topo", unique, computeAgent: { hostIp: "192.0.2.20" } });
  admin = await harness.login("admin", ADMIN_PASSWORD);
  demo = await harness.login("demo", DEMO_PASSWORD);
  other = await tenant(`${unique}-other`, OTHER_PASSWORD);
  quiet = await tenant(`${unique}-quiet`, OTHER_PASSWORD);
  // Room for the 30 instances of the request-count test (the default quota is 10).
  await (await cloudOf(admin).nova()).quotas.update(demo.project?.id ?? "", {
    instances: 100,
    cores: 200,
    ram: 1_000_000,
  });
});

afterAll(async () => {
  await harness?.close();
});

describe("network.topology", () => {
  let vmIds: string[] = [];

  it("draws demo's first-start networking, instances, their addresses and a floating IP", async () => {
    vmIds = await boot(demo, `${unique}-vm`, 2);
    const neutron = await cloudOf(demo).neutron();
    const [firstPort] = await neutron.ports.listAll({ device_id: vmIds[0] ?? "" });
    const publicNet = (await neutron.networks.listAll({ name: "public" }))[0];
    if (!firstPort || !publicNet) throw new Error("no port or public network");
    const fip = await neutron.floatingIps.create({
      floating_network_id: publicNet.id,
      port_id: firstPort.id,
    });

    const graph = await (await callerOf(demo)).network.topology();
    const pub = node(graph, "public");
    const priv = node(graph, "private");
    const router1 = node(graph, "router1");
    expect(pub).toMatchObject({ kind: "network", external: true, tone: "active" });
    expect(priv).toMatchObject({ kind: "network", external: false, projectId: demo.project?.id });
    expect(priv?.subnets.map((s) => s.cidr)).toEqual(["10.0.0.0/26"]);
    expect(router1).toMatchObject({ kind: "router" });
    expect(graph.edges.find((e) => e.id === `gw-${router1?.id}`)).toMatchObject({
      kind: "router-gateway",
      source: router1?.id,
      target: pub?.id,
      addresses: [expect.objectContaining({ ip: expect.stringMatching(/^172\.24\.4\./) })],
    });
    expect(
      graph.edges
        .filter((e) => e.kind === "router-interface" && e.source === router1?.id)
        .map((e) => e.target),
    ).toEqual([priv?.id]);
    for (const id of vmIds) {
      expect(graph.nodes.find((n) => n.id === id)).toMatchObject({ kind: "instance", tone: "active" });
      const edges = graph.edges.filter((e) => e.source === id);
      expect(edges).toHaveLength(1);
      expect(edges[0]).toMatchObject({ kind: "instance", target: priv?.id });
      expect(edges[0]?.addresses[0]?.ip).toMatch(/^10\.0\.0\.\d+$/);
      expect(edges[0]?.macAddress).toMatch(/^[0-9a-f:]{17}$/);
    }
    expect(graph.edges.find((e) => e.id === firstPort.id)?.floatingIps).toEqual([
      { id: fip.id, address: fip.floating_ip_address },
    ]);
    // DHCP and floating IP ports are infrastructure, not edges.
    const edgeIds = new Set(graph.edges.map((e) => e.id));
    const infra = (await neutron.ports.listAll()).filter((p) => /dhcp|floatingip/.test(p.device_owner));
    for (const p of infra) expect(edgeIds.has(p.id)).toBe(false);
    expect(graph.revision).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads the graph in as many requests for 30 instances as for 2", async () => {
    const counter = countingFetch();
    const caller = await callerOf(demo, counter.fetch);
    const requestsFor = async () => {
      await caller.network.topology(); // warms the per-token catalog and microversion caches
      clearGraphCache(); // counts a whole read, not an answer from the last one
      counter.requests.length = 0;
      const graph = await caller.network.topology();
      return { graph, requests: [...counter.requests] };
    };
    const small = await requestsFor();
    expect(small.graph.nodes.filter((n) => n.kind === "instance")).toHaveLength(2);
    await boot(demo, `${unique}-many`, 28);
    const large = await requestsFor();
    expect(large.graph.nodes.filter((n) => n.kind === "instance")).toHaveLength(30);
    expect(large.graph.edges.filter((e) => e.kind === "instance")).toHaveLength(30);
    expect(large.requests.sort()).toEqual(small.requests.sort());
    // The change notices' cursor the read is cached under, then one listing per kind.
    expect(small.requests.length).toBeLessThanOrEqual(7);
  });

  it("answers a repeated read from the last one while the change notices say nothing changed, and reads again at once after a change", async () => {
    const counter = countingFetch();
    const caller = await callerOf(demo, counter.fetch);
    clearGraphCache();
    const first = await caller.network.topology();
    expect(counter.requests.some((r) => r.endsWith("/servers/detail"))).toBe(true);

    counter.requests.length = 0;
    const again = await caller.network.topology();
    expect(counter.requests).toEqual(["GET /zenith/v1/changes"]);
    expect(again.revision).toBe(first.revision);

    // Another project's change is not this view's: still one call.
    await (await cloudOf(quiet).neutron()).networks.create({ name: `${unique}-elsewhere` });
    counter.requests.length = 0;
    expect((await caller.network.topology()).revision).toBe(first.revision);
    expect(counter.requests).toEqual(["GET /zenith/v1/changes"]);

    // A change straight through Neutron (this BFF announces nothing), read back at once: the control
    // plane syncs its notices before answering, so the cached graph is never taken for current.
    for (let i = 0; i < 5; i++) {
      const created = await (await cloudOf(demo).neutron()).networks.create({ name: `${unique}-fresh-${i}` });
      const graph = await caller.network.topology();
      expect(graph.nodes.some((n) => n.id === created.id)).toBe(true);
    }

    // Another token (the admin's, on demo's project) is never handed demo's cached graph.
    const adminCounter = countingFetch();
    const adminCaller = await callerOf(admin, adminCounter.fetch);
    await adminCaller.network.topology({ projectId: demo.project?.id ?? "" });
    expect(adminCounter.requests.some((r) => r.endsWith("/servers/detail"))).toBe(true);
  });

  it("keeps tenants apart: another project's resources never show; shared and external ones do", async () => {
    const otherNeutron = await cloudOf(other).neutron();
    const otherNet = await otherNeutron.networks.create({ name: `${unique}-other-net` });
    const otherSubnet = await otherNeutron.subnets.create({
      network_id: otherNet.id,
      ip_version: 4,
      cidr: "10.9.0.0/24",
    });
    const otherRouter = await otherNeutron.routers.create({ name: `${unique}-other-router` });
    await otherNeutron.routers.addInterface(otherRouter.id, { subnet_id: otherSubnet.id });
    otherNetId = otherNet.id;
    const [otherVm] = await boot(other, `${unique}-othervm`, 1, [{ uuid: otherNet.id }]);
    const adminNeutron = await cloudOf(admin).neutron();
    const shared = await adminNeutron.networks.create({ name: `${unique}-shared`, shared: true });

    const demoGraph = await (await callerOf(demo)).network.topology();
    const demoIds = new Set([...demoGraph.nodes, ...demoGraph.edges].map((x) => x.id));
    for (const id of [otherNet.id, otherRouter.id, otherVm]) expect(demoIds.has(id ?? "")).toBe(false);
    expect(demoGraph.edges.some((e) => e.target === otherNet.id || e.source === otherRouter.id)).toBe(false);
    expect(node(demoGraph, `${unique}-shared`)).toMatchObject({ id: shared.id, shared: true });

    const otherGraph = await (await callerOf(other)).network.topology();
    expect(otherGraph.nodes.map((n) => n.name).sort()).toEqual(
      [
        `${unique}-other-net`,
        `${unique}-other-router`,
        `${unique}-othervm`,
        `${unique}-shared`,
        "public",
      ].sort(),
    );
    expect(otherGraph.edges.map((e) => [e.kind, e.target])).toEqual(
      expect.arrayContaining([
        ["router-interface", otherNet.id],
        ["instance", otherNet.id],
      ]),
    );
    for (const id of vmIds) expect(otherGraph.nodes.some((n) => n.id === id)).toBe(false);
  });

  it("refuses members other projects and all projects", async () => {
    const caller = await callerOf(demo);
    await expect(caller.network.topology({ allProjects: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.network.topology({ projectId: other.project?.id ?? "" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const own = await caller.network.topology({ projectId: demo.project?.id ?? "" });
    expect(own.nodes.some((n) => n.name === "private")).toBe(true);
    const stream = await caller.network.topologyUpdates({ allProjects: true });
    await expect(stream[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows admins one project (plus shared and external networks) or all, with project names", async () => {
    const caller = await callerOf(admin);
    const demoView = await caller.network.topology({ projectId: demo.project?.id ?? "" });
    const names = demoView.nodes.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(["public", "private", "router1", `${unique}-shared`]));
    expect(demoView.nodes.filter((n) => n.kind === "instance")).toHaveLength(30);
    expect(names.some((n) => n.startsWith(`${unique}-other`))).toBe(false);
    expect(demoView.nodes.every((n) => n.projectName === undefined)).toBe(true);

    const all = await caller.network.topology({ allProjects: true });
    expect(node(all, `${unique}-othervm`)?.projectName).toBe(`${unique}-other`);
    expect(node(all, "private")?.projectName).toBe("demo");
    expect(all.nodes.filter((n) => n.kind === "instance")).toHaveLength(31);
  });
});

describe("network.topologyUpdates", () => {
  it("pushes a server created and deleted straight through Nova; quiet while the browser is current", async () => {
    const counter = countingFetch();
    const caller = await callerOf(other, counter.fetch);
    const current = await caller.network.topology();
    // The stream's first read must be a whole read (the cache would answer it with the graph above).
    clearGraphCache();
    const stream = (await caller.network.topologyUpdates({ revision: current.revision }))[
      Symbol.asyncIterator
    ]();
    // The generator starts on the first next(); its first read must list servers before the create.
    const listed = counter.answered.filter((r) => r.endsWith("/servers/detail")).length;
    const firstDelta = stream.next();
    await waitFor("the stream's first read", async () =>
      counter.answered.filter((r) => r.endsWith("/servers/detail")).length > listed ? true : undefined,
    );
    try {
      // Created straight through Nova: this BFF announces nothing; the control plane's notices (or the poll) tell.
      const nova = await cloudOf(other).nova();
      const res = await nova.servers.create({
        name: `${unique}-late`,
        ...(await bootArgs(cloudOf(other))),
        networks: [{ uuid: otherNetId }],
      });
      if (!("server" in res)) throw new Error("no server id");
      const created = res.server;
      // The stream held its peace while the graph equalled the browser's: no reset, and
      // deltas only ever add what changed (other servers of the project may still settle).
      for (let pending = firstDelta; ; pending = stream.next()) {
        const delta = (await pending).value as TTopologyDelta;
        expect(delta.reset).toBe(false);
        if (delta.upsertNodes.some((n) => n.id === created.id)) break;
      }

      await nova.servers.delete(created.id);
      for (;;) {
        const next = (await stream.next()).value as TTopologyDelta;
        if (next.removeNodes.includes(created.id)) break;
      }
    } finally {
      await stream.return?.(undefined);
    }
  });

  it("re-reads at once on a change notice, sends a reset for a stale revision, and nothing when nothing changed", async () => {
    const counter = countingFetch();
    // Finished network listings: once one is answered, a network created later is news to the stream.
    const reads = () => counter.answered.filter((r) => r === "GET /networking/v2.0/networks").length;
    const cloud = cloudOf(quiet, counter.fetch);
    const scope = { projectId: quiet.project?.id ?? "", isAdmin: false };
    const abort = new AbortController();
    // A poll interval far beyond the test timeout: only notices can make it re-read in time.
    const options = { intervalMs: 3_600_000, coalesceMs: 0 };

    const stale = watchTopology(cloud, scope, { revision: "stale" }, abort.signal, options);
    const reset = (await stale.next()).value as TTopologyDelta;
    expect(reset.reset).toBe(true);
    expect(reset.upsertNodes.map((n) => n.name)).toContain("public");
    await stale.return(undefined);

    clearGraphCache(); // the reads below are counted: none answered from the cache
    const stream = watchTopology(cloud, scope, { revision: reset.revision }, abort.signal, options);
    const pending = stream.next();
    await waitFor("the first read", async () => (reads() >= 2 ? true : undefined));
    announceNetworkChange(scope.projectId);
    await waitFor("a re-read on the notice", async () => (reads() >= 3 ? true : undefined));

    const network = await (await cloudOf(quiet).neutron()).networks.create({ name: `${unique}-quiet-net` });
    announceNetworkChange(scope.projectId);
    const delta = (await pending).value as TTopologyDelta;
    expect(delta).toMatchObject({ reset: false, removeNodes: [], upsertEdges: [], removeEdges: [] });
    expect(delta.upsertNodes.map((n) => n.id)).toEqual([network.id]);
    abort.abort();
    expect((await stream.next()).done).toBe(true);
  });

  /**
   * Opens a stream on `cloud` with `options`, creates a network straight
   * through Neutron (this BFF announces nothing) and waits for its node.
   */
  async function networkArrives(
    cloud: Cloud,
    options: { intervalMs: number; notifiedIntervalMs: number },
    name: string,
  ): Promise<TTopologyDelta> {
    const scope = { projectId: quiet.project?.id ?? "", isAdmin: false };
    const abort = new AbortController();
    const stream = watchTopology(cloud, scope, {}, abort.signal, options);
    try {
      const first = (await stream.next()).value as TTopologyDelta;
      const network = await (await cloudOf(quiet).neutron()).networks.create({ name });
      for (;;) {
        const delta = (await stream.next()).value as TTopologyDelta;
        if (delta.upsertNodes.some((n) => n.id === network.id)) return first;
      }
    } finally {
      abort.abort();
      await stream.return(undefined);
    }
  }

  it("hears changes made outside this BFF from the control plane's change notices, with no poll in time", async () => {
    const counter = countingFetch();
    const hour = 3_600_000;
    // Only the notice can bring the network within the test's time.
    const first = await networkArrives(
      cloudOf(quiet, counter.fetch),
      { intervalMs: hour, notifiedIntervalMs: hour },
      `${unique}-noticed`,
    );
    expect(first.reset).toBe(true);
    expect(counter.answered.some((r) => r.startsWith("GET /zenith/v1/changes"))).toBe(true);
  });

  it("polls on its short interval where the cloud has no change notices (any other OpenStack)", async () => {
    await networkArrives(
      { ...cloudOf(quiet), changes: async () => null },
      { intervalMs: 100, notifiedIntervalMs: 3_600_000 },
      `${unique}-polled`,
    );
  });
});
