import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { PowerState, ZHostResources } from "@zenith/agent-protocol/compute";
import { describe, expect, it } from "vitest";
import { hostNames } from "../src/env.ts";
import type { FakeControlPlane } from "./fake-control-plane.ts";
import { desired, next, setup, spiedDriver, startAgent } from "./harness.ts";
import { waitFor } from "./wait.ts";

const HOST = "node-1";

/** A report of `generation` proves the agent has read (and converged to) that desired record. */
function reportedGeneration(cp: FakeControlPlane, uuid: string, generation: number) {
  return waitFor(`generation ${generation} applied`, () =>
    cp.lastReport(uuid)?.applied.generation === generation ? true : undefined,
  );
}

describe("compute agent lifecycle", () => {
  it("says hello with the host's resources and its instances, then heartbeats", async () => {
    const h = await setup();
    const { driver } = spiedDriver({ host: { vcpus: 24, memoryMb: 65536, diskGb: 900 } });
    await driver.init();
    const uuid = randomUUID();
    await driver.spawn({
      uuid,
      name: "pre-existing",
      flavor: { vcpus: 1, memoryMb: 256, rootGb: 1 },
      image: {
        id: randomUUID(),
        diskFormat: "raw",
        data: { kind: "stream", open: async () => Readable.from(["x"]) },
      },
    });
    h.cp.hostState(HOST).set(uuid, desired(h.cp, { uuid }));
    await startAgent(h, driver, { availabilityZone: "az-2" });
    const hello = await h.cp.waitFor("hello");
    expect(hello).toMatchObject({ host: HOST, protocol: 1, availabilityZone: "az-2" });
    expect(ZHostResources.parse(hello.resources)).toMatchObject({
      vcpus: 24,
      memoryMb: 65536,
      diskGb: 900,
      hypervisorType: "fake",
      hypervisorHostname: HOST,
      hostIp: "192.0.2.10",
    });
    expect(hello.instances).toEqual([
      {
        uuid,
        powerState: PowerState.RUNNING,
        exists: true,
        applied: { generation: 0, rebootSeq: 0, rebuildSeq: 0, resizeSeq: 0 },
        resizePending: false,
        ports: [],
        volumes: [],
      },
    ]);
    await h.cp.waitFor("heartbeat");
    expect(h.cp.invalid).toEqual([]);
  });

  it("does not repeat a done reboot after an agent restart (state file)", async () => {
    const h = await setup();
    const { driver, calls } = spiedDriver();
    const first = await startAgent(h, driver);
    await h.cp.waitFor("hello");
    const inst = next(desired(h.cp), { rebootSeq: 1 });
    h.cp.put(HOST, inst);
    await h.cp.waitFor("taskResult", (m) => m.task === "spawn" && m.ok);
    // A fresh spawn satisfies the pending reboot; a later bump is a real one.
    const rebooted = next(inst, { rebootSeq: 2 });
    h.cp.put(HOST, rebooted);
    await h.cp.waitFor("taskResult", (m) => m.task === "reboot" && m.ok);
    await first.reconciler.idle();
    await first.stop();

    // The full state after the restart still says rebootSeq 2; a new generation shows when it has been read.
    const later = next(rebooted, { metadata: { role: "db" } });
    h.cp.hostState(HOST).set(inst.uuid, later);
    // Guests outlive the agent: the same driver, handed to a new agent, is what a restarted process finds.
    await startAgent(h, driver);
    const hello = await h.cp.waitFor("hello", (m) => m.conn === 2);
    expect(hello.instances).toEqual([expect.objectContaining({ uuid: inst.uuid, exists: true })]);
    expect(hello.instances[0]?.applied).toMatchObject({ rebootSeq: 2, generation: rebooted.generation });
    await reportedGeneration(h.cp, inst.uuid, later.generation);
    expect(calls.filter((op) => op === "reboot")).toHaveLength(1);
    expect(calls.filter((op) => op === "spawn")).toHaveLength(1);
  });

  it("carries out a reboot requested just before a restart, once", async () => {
    const h = await setup();
    const { driver, calls } = spiedDriver();
    const first = await startAgent(h, driver);
    await h.cp.waitFor("hello");
    const inst = desired(h.cp);
    h.cp.put(HOST, inst);
    await h.cp.waitFor("taskResult", (m) => m.task === "spawn" && m.ok);
    await first.reconciler.idle();
    await first.stop();
    // Requested while the agent was down: only the full state on reconnect carries it.
    h.cp.hostState(HOST).set(inst.uuid, next(inst, { rebootSeq: 1 }));
    await startAgent(h, driver);
    await h.cp.waitFor("taskResult", (m) => m.task === "reboot" && m.conn === 2);
    expect(calls.filter((op) => op === "reboot")).toHaveLength(1);
  });

  it("adopts running guests after a restart instead of spawning them again", async () => {
    const h = await setup();
    const { driver, calls } = spiedDriver();
    const first = await startAgent(h, driver);
    await h.cp.waitFor("hello");
    const a = desired(h.cp);
    const b = desired(h.cp, { power: "stopped" });
    h.cp.put(HOST, a);
    h.cp.put(HOST, b);
    await waitFor("both converged", () =>
      h.cp.lastReport(b.uuid)?.powerState === PowerState.SHUTDOWN &&
      h.cp.lastReport(a.uuid)?.powerState === PowerState.RUNNING
        ? true
        : undefined,
    );
    await first.stop();
    const a2 = next(a, { name: "renamed" });
    h.cp.hostState(HOST).set(a.uuid, a2);
    await startAgent(h, driver);
    const hello = await h.cp.waitFor("hello", (m) => m.conn === 2);
    expect(hello.instances.map((i) => i.uuid).sort()).toEqual([a.uuid, b.uuid].sort());
    await reportedGeneration(h.cp, a.uuid, a2.generation);
    expect(calls.filter((op) => op === "spawn")).toHaveLength(2);
    expect((await driver.listInstances()).map((i) => i.powerState).sort()).toEqual([
      PowerState.RUNNING,
      PowerState.SHUTDOWN,
    ]);
  });

  it("adopts a guest it has no record of without replaying its counters", async () => {
    const h = await setup();
    const { driver, calls } = spiedDriver();
    const first = await startAgent(h, driver);
    await h.cp.waitFor("hello");
    const inst = desired(h.cp);
    h.cp.put(HOST, inst);
    await h.cp.waitFor("taskResult", (m) => m.task === "spawn" && m.ok);
    await first.stop();
    const later = next(inst, { rebootSeq: 3, rebuildSeq: 2 });
    h.cp.hostState(HOST).set(inst.uuid, later);
    // A new data dir: the state file is gone, the guest is not.
    await startAgent({ ...h, dataDir: `${h.dataDir}/elsewhere` }, driver);
    await reportedGeneration(h.cp, inst.uuid, later.generation);
    expect(calls).not.toContain("reboot");
    expect(calls).not.toContain("rebuild");
    expect(h.cp.lastReport(inst.uuid)?.applied).toMatchObject({ rebootSeq: 3, rebuildSeq: 2 });
  });

  it("destroys orphans on a full desired state, keeping what is desired", async () => {
    const h = await setup();
    const { driver } = spiedDriver();
    await driver.init();
    const orphan = randomUUID();
    const keep = desired(h.cp);
    for (const uuid of [orphan, keep.uuid]) {
      await driver.spawn({
        uuid,
        name: "guest",
        flavor: { vcpus: 1, memoryMb: 256, rootGb: 1 },
        image: {
          id: randomUUID(),
          diskFormat: "raw",
          data: { kind: "stream", open: async () => Readable.from(["x"]) },
        },
      });
    }
    h.cp.hostState(HOST).set(keep.uuid, keep);
    await startAgent(h, driver);
    await waitFor("orphan destroyed", async () =>
      (await driver.listInstances()).length === 1 ? true : undefined,
    );
    expect((await driver.listInstances()).map((i) => i.uuid)).toEqual([keep.uuid]);
    expect(h.cp.messages("taskResult").filter((m) => m.uuid === orphan)).toEqual([]);
  });

  it("reconnects and says hello again when the control plane restarts", async () => {
    const h = await setup();
    const { driver } = spiedDriver();
    await startAgent(h, driver);
    await h.cp.waitFor("hello");
    const inst = desired(h.cp);
    h.cp.put(HOST, inst);
    await h.cp.waitFor("taskResult", (m) => m.task === "spawn" && m.ok);
    await h.cp.stop();
    // While it is down the user stops the server; the restarted control plane sends it in the full state.
    h.cp.hostState(HOST).set(inst.uuid, next(inst, { power: "stopped" }));
    await h.cp.start();
    const hello = await h.cp.waitFor("hello", (m) => m.conn === 2, 10_000);
    expect(hello.instances).toEqual([
      expect.objectContaining({ uuid: inst.uuid, powerState: PowerState.RUNNING }),
    ]);
    await h.cp.waitFor("taskResult", (m) => m.task === "power" && m.conn === 2 && m.ok);
    expect((await driver.getInfo(inst.uuid)).powerState).toBe(PowerState.SHUTDOWN);
  });

  it("ignores malformed frames and keeps working on the same connection", async () => {
    const h = await setup();
    const { driver } = spiedDriver();
    await startAgent(h, driver);
    await h.cp.waitFor("hello");
    h.cp.sendRaw(HOST, "this is not json");
    h.cp.sendRaw(HOST, Buffer.from([0, 1, 2, 3]));
    h.cp.sendTo(HOST, { type: "desired", full: "yes" });
    h.cp.sendTo(HOST, { type: "desired", full: false, instances: [{ uuid: "x" }], deleted: [] });
    h.cp.sendTo(HOST, { type: "nonsense" });
    h.cp.sendTo(HOST, { type: "rpc", id: "r-1", method: "reformatDisk", params: {} });
    const unknown = await h.cp.waitFor("rpcResult", (m) => m.id === "r-1");
    expect(unknown).toMatchObject({ ok: false, error: { code: "Unsupported" } });
    const inst = desired(h.cp);
    h.cp.put(HOST, inst);
    const spawned = await h.cp.waitFor("taskResult", (m) => m.task === "spawn");
    expect(spawned).toMatchObject({ ok: true, conn: 1 });
    expect(h.cp.messages("hello")).toHaveLength(1);
  });

  it("keeps retrying while the token is refused, and connects once it is right", async () => {
    const h = await setup();
    const { driver } = spiedDriver();
    let token = "wrong";
    await startAgent(h, driver, { token: async () => token });
    await waitFor("a few refused attempts", () => (h.cp.refused >= 2 ? true : undefined));
    expect(h.cp.messages("hello")).toEqual([]);
    token = h.cp.token;
    await h.cp.waitFor("hello");
  });

  it("runs several hosts in one process, each with its own state", async () => {
    const h = await setup();
    const hosts = hostNames("fake", 3);
    expect(hosts).toEqual(["fake", "fake-2", "fake-3"]);
    const drivers = hosts.map(() => spiedDriver().driver);
    await Promise.all(hosts.map((host, i) => startAgent(h, drivers[i] ?? spiedDriver().driver, { host })));
    await waitFor("three hellos", () => (h.cp.messages("hello").length === 3 ? true : undefined));
    const inst = desired(h.cp);
    h.cp.put("fake-2", inst);
    await h.cp.waitFor("taskResult", (m) => m.task === "spawn" && m.ok);
    expect((await drivers[1]?.listInstances())?.map((i) => i.uuid)).toEqual([inst.uuid]);
    expect(await drivers[0]?.listInstances()).toEqual([]);
  });
});
