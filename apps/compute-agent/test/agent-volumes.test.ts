/**
 * Desired `volumes` through the agent on the fake driver: exported volumes
 * attached at spawn, the rest hot-plugged once exported, unplugged when no
 * longer desired, the reported `volumes` (attachment id + device), and a
 * server booted from a volume that waits for its export before it spawns.
 */
import { randomUUID } from "node:crypto";
import type { DesiredInstance } from "@zenith/agent-protocol/compute";
import { describe, expect, it } from "vitest";
import { failTimes } from "../src/driver/fake.ts";
import { desired, next, setup, spiedDriver, startAgent } from "./harness.ts";
import { waitFor } from "./wait.ts";

const HOST = "node-1";
type Volume = DesiredInstance["volumes"][number];

function volume(overrides: Partial<Volume> = {}): Volume {
  return {
    attachmentId: randomUUID(),
    volumeId: randomUUID(),
    bootIndex: null,
    readOnly: false,
    connection: exported(),
    ...overrides,
  };
}

function exported(): NonNullable<Volume["connection"]> {
  return {
    host: "127.0.0.1",
    port: 10809,
    exportName: `volume-${randomUUID()}`,
    tlsUsername: "zenith",
    secret: "0f".repeat(32),
  };
}

async function started() {
  const h = await setup();
  const { driver, calls } = spiedDriver();
  await startAgent(h, driver);
  await h.cp.waitFor("hello");
  return { ...h, driver, calls };
}

/** The last report once it is for `inst`'s generation and lists exactly `volumes` ([attachment, device]). */
function reportedVolumes(
  cp: Awaited<ReturnType<typeof setup>>["cp"],
  inst: DesiredInstance,
  volumes: Array<[string, string]>,
) {
  const want = JSON.stringify(volumes.map(([attachmentId, device]) => ({ attachmentId, device })));
  return waitFor(`report of generation ${inst.generation} with volumes ${want}`, () => {
    const r = cp.lastReport(inst.uuid);
    return r?.applied.generation === inst.generation && JSON.stringify(r.volumes) === want ? r : undefined;
  });
}

describe("compute agent: volumes", () => {
  it("grows an attached volume in the guest when the desired size is larger, and only then", async () => {
    const { cp, driver, calls } = await started();
    const a = volume({ sizeGb: 1 });
    const inst = desired(cp, { volumes: [a] });
    cp.put(HOST, inst);
    await reportedVolumes(cp, inst, [[a.attachmentId, "/dev/vdb"]]);
    const grown = next(inst, { volumes: [{ ...a, sizeGb: 3 }] });
    cp.put(HOST, grown);
    await waitFor("the guest's disk grown to 3 GiB", () =>
      driver.grownVolumes.get(a.attachmentId) === 3 * 1024 ** 3 ? true : undefined,
    );
    // While its host extends it the size is absent: nothing is asked of the guest.
    const extending = next(grown, { volumes: [{ ...a, sizeGb: undefined }] });
    const before = calls.filter((op) => op === "growVolume").length;
    cp.put(HOST, extending);
    await reportedVolumes(cp, extending, [[a.attachmentId, "/dev/vdb"]]);
    expect(calls.filter((op) => op === "growVolume")).toHaveLength(before);
  });

  it("attaches exported volumes at spawn, hot-plugs one once exported, unplugs a removed one", async () => {
    const { cp, calls } = await started();
    const a = volume();
    const pending = volume({ connection: null });
    const inst = desired(cp, { volumes: [a, pending] });
    cp.put(HOST, inst);
    const spawn = await cp.waitFor("taskResult", (m) => m.uuid === inst.uuid && m.task === "spawn");
    expect(spawn.ok).toBe(true);
    await reportedVolumes(cp, inst, [[a.attachmentId, "/dev/vdb"]]);
    expect(calls.filter((op) => op === "attachVolume")).toHaveLength(0);

    const b = { ...pending, connection: exported() };
    const both = next(inst, { volumes: [a, b] });
    cp.put(HOST, both);
    await reportedVolumes(cp, both, [
      [a.attachmentId, "/dev/vdb"],
      [b.attachmentId, "/dev/vdc"],
    ]);
    expect(calls.filter((op) => op === "attachVolume")).toHaveLength(1);

    const onlyB = next(both, { volumes: [b] });
    cp.put(HOST, onlyB);
    await reportedVolumes(cp, onlyB, [[b.attachmentId, "/dev/vdc"]]);
    expect(calls.filter((op) => op === "detachVolume")).toHaveLength(1);
  });

  it("a failed attach leaves the volume out of the report; the next desired state retries it", async () => {
    const { cp, driver, calls } = await started();
    const inst = desired(cp);
    cp.put(HOST, inst);
    await reportedVolumes(cp, inst, []);
    const remove = driver.inject(failTimes("attachVolume", 1));
    const v = volume();
    const wanted = next(inst, { volumes: [v] });
    cp.put(HOST, wanted);
    await reportedVolumes(cp, wanted, []);
    expect(calls.filter((op) => op === "attachVolume")).toHaveLength(1);
    remove();
    const again = next(wanted, {});
    cp.put(HOST, again);
    await reportedVolumes(cp, again, [[v.attachmentId, "/dev/vdb"]]);
  });

  it("boot from volume: the spawn waits for the boot volume's export, then boots with it as vda", async () => {
    const { cp, driver, calls } = await started();
    const boot = volume({ bootIndex: 0, connection: null });
    const inst = desired(cp, { image: null, volumes: [boot] });
    cp.put(HOST, inst);
    // The pass ends without a spawn (and without a failure): it reports the instance as not there yet.
    await waitFor("pass done", () => {
      const r = cp.lastReport(inst.uuid);
      return r?.applied.generation === inst.generation ? r : undefined;
    });
    expect(cp.lastReport(inst.uuid)?.exists).toBe(false);
    expect(calls).not.toContain("spawn");
    expect(cp.received.some(({ msg }) => msg.type === "taskResult" && msg.uuid === inst.uuid)).toBe(false);

    const data = volume();
    const exportedBoot = next(inst, { volumes: [{ ...boot, connection: exported() }, data] });
    cp.put(HOST, exportedBoot);
    const spawn = await cp.waitFor("taskResult", (m) => m.uuid === inst.uuid && m.task === "spawn");
    expect(spawn).toMatchObject({ ok: true });
    await reportedVolumes(cp, exportedBoot, [
      [boot.attachmentId, "/dev/vda"],
      [data.attachmentId, "/dev/vdb"],
    ]);
    // The root volume stays even when a later desired state forgets it: only deleting the server frees it.
    const forgot = next(exportedBoot, { volumes: [] });
    cp.put(HOST, forgot);
    await reportedVolumes(cp, forgot, [[boot.attachmentId, "/dev/vda"]]);
    expect((await driver.getInfo(inst.uuid)).volumes.map((v) => v.bootIndex)).toEqual([0]);
  });
});
