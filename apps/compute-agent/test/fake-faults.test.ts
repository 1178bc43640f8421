import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { FakeDriver, type FakeDriverOptions, failOn, failTimes, hangOn } from "../src/driver/fake.ts";
import { DriverError, PowerState, type SpawnSpec } from "../src/driver/types.ts";
import { expectDriverError } from "./driver-suite.ts";

function spec(): SpawnSpec {
  return {
    uuid: randomUUID(),
    name: "faulty",
    flavor: { vcpus: 1, memoryMb: 128, rootGb: 1 },
    image: {
      id: randomUUID(),
      diskFormat: "raw",
      data: { kind: "stream", open: async () => Readable.from([Buffer.from("image")]) },
    },
  };
}

async function ready(options: FakeDriverOptions): Promise<FakeDriver> {
  const driver = new FakeDriver(options);
  await driver.init();
  return driver;
}

async function listed(driver: FakeDriver, uuid: string) {
  return (await driver.listInstances()).find((i) => i.uuid === uuid);
}

describe("failTimes", () => {
  it("a spawn that fails once: SpawnFailed, nothing left, the retry succeeds", async () => {
    const driver = await ready({ faults: [failTimes("spawn", 1)] });
    const s = spec();
    await expectDriverError(driver.spawn(s), "SpawnFailed");
    expect(await listed(driver, s.uuid)).toBeUndefined();
    await driver.spawn(s);
    expect((await listed(driver, s.uuid))?.powerState).toBe(PowerState.RUNNING);
  });

  it("fails n times, then passes", async () => {
    const driver = await ready({ faults: [failTimes("spawn", 2)] });
    const s = spec();
    await expectDriverError(driver.spawn(s), "SpawnFailed");
    await expectDriverError(driver.spawn(s), "SpawnFailed");
    await driver.spawn(s);
  });

  it("can be limited to one instance and carry a chosen code", async () => {
    const a = spec();
    const b = spec();
    const driver = await ready({ faults: [failTimes("powerOn", 1, { uuid: a.uuid, code: "Timeout" })] });
    await driver.spawn(a);
    await driver.spawn(b);
    await driver.powerOff(a.uuid);
    await driver.powerOff(b.uuid);
    await driver.powerOn(b.uuid);
    await expectDriverError(driver.powerOn(a.uuid), "Timeout");
    expect((await driver.getInfo(a.uuid)).powerState).toBe(PowerState.SHUTDOWN);
    await driver.powerOn(a.uuid);
  });

  it("only sees calls that pass the state checks", async () => {
    const driver = await ready({ faults: [failTimes("pause", 1)] });
    const s = spec();
    await driver.spawn(s);
    await driver.powerOff(s.uuid);
    await expectDriverError(driver.pause(s.uuid), "InvalidState");
    await driver.powerOn(s.uuid);
    await expectDriverError(driver.pause(s.uuid), "OperationFailed");
  });

  it("applies to init()", async () => {
    const driver = new FakeDriver({ faults: [failTimes("init", 1)] });
    await expectDriverError(driver.init(), "OperationFailed");
    await expectDriverError(driver.listInstances(), "InvalidState");
    await driver.init();
    expect(await driver.listInstances()).toEqual([]);
  });
});

describe("failOn", () => {
  it("fails every matching call with the message and leaves the state alone", async () => {
    const driver = await ready({ faults: [failOn("reboot", "QMP: system_reset refused")] });
    const s = spec();
    await driver.spawn(s);
    for (const type of ["SOFT", "HARD"] as const) {
      const err = await driver.reboot(s.uuid, type).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DriverError);
      expect(err).toMatchObject({
        code: "OperationFailed",
        message: "QMP: system_reset refused",
        uuid: s.uuid,
      });
    }
    expect((await driver.getInfo(s.uuid)).powerState).toBe(PowerState.RUNNING);
    await driver.powerOff(s.uuid);
  });
});

describe("hangOn", () => {
  it("holds a spawn until release(): the uuid is taken and shows as NOSTATE meanwhile", async () => {
    const hang = hangOn("spawn");
    const driver = await ready({ faults: [hang] });
    const s = spec();
    const spawning = driver.spawn(s);
    await hang.reached;
    expect(hang.held).toBe(1);
    expect((await listed(driver, s.uuid))?.powerState).toBe(PowerState.NOSTATE);
    await expectDriverError(driver.spawn(s), "InstanceExists");
    await expectDriverError(driver.destroy(s.uuid), "InvalidState");
    hang.release();
    await spawning;
    expect(hang.held).toBe(0);
    expect((await driver.getInfo(s.uuid)).powerState).toBe(PowerState.RUNNING);
  });

  it("with a deadline, a hung spawn → Timeout, nothing left behind, and release() does not revive it", async () => {
    const hang = hangOn("spawn");
    const driver = await ready({ faults: [hang], deadlineMs: 20 });
    const s = spec();
    await expectDriverError(driver.spawn(s), "Timeout");
    expect(await listed(driver, s.uuid)).toBeUndefined();
    hang.release();
    await hang.reached;
    expect(await listed(driver, s.uuid)).toBeUndefined();
    await driver.spawn(s);
    expect((await listed(driver, s.uuid))?.powerState).toBe(PowerState.RUNNING);
  });

  it("with a deadline, a hung powerOff → Timeout and the instance is usable again", async () => {
    const hang = hangOn("powerOff");
    const driver = await ready({ faults: [hang], deadlineMs: 20 });
    const s = spec();
    await driver.spawn(s);
    await expectDriverError(driver.powerOff(s.uuid), "Timeout");
    hang.release();
    expect((await driver.getInfo(s.uuid)).powerState).toBe(PowerState.RUNNING);
    await driver.powerOff(s.uuid);
    expect((await driver.getInfo(s.uuid)).powerState).toBe(PowerState.SHUTDOWN);
  });

  it("holds only the named instance", async () => {
    const a = spec();
    const b = spec();
    const hang = hangOn("reboot", { uuid: a.uuid });
    const driver = await ready({ faults: [hang] });
    await driver.spawn(a);
    await driver.spawn(b);
    const rebooting = driver.reboot(a.uuid, "HARD");
    await hang.reached;
    await driver.reboot(b.uuid, "HARD");
    hang.release();
    await rebooting;
  });
});

describe("composition", () => {
  it("several faults apply in order, and inject() adds and removes one later", async () => {
    const hang = hangOn("reboot");
    const driver = await ready({ faults: [failTimes("spawn", 1), hang] });
    const s = spec();
    await expectDriverError(driver.spawn(s), "SpawnFailed");
    await driver.spawn(s);

    const remove = driver.inject(failOn("powerOff", "stuck"));
    await expectDriverError(driver.powerOff(s.uuid), "OperationFailed");
    remove();
    await driver.powerOff(s.uuid);

    const rebooting = driver.reboot(s.uuid, "HARD");
    await hang.reached;
    hang.release();
    await rebooting;
    expect((await driver.getInfo(s.uuid)).powerState).toBe(PowerState.RUNNING);
  });
});
