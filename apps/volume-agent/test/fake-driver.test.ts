import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FakeVolumeDriver, FakeVolumeHost } from "../src/driver/fake.ts";
import { expectDriverError, volumeDriverSuite } from "./driver-suite.ts";

volumeDriverSuite("fake", async () => {
  const host = new FakeVolumeHost();
  return { newDriver: () => new FakeVolumeDriver({ host }), cleanup: async () => {} };
});

describe("fake volume driver faults", () => {
  it("fails the next call of an operation once, changing nothing", async () => {
    const driver = new FakeVolumeDriver();
    await driver.init();
    driver.failNext("createVolume", "NoSpace");
    const volumeId = randomUUID();
    await expectDriverError(driver.createVolume({ volumeId, sizeGib: 1 }), "NoSpace");
    expect(await driver.listVolumes()).toEqual([]);
    await driver.createVolume({ volumeId, sizeGib: 1 });
    expect((await driver.listVolumes()).map((v) => v.id)).toEqual([volumeId]);
  });
});

describe("fake volume driver usage", () => {
  it("fills a volume attached writable as a guest would: only growing, to its size at most", async () => {
    let now = 0;
    const driver = new FakeVolumeDriver({ now: () => now });
    await driver.init();
    const [written, idle, readOnly] = [randomUUID(), randomUUID(), randomUUID()];
    for (const volumeId of [written, idle, readOnly]) await driver.createVolume({ volumeId, sizeGib: 1 });
    await driver.export(written, { attachmentId: randomUUID() });
    await driver.export(readOnly, { attachmentId: randomUUID(), readOnly: true });
    const allocation = async (id: string) =>
      (await driver.usage()).volumes.find((v) => v.id === id)?.allocatedBytes ?? Number.NaN;
    let previous = await allocation(written);
    for (let i = 0; i < 5; i++) {
      now += 10_000;
      const next = await allocation(written);
      expect(next).toBeGreaterThan(previous);
      previous = next;
    }
    expect(await allocation(idle)).toBe(0);
    expect(await allocation(readOnly)).toBe(0);
    // The driver's other reads agree with what metering saw.
    expect((await driver.getVolume(written)).allocatedBytes).toBe(previous);
    // Long enough at the slowest rate (64 KiB/s fills 1 GiB in 16 384 s).
    now += 20_000_000;
    expect(await allocation(written)).toBe(1024 ** 3);
  });
});
