import { randomUUID } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { FakeDriver } from "../src/driver/fake.ts";
import { PowerState, type SpawnSpec } from "../src/driver/types.ts";
import { describeDriverSuite, expectDriverError, fileVolume } from "./driver-suite.ts";

describeDriverSuite("fake", async () => new FakeDriver());

// The same contract with every optional feature off and a little latency:
// exercises the suite's capability gating and the Unsupported answers.
describeDriverSuite(
  "fake, minimal and slow",
  async () =>
    new FakeDriver({
      latencyMs: 1,
      capabilities: {
        supportsPause: false,
        supportsSuspend: false,
        supportsSnapshot: false,
        supportsResize: false,
        supportsRebuild: false,
        supportsSerialConsole: false,
        supportsGraphicConsole: false,
        supportsVolumeAttach: false,
        supportsInterfaceAttach: false,
      },
    }),
);

function spec(overrides: Partial<SpawnSpec> = {}): SpawnSpec {
  const uuid = randomUUID();
  return {
    uuid,
    name: "web-1",
    flavor: { vcpus: 2, memoryMb: 512, rootGb: 10 },
    image: {
      id: "7d4a1b2c-0000-4000-8000-000000000001",
      diskFormat: "qcow2",
      data: { kind: "stream", open: async () => Readable.from([Buffer.from("cirros")]) },
    },
    ...overrides,
  };
}

async function ready(options: ConstructorParameters<typeof FakeDriver>[0] = {}): Promise<FakeDriver> {
  const driver = new FakeDriver(options);
  await driver.init();
  return driver;
}

describe("FakeDriver specifics", () => {
  it("reports the host resources it was given", async () => {
    const driver = await ready({ host: { vcpus: 64, hypervisorVersion: 8_002_001 } });
    expect(await driver.hostResources()).toMatchObject({
      vcpus: 64,
      memoryMb: 16384,
      hypervisorVersion: 8_002_001,
    });
  });

  it("externalPowerOff simulates a guest shutting itself down", async () => {
    const driver = await ready();
    const s = spec();
    await driver.spawn(s);
    driver.externalPowerOff(s.uuid);
    expect((await driver.getInfo(s.uuid)).powerState).toBe(PowerState.SHUTDOWN);
    expect(await driver.consoleOutput(s.uuid)).toContain("reboot: Power down");
    expect(() => driver.externalPowerOff(s.uuid)).toThrow(/SHUTDOWN/);
  });

  it("externalCrash leaves CRASHED, from which powerOn recovers", async () => {
    const driver = await ready();
    const s = spec();
    await driver.spawn(s);
    driver.externalCrash(s.uuid);
    expect((await driver.getInfo(s.uuid)).powerState).toBe(PowerState.CRASHED);
    await driver.powerOn(s.uuid);
    expect((await driver.getInfo(s.uuid)).powerState).toBe(PowerState.RUNNING);
  });

  it("the boot log names the instance and its NICs", async () => {
    const driver = await ready();
    const s = spec({ networkInterfaces: [{ portId: randomUUID(), macAddress: "fa:16:3e:aa:bb:cc" }] });
    await driver.spawn(s);
    const log = await driver.consoleOutput(s.uuid);
    expect(log).toContain("web-1 login:");
    expect(log).toContain("fa:16:3e:aa:bb:cc");
    expect(await driver.consoleOutput(s.uuid, { tailBytes: 12 })).toBe(log.slice(-12));
  });

  it("snapshots are deterministic and name their origin", async () => {
    const driver = await ready();
    const s = spec();
    await driver.spawn(s);
    const read = async () => {
      const chunks: Buffer[] = [];
      await driver.snapshot(s.uuid, {
        kind: "stream",
        stream: new Writable({
          write(chunk: Buffer, _enc, done) {
            chunks.push(chunk);
            done();
          },
        }),
      });
      return Buffer.concat(chunks).toString();
    };
    const first = await read();
    expect(first).toContain(`instance: ${s.uuid}`);
    expect(first).toContain("image: 7d4a1b2c-0000-4000-8000-000000000001");
    expect(await read()).toBe(first);
  });

  it("uptime and CPU time follow the clock and restart with the guest", async () => {
    let now = 1_000_000;
    const driver = await ready({ now: () => now });
    const s = spec();
    await driver.spawn(s);
    now += 30_000;
    expect(await driver.getInfo(s.uuid)).toMatchObject({ uptimeS: 30, cpuTimeMs: 3_000 });
    await driver.pause(s.uuid);
    now += 30_000;
    expect(await driver.getInfo(s.uuid)).toMatchObject({ uptimeS: 60, cpuTimeMs: 3_000 });
    await driver.powerOff(s.uuid);
    expect(await driver.getInfo(s.uuid)).toMatchObject({ uptimeS: null, cpuTimeMs: 0 });
  });

  it("a state change while another is in flight → InvalidState; reads still work", async () => {
    const driver = await ready({ latencyMs: { powerOff: 30 } });
    const s = spec();
    await driver.spawn(s);
    const stopping = driver.powerOff(s.uuid);
    await expectDriverError(driver.pause(s.uuid), "InvalidState");
    await expectDriverError(driver.destroy(s.uuid), "InvalidState");
    expect((await driver.getInfo(s.uuid)).powerState).toBe(PowerState.RUNNING);
    await stopping;
    expect((await driver.getInfo(s.uuid)).powerState).toBe(PowerState.SHUTDOWN);
  });

  it("volumes get the first device after the flavor's own disks", async () => {
    const driver = await ready();
    const s = spec({ flavor: { vcpus: 1, memoryMb: 256, rootGb: 1, ephemeralGb: 5, swapMb: 512 } });
    await driver.spawn(s);
    const a = fileVolume("/srv/volumes/a");
    expect(await driver.attachVolume(s.uuid, a)).toEqual({
      attachmentId: a.attachmentId,
      volumeId: a.volumeId,
      bootIndex: null,
      device: "/dev/vdd",
    });
    expect((await driver.attachVolume(s.uuid, fileVolume("/srv/volumes/b"))).device).toBe("/dev/vde");
    await driver.detachVolume(s.uuid, a.attachmentId);
    expect((await driver.attachVolume(s.uuid, fileVolume("/srv/volumes/c"))).device).toBe("/dev/vdd");
  });

  it("console streams end when the guest stops", async () => {
    const driver = await ready();
    const s = spec();
    await driver.spawn(s);
    const stream = await (await driver.consoleEndpoint(s.uuid, "serial")).connect();
    const ended = new Promise<void>((resolve) => stream.once("end", resolve));
    stream.resume();
    await driver.powerOff(s.uuid);
    await ended;
  });
});
