import { randomUUID } from "node:crypto";
import { PowerState } from "@zenith/agent-protocol/compute";
import { describe, expect, it } from "vitest";
import { FakeDriver, failOn } from "../src/driver/fake.ts";
import { DriverError } from "../src/driver/types.ts";
import { desired, next, setup, spiedDriver, startAgent } from "./harness.ts";
import { waitFor } from "./wait.ts";

const HOST = "node-1";

/** An agent with one running instance, spawned through the protocol. */
async function running() {
  const h = await setup();
  const { driver, calls } = spiedDriver();
  const agent = await startAgent(h, driver);
  await h.cp.waitFor("hello");
  const inst = desired(h.cp);
  h.cp.put(HOST, inst);
  await h.cp.waitFor("taskResult", (m) => m.uuid === inst.uuid && m.task === "spawn");
  return { ...h, driver, calls, agent, inst };
}

describe("compute agent tasks", () => {
  it("spawns a desired instance from the image endpoint and reports it RUNNING", async () => {
    const { cp, driver, inst } = await running();
    expect(cp.messages("taskResult")).toContainEqual(
      expect.objectContaining({ uuid: inst.uuid, task: "spawn", ok: true }),
    );
    expect(cp.imageGets).toContain(inst.image?.id);
    await waitFor("report RUNNING", () => {
      const r = cp.lastReport(inst.uuid);
      return r?.powerState === PowerState.RUNNING && r.exists && r.applied.generation === 1 ? r : undefined;
    });
    expect((await driver.getInfo(inst.uuid)).memoryMb).toBe(512);
    expect(cp.invalid).toEqual([]);
  });

  it("moves power through stop, start, pause, suspend and back to running", async () => {
    const { cp, driver, inst } = await running();
    let current = inst;
    const steps = [
      ["stopped", PowerState.SHUTDOWN],
      ["running", PowerState.RUNNING],
      ["paused", PowerState.PAUSED],
      ["suspended", PowerState.SUSPENDED],
      ["stopped", PowerState.SHUTDOWN],
      ["paused", PowerState.PAUSED],
      ["running", PowerState.RUNNING],
    ] as const;
    for (const [power, state] of steps) {
      current = next(current, { power });
      cp.put(HOST, current);
      const generation = current.generation;
      await waitFor(`report ${power}`, () => {
        const r = cp.lastReport(inst.uuid);
        return r?.applied.generation === generation && r.powerState === state ? r : undefined;
      });
      expect((await driver.getInfo(inst.uuid)).powerState).toBe(state);
    }
    const powers = cp.messages("taskResult").filter((m) => m.task === "power");
    expect(powers).toHaveLength(steps.length);
    expect(powers.every((m) => m.ok)).toBe(true);
  });

  it("reboots once per rebootSeq, not again on later messages", async () => {
    const { cp, calls, inst } = await running();
    const rebooted = next(inst, { rebootSeq: 1, rebootType: "HARD" });
    cp.put(HOST, rebooted);
    await cp.waitFor("taskResult", (m) => m.task === "reboot" && m.ok);
    await waitFor("applied rebootSeq", () =>
      cp.lastReport(inst.uuid)?.applied.rebootSeq === 1 ? true : undefined,
    );
    // The same record again (a full sync) and a metadata change: neither is a new reboot.
    cp.sendFull(HOST);
    const later = next(rebooted, { metadata: { role: "db" } });
    cp.put(HOST, later);
    await waitFor("generation applied", () =>
      cp.lastReport(inst.uuid)?.applied.generation === later.generation ? true : undefined,
    );
    expect(calls.filter((op) => op === "reboot")).toHaveLength(1);
  });

  it("takes a snapshot and uploads its bytes with PUT", async () => {
    const { cp, inst } = await running();
    const imageId = randomUUID();
    cp.put(HOST, next(inst, { snapshots: [{ imageId }] }));
    const result = await cp.waitFor("taskResult", (m) => m.task === "snapshot");
    expect(result).toMatchObject({ uuid: inst.uuid, ok: true, imageId });
    const upload = cp.uploads.get(imageId);
    expect(upload?.contentType).toBe("application/octet-stream");
    expect(upload?.body.toString()).toContain(`instance: ${inst.uuid}`);
    expect(upload?.body.toString()).toContain(`image: ${inst.image?.id}`);
  });

  it("applies a desired state even while the driver cannot list its instances", async () => {
    const h = await setup();
    // Every list fails once the agent is up (a stalled hypervisor): more than the reconciler's retries.
    let stalled = false;
    const driver = new FakeDriver({
      faults: [
        {
          intercept: ({ op }) => {
            if (stalled && op === "listInstances")
              throw new DriverError("Timeout", "the hypervisor does not answer");
          },
        },
      ],
    });
    await startAgent(h, driver);
    await h.cp.waitFor("hello");
    stalled = true;
    const inst = desired(h.cp);
    h.cp.put(HOST, inst);
    const spawned = await h.cp.waitFor(
      "taskResult",
      (m) => m.uuid === inst.uuid && m.task === "spawn",
      15_000,
    );
    expect(spawned.ok).toBe(true);
    expect((await driver.getInfo(inst.uuid)).powerState).toBe(PowerState.RUNNING);
  });

  it("destroys an instance listed in deleted and reports it gone", async () => {
    const { cp, driver, inst } = await running();
    cp.remove(HOST, inst.uuid);
    await cp.waitFor("taskResult", (m) => m.task === "destroy" && m.uuid === inst.uuid && m.ok);
    expect(await driver.listInstances()).toEqual([]);
    expect(cp.lastReport(inst.uuid)).toMatchObject({ exists: false, powerState: PowerState.NOSTATE });
  });

  it("reports a failed spawn with the driver's message and leaves nothing behind", async () => {
    const h = await setup();
    const { driver } = spiedDriver();
    driver.inject(failOn("spawn", "no space left on device"));
    await startAgent(h, driver);
    await h.cp.waitFor("hello");
    const inst = desired(h.cp);
    h.cp.put(HOST, inst);
    const result = await h.cp.waitFor("taskResult", (m) => m.task === "spawn");
    expect(result).toMatchObject({ uuid: inst.uuid, ok: false, message: "no space left on device" });
    expect(await driver.listInstances()).toEqual([]);
    expect(h.cp.lastReport(inst.uuid)).toMatchObject({ exists: false });
  });

  it("fails a spawn whose image the control plane cannot serve", async () => {
    const h = await setup();
    const { driver } = spiedDriver();
    await startAgent(h, driver);
    await h.cp.waitFor("hello");
    const inst = desired(h.cp, { image: { id: randomUUID(), diskFormat: "raw" } });
    h.cp.put(HOST, inst);
    const result = await h.cp.waitFor("taskResult", (m) => m.task === "spawn");
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/cannot read image/);
    expect(await driver.listInstances()).toEqual([]);
  });

  it("resizes, then confirms; resizes again, then reverts", async () => {
    const { cp, driver, inst } = await running();
    const big = { ...inst.flavor, name: "m1.medium", vcpus: 2, memoryMb: 1024, rootGb: 2 };
    const resized = next(inst, { flavor: big, resize: { seq: 1, finish: "wait" } });
    cp.put(HOST, resized);
    await cp.waitFor("taskResult", (m) => m.task === "resize" && m.ok);
    await waitFor("resize pending", () => (cp.lastReport(inst.uuid)?.resizePending ? true : undefined));
    cp.put(HOST, next(resized, { resize: { seq: 1, finish: "confirm" } }));
    await cp.waitFor("taskResult", (m) => m.task === "confirmResize" && m.ok);
    expect(await driver.getInfo(inst.uuid)).toMatchObject({ vcpus: 2, resizePending: false });

    const bigger = { ...big, name: "m1.large", vcpus: 4, memoryMb: 2048 };
    const again = next(resized, { generation: 10, flavor: bigger, resize: { seq: 2, finish: "revert" } });
    cp.put(HOST, again);
    await cp.waitFor("taskResult", (m) => m.task === "revertResize" && m.ok);
    expect(await driver.getInfo(inst.uuid)).toMatchObject({ vcpus: 2, resizePending: false });
    await waitFor("resizeSeq applied", () =>
      cp.lastReport(inst.uuid)?.applied.resizeSeq === 2 ? true : undefined,
    );
  });

  it("rebuilds from the image when rebuildSeq moves, from the host's image cache", async () => {
    const { cp, inst } = await running();
    const gets = cp.imageGets.length;
    expect(gets).toBe(1);
    cp.put(HOST, next(inst, { rebuildSeq: 1 }));
    await cp.waitFor("taskResult", (m) => m.task === "rebuild" && m.ok);
    // The bytes were downloaded once at spawn; the rebuild reads the cached copy.
    expect(cp.imageGets.length).toBe(gets);
    await waitFor("rebuildSeq applied", () =>
      cp.lastReport(inst.uuid)?.applied.rebuildSeq === 1 ? true : undefined,
    );
  });

  it("reports a guest that powered itself off, without powering it back on", async () => {
    const { cp, driver, calls, agent, inst } = await running();
    await agent.reconciler.idle();
    driver.externalPowerOff(inst.uuid);
    await waitFor("drift reported", () =>
      cp.lastReport(inst.uuid)?.powerState === PowerState.SHUTDOWN ? true : undefined,
    );
    expect(calls).not.toContain("powerOn");
    expect((await driver.getInfo(inst.uuid)).powerState).toBe(PowerState.SHUTDOWN);
  });

  it("reports a crashed guest with the hypervisor's word for it (the qemu driver's QMP run state)", async () => {
    const { cp, driver, calls, agent, inst } = await running();
    await agent.reconciler.idle();
    // The fake has no hypervisor run states; give it the one QEMU reports for a frozen guest.
    const getInfo = driver.getInfo.bind(driver);
    driver.getInfo = async (uuid) => {
      const info = await getInfo(uuid);
      return info.powerState === PowerState.CRASHED ? { ...info, runState: "internal-error" } : info;
    };
    driver.externalCrash(inst.uuid);
    const report = await waitFor("crash reported", () => {
      const r = cp.lastReport(inst.uuid);
      return r?.powerState === PowerState.CRASHED ? r : undefined;
    });
    expect(report.hypervisorState).toBe("internal-error");
    expect(calls).not.toContain("powerOn");
    expect(cp.invalid).toEqual([]);
  });

  it("answers consoleOutput with the last lines of the console log", async () => {
    const { cp, driver, inst } = await running();
    const all = await driver.consoleOutput(inst.uuid);
    const full = await cp.rpc(HOST, "consoleOutput", { uuid: inst.uuid });
    expect(full).toMatchObject({ ok: true, result: { output: all } });
    const tail = await cp.rpc(HOST, "consoleOutput", { uuid: inst.uuid, length: 2 });
    expect(tail.result).toEqual({ output: all.split("\n").slice(-2).join("\n") });
    const missing = await cp.rpc(HOST, "consoleOutput", { uuid: randomUUID() });
    expect(missing).toMatchObject({ ok: false, error: { code: "InstanceNotFound" } });
  });
});
