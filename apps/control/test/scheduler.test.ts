import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HostState, passesFilters } from "../src/services/compute/scheduler/filters.ts";
import { rankHosts } from "../src/services/compute/scheduler/weighers.ts";
import {
  type ComputeTestEnv,
  createServer,
  FakeAgent,
  FLAVORS,
  seed,
  startCompute,
  waitForStatus,
} from "./compute-servers-harness.ts";
import { waitFor } from "./harness.ts";

const NO_VALID_HOST = "No valid host was found. There are not enough hosts available.";

function hostState(over: Partial<HostState>): HostState {
  return {
    id: "h",
    host: "h",
    availabilityZone: "nova",
    disabled: false,
    forcedDown: false,
    lastHeartbeat: new Date(),
    vcpus: 4,
    memoryMb: 4096,
    localGb: 100,
    vcpusUsed: 0,
    memoryMbUsed: 0,
    localGbUsed: 0,
    cpuAllocationRatio: 16,
    ramAllocationRatio: 1.5,
    diskAllocationRatio: 1,
    hypervisorType: "fake",
    ...over,
  };
}

describe("scheduler filters and weighers", () => {
  const req = {
    resources: { vcpus: 2, memoryMb: 1024, diskGb: 10 },
    availabilityZone: null,
    hypervisorType: null,
    excludeHostIds: [],
  };
  const now = new Date();

  it("filters on service state, zone, capacity with allocation ratios, and tried hosts", () => {
    expect(passesFilters(hostState({}), req, now)).toBe(true);
    expect(passesFilters(hostState({ disabled: true }), req, now)).toBe(false);
    expect(passesFilters(hostState({ forcedDown: true }), req, now)).toBe(false);
    expect(passesFilters(hostState({ lastHeartbeat: new Date(now.getTime() - 61_000) }), req, now)).toBe(
      false,
    );
    expect(passesFilters(hostState({}), { ...req, availabilityZone: "az2" }, now)).toBe(false);
    expect(
      passesFilters(hostState({ availabilityZone: "az2" }), { ...req, availabilityZone: "az2" }, now),
    ).toBe(true);
    // RAM: 4096 × 1.5 = 6144 MB; 5200 used + 1024 does not fit.
    expect(passesFilters(hostState({ memoryMbUsed: 5200 }), req, now)).toBe(false);
    expect(passesFilters(hostState({ memoryMbUsed: 5120 }), req, now)).toBe(true);
    // vCPU: 4 × 16 = 64.
    expect(passesFilters(hostState({ vcpusUsed: 63 }), req, now)).toBe(false);
    // Disk: ratio 1.0.
    expect(passesFilters(hostState({ localGbUsed: 91 }), req, now)).toBe(false);
    expect(passesFilters(hostState({}), { ...req, excludeHostIds: ["h"] }, now)).toBe(false);
  });

  it("sends an image made for one hypervisor only to hosts running it (KVM hosts also run qemu images)", () => {
    const qemuImage = { ...req, hypervisorType: "qemu" };
    expect(passesFilters(hostState({}), qemuImage, now)).toBe(false);
    expect(passesFilters(hostState({ hypervisorType: "QEMU" }), qemuImage, now)).toBe(true);
    expect(passesFilters(hostState({ hypervisorType: "KVM" }), qemuImage, now)).toBe(true);
    expect(
      passesFilters(hostState({ hypervisorType: "QEMU" }), { ...req, hypervisorType: "fake" }, now),
    ).toBe(false);
    expect(passesFilters(hostState({ hypervisorType: "QEMU" }), req, now)).toBe(true);
  });

  it("spreads to the most free RAM, or packs", () => {
    const a = hostState({ id: "a", host: "a", memoryMbUsed: 1000 });
    const b = hostState({ id: "b", host: "b", memoryMbUsed: 3000 });
    const c = hostState({ id: "c", host: "c", memoryMbUsed: 0 });
    expect(rankHosts([a, b, c], "spread").map((h) => h.id)).toEqual(["c", "a", "b"]);
    expect(rankHosts([a, b, c], "pack").map((h) => h.id)).toEqual(["b", "a", "c"]);
  });
});

describe("scheduler with agents", () => {
  let env: ComputeTestEnv;
  let imageId: string;
  const agents: FakeAgent[] = [];

  beforeEach(async () => {
    env = await startCompute("scheduler");
    ({ imageId } = await seed(env));
    const prisma = env.control.running.db.prisma;
    for (const resource of ["instances", "cores", "ram"]) {
      await prisma.quota.create({ data: { projectId: env.demoProjectId, resource, hardLimit: -1 } });
    }
  });
  afterEach(async () => {
    for (const a of agents.splice(0)) await a.close();
    await env.close();
  });

  async function agent(opts: ConstructorParameters<typeof FakeAgent>[0]): Promise<FakeAgent> {
    const a = new FakeAgent(opts, env.control.url);
    await a.connect();
    agents.push(a);
    return a;
  }

  it("never overbooks under 50 concurrent launches on 3 tight hosts", async () => {
    const prisma = env.control.running.db.prisma;
    // Each host: 4096 MB × 1.5 = 6144 MB → 12 small (512 MB) instances; 36 in all.
    for (const host of ["t1", "t2", "t3"]) await agent({ host, vcpus: 2, memoryMb: 4096, diskGb: 100 });
    const launches = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createServer(env, { name: `burst-${i}`, imageRef: imageId, flavorRef: FLAVORS.small.id }),
      ),
    );
    expect(launches.every((r) => r.status === 202)).toBe(true);
    await waitFor(async () => {
      const settled = await prisma.instance.count({
        where: { taskState: null, vmState: { in: ["active", "error"] } },
      });
      return settled === 50;
    }, 60_000);
    const hosts = await prisma.computeHost.findMany();
    for (const h of hosts) {
      expect(h.memoryMbUsed).toBeLessThanOrEqual(h.memoryMb * h.ramAllocationRatio);
      const placed = await prisma.instance.count({ where: { hostId: h.id, deletedAt: null } });
      expect(h.memoryMbUsed).toBe(placed * 512);
      expect(h.runningVms).toBe(placed);
    }
    expect(await prisma.instance.count({ where: { vmState: "active" } })).toBe(36);
    const failed = await prisma.instance.findMany({ where: { vmState: "error" } });
    expect(failed).toHaveLength(14);
    const shown = await env.api("GET", `servers/${failed[0]?.id}`);
    expect(shown.body.server.status).toBe("ERROR");
    expect(shown.body.server.fault).toMatchObject({ code: 500, message: NO_VALID_HOST });
  }, 120_000);

  it("reschedules a failed spawn to another host, and gives up after 3 attempts", async () => {
    const prisma = env.control.running.db.prisma;
    // The failing host has the most free RAM, so spread tries it first.
    await agent({ host: "bad-1", memoryMb: 32768, failSpawn: "disk exploded" });
    await agent({ host: "good", memoryMb: 8192 });
    const res = await createServer(env, { name: "resched", imageRef: imageId, flavorRef: FLAVORS.small.id });
    const done = await waitForStatus(env, res.body.server.id, "ACTIVE");
    expect(done.body.server["OS-EXT-SRV-ATTR:host"]).toBe("good");
    const inst = await prisma.instance.findUniqueOrThrow({ where: { id: res.body.server.id } });
    expect(inst.scheduleAttempts).toBe(2);
    const bad = await prisma.computeHost.findFirstOrThrow({ where: { host: "bad-1" } });
    expect(bad.memoryMbUsed).toBe(0);

    // Three failing hosts (good is full now): ERROR with NoValidHost.
    await prisma.computeHost.update({ where: { host: "good" }, data: { disabled: true } });
    await agent({ host: "bad-2", memoryMb: 16384, failSpawn: "no" });
    await agent({ host: "bad-3", memoryMb: 16384, failSpawn: "no" });
    await agent({ host: "bad-4", memoryMb: 16384, failSpawn: "no" });
    const doomed = await createServer(env, {
      name: "doomed",
      imageRef: imageId,
      flavorRef: FLAVORS.small.id,
    });
    const err = await waitForStatus(env, doomed.body.server.id, "ERROR");
    expect(err.body.server.fault.message).toBe(NO_VALID_HOST);
    const row = await prisma.instance.findUniqueOrThrow({ where: { id: doomed.body.server.id } });
    expect(row.scheduleAttempts).toBe(3);
    expect(row.hostId).toBeNull();
    const used = await prisma.computeHost.aggregate({
      _sum: { memoryMbUsed: true },
      where: { host: { startsWith: "bad" } },
    });
    expect(used._sum.memoryMbUsed).toBe(0);
  });

  it("puts a server in ERROR (not a 4xx) when there is no host at all, and deletes it at once", async () => {
    const res = await createServer(env, { name: "lonely", imageRef: imageId, flavorRef: FLAVORS.small.id });
    expect(res.status).toBe(202);
    const err = await waitForStatus(env, res.body.server.id, "ERROR");
    expect(err.body.server.fault).toMatchObject({ code: 500, message: NO_VALID_HOST });
    expect((await env.api("DELETE", `servers/${res.body.server.id}`)).status).toBe(204);
    expect((await env.api("GET", `servers/${res.body.server.id}`)).status).toBe(404);
  });
});
