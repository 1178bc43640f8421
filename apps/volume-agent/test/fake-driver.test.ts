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
