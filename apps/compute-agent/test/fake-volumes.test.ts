/**
 * The fake driver's volumes: attachments named by attachment id, devices in
 * order after the root disk, boot from a volume (vda, no image), the boot
 * volume never detached, and NBD connections taken as given (no I/O).
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { FakeDriver } from "../src/driver/fake.ts";
import type { SpawnSpec, VolumeConnectionInput } from "../src/driver/types.ts";
import { expectDriverError } from "./driver-suite.ts";

function nbdVolume(overrides: Partial<VolumeConnectionInput> = {}): VolumeConnectionInput {
  return {
    attachmentId: randomUUID(),
    volumeId: randomUUID(),
    connection: {
      driver: "nbd",
      host: "127.0.0.1",
      port: 10809,
      exportName: "volume-export",
      tlsUsername: "zenith-attachment",
      secret: "ab".repeat(32),
    },
    ...overrides,
  };
}

function spec(overrides: Partial<SpawnSpec> = {}): SpawnSpec {
  return {
    uuid: randomUUID(),
    name: "db-1",
    flavor: { vcpus: 1, memoryMb: 256, rootGb: 1 },
    image: {
      id: randomUUID(),
      diskFormat: "qcow2",
      data: { kind: "stream", open: async () => Readable.from([Buffer.from("cirros")]) },
    },
    ...overrides,
  };
}

async function ready(): Promise<FakeDriver> {
  const driver = new FakeDriver();
  await driver.init();
  return driver;
}

describe("FakeDriver volumes", () => {
  it("hot-plugs NBD volumes in order after the root disk and unplugs them by attachment id", async () => {
    const driver = await ready();
    const s = spec();
    await driver.spawn(s);
    const a = nbdVolume();
    const b = nbdVolume({ readOnly: true });
    expect((await driver.attachVolume(s.uuid, a)).device).toBe("/dev/vdb");
    expect((await driver.attachVolume(s.uuid, b)).device).toBe("/dev/vdc");
    // Again with the same attachment: the existing one, not a second disk.
    expect((await driver.attachVolume(s.uuid, a)).device).toBe("/dev/vdb");
    const devices = async () => (await driver.getInfo(s.uuid)).volumes.map((v) => [v.attachmentId, v.device]);
    expect(await devices()).toEqual([
      [a.attachmentId, "/dev/vdb"],
      [b.attachmentId, "/dev/vdc"],
    ]);
    await driver.detachVolume(s.uuid, a.attachmentId);
    await driver.detachVolume(s.uuid, a.attachmentId);
    expect(await devices()).toEqual([[b.attachmentId, "/dev/vdc"]]);
    // The freed letter is the next one given.
    expect((await driver.attachVolume(s.uuid, nbdVolume())).device).toBe("/dev/vdb");
  });

  it("attaches to a stopped guest (into its definition) and refuses a suspended one", async () => {
    const driver = await ready();
    const s = spec();
    await driver.spawn(s);
    await driver.powerOff(s.uuid, { timeoutS: 0 });
    const v = nbdVolume();
    expect((await driver.attachVolume(s.uuid, v)).device).toBe("/dev/vdb");
    await driver.powerOn(s.uuid);
    await driver.suspend(s.uuid);
    await expectDriverError(driver.detachVolume(s.uuid, v.attachmentId), "InvalidState");
    await expectDriverError(driver.attachVolume(s.uuid, nbdVolume()), "InvalidState");
  });

  it("spawns with volumes: the boot volume is vda, data volumes follow in the order given", async () => {
    const driver = await ready();
    const data1 = nbdVolume();
    const boot = nbdVolume({ bootIndex: 0 });
    const data2 = nbdVolume();
    const s = spec({ image: null, volumes: [data1, boot, data2] });
    await driver.spawn(s);
    const info = await driver.getInfo(s.uuid);
    expect(info.volumes.map((v) => [v.attachmentId, v.bootIndex, v.device])).toEqual([
      [boot.attachmentId, 0, "/dev/vda"],
      [data1.attachmentId, null, "/dev/vdb"],
      [data2.attachmentId, null, "/dev/vdc"],
    ]);
    // The root disk is the volume: it cannot be detached, and the local-disk operations refuse.
    await expectDriverError(driver.detachVolume(s.uuid, boot.attachmentId), "InvalidRequest");
    await expectDriverError(
      driver.snapshot(s.uuid, { kind: "path", path: "/nonexistent" }),
      "InvalidRequest",
    );
  });

  it("refuses an instance without an image and without a boot volume, and a boot volume by attach", async () => {
    const driver = await ready();
    await expectDriverError(driver.spawn(spec({ image: null, volumes: [nbdVolume()] })), "InvalidRequest");
    const s = spec();
    await driver.spawn(s);
    await expectDriverError(driver.attachVolume(s.uuid, nbdVolume({ bootIndex: 0 })), "InvalidRequest");
    const twice = nbdVolume();
    await expectDriverError(driver.spawn(spec({ volumes: [twice, twice] })), "InvalidRequest");
  });

  it("refuses a malformed NBD connection (bad secret) with InvalidRequest", async () => {
    const driver = await ready();
    const s = spec();
    await driver.spawn(s);
    const bad = nbdVolume();
    if (bad.connection.driver !== "nbd") throw new Error("expected nbd");
    bad.connection.secret = "not-hex";
    await expectDriverError(driver.attachVolume(s.uuid, bad), "InvalidRequest");
  });
});
