/**
 * The one behavioural suite every `VolumeDriver` passes: the fake always,
 * the file driver wherever qemu-img and qemu-storage-daemon are installed.
 * It uses the public interface only; what only a real driver can show (bytes
 * over NBD, processes, files) is in the file driver's own tests.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  exportInfoSchema,
  GiB,
  isVolumeDriverError,
  storageCapacitySchema,
  storageUsageSchema,
  type VolumeDriver,
  type VolumeDriverErrorCode,
  volumeInfoSchema,
} from "../src/driver/types.ts";

export interface SuiteTarget {
  /** A new driver instance on the same host (same storage): calling it twice is an agent restart. */
  newDriver(): VolumeDriver;
  /** Removes whatever the suite left (processes, folders). */
  cleanup(): Promise<void>;
}

/** Settles `promise` and checks it rejected with a `VolumeDriverError` of `code`. */
export async function expectDriverError(
  promise: Promise<unknown>,
  code: VolumeDriverErrorCode,
): Promise<void> {
  const outcome = await promise.then(
    () => "resolved",
    (err: unknown) => (isVolumeDriverError(err) ? err.code : err),
  );
  expect(outcome).toBe(code);
}

export function volumeDriverSuite(name: string, makeTarget: () => Promise<SuiteTarget>): void {
  describe(`${name}: VolumeDriver behaviour`, () => {
    let target: SuiteTarget;
    let driver: VolumeDriver;
    let scratch: string;

    beforeAll(async () => {
      target = await makeTarget();
      driver = target.newDriver();
      await driver.init();
      scratch = await mkdtemp(join(tmpdir(), "zenith-vsuite-"));
    });
    afterAll(async () => {
      await target?.cleanup();
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });

    it("refuses calls before init", async () => {
      await expectDriverError(target.newDriver().listVolumes(), "InvalidState");
    });

    it("creates an empty qcow2 volume of the size asked, once", async () => {
      const volumeId = randomUUID();
      const vol = await driver.createVolume({ volumeId, sizeGib: 1 });
      expect(volumeInfoSchema.parse(vol)).toMatchObject({
        id: volumeId,
        format: "qcow2",
        sizeBytes: GiB,
        snapshots: [],
      });
      expect((await driver.listVolumes()).map((v) => v.id)).toContain(volumeId);
      expect((await driver.getVolume(volumeId)).sizeBytes).toBe(GiB);
      await expectDriverError(driver.createVolume({ volumeId, sizeGib: 2 }), "AlreadyExists");
      expect((await driver.getVolume(volumeId)).sizeBytes).toBe(GiB);
    });

    it("refuses ids that are not UUIDs and sizes out of bounds", async () => {
      await expectDriverError(
        driver.createVolume({ volumeId: "../etc/passwd", sizeGib: 1 }),
        "InvalidRequest",
      );
      await expectDriverError(driver.createVolume({ volumeId: randomUUID(), sizeGib: 0 }), "InvalidRequest");
      await expectDriverError(driver.getVolume("x"), "InvalidRequest");
      await expectDriverError(driver.getVolume(randomUUID()), "NotFound");
    });

    it("extends, accepts the same size, refuses to shrink", async () => {
      const volumeId = randomUUID();
      await driver.createVolume({ volumeId, sizeGib: 1 });
      expect((await driver.extendVolume({ volumeId, newSizeGib: 3 })).sizeBytes).toBe(3 * GiB);
      expect((await driver.extendVolume({ volumeId, newSizeGib: 3 })).sizeBytes).toBe(3 * GiB);
      await expectDriverError(driver.extendVolume({ volumeId, newSizeGib: 2 }), "InvalidRequest");
      await expectDriverError(driver.extendVolume({ volumeId: randomUUID(), newSizeGib: 2 }), "NotFound");
    });

    it("keeps snapshots at the size they were taken and makes volumes from them", async () => {
      const volumeId = randomUUID();
      const snapshotId = randomUUID();
      await driver.createVolume({ volumeId, sizeGib: 1 });
      const snap = await driver.createSnapshot({ volumeId, snapshotId });
      expect(snap).toMatchObject({ id: snapshotId, volumeId, sizeBytes: GiB });
      await expectDriverError(driver.createSnapshot({ volumeId, snapshotId }), "AlreadyExists");
      await driver.extendVolume({ volumeId, newSizeGib: 2 });
      const later = randomUUID();
      await driver.createSnapshot({ volumeId, snapshotId: later });
      const listed = await driver.getVolume(volumeId);
      expect(listed.snapshots.map((s) => [s.id, s.sizeBytes])).toEqual([
        [snapshotId, GiB],
        [later, 2 * GiB],
      ]);

      const fromSnap = randomUUID();
      const made = await driver.createVolume({
        volumeId: fromSnap,
        sizeGib: 1,
        source: { kind: "snapshot", volumeId, snapshotId },
      });
      expect(made).toMatchObject({ sizeBytes: GiB, snapshots: [] });
      const bigger = await driver.createVolume({
        volumeId: randomUUID(),
        sizeGib: 4,
        format: "raw",
        source: { kind: "snapshot", volumeId, snapshotId },
      });
      expect(bigger).toMatchObject({ sizeBytes: 4 * GiB, format: "raw" });
      await expectDriverError(
        driver.createVolume({
          volumeId: randomUUID(),
          sizeGib: 1,
          source: { kind: "snapshot", volumeId, snapshotId: later },
        }),
        "InvalidRequest",
      );
      await expectDriverError(
        driver.createVolume({
          volumeId: randomUUID(),
          sizeGib: 1,
          source: { kind: "snapshot", volumeId, snapshotId: randomUUID() },
        }),
        "NotFound",
      );

      await driver.deleteSnapshot({ volumeId, snapshotId });
      await driver.deleteSnapshot({ volumeId, snapshotId });
      await driver.deleteSnapshot({ volumeId: randomUUID(), snapshotId });
      expect((await driver.getVolume(volumeId)).snapshots.map((s) => s.id)).toEqual([later]);
      // The volume made from the deleted snapshot stands alone.
      expect((await driver.getVolume(fromSnap)).sizeBytes).toBe(GiB);
    });

    it("has no snapshots of raw volumes", async () => {
      const volumeId = randomUUID();
      await driver.createVolume({ volumeId, sizeGib: 1, format: "raw" });
      await expectDriverError(
        driver.createSnapshot({ volumeId, snapshotId: randomUUID() }),
        "InvalidRequest",
      );
      expect(driver.capabilities.snapshotFormats).not.toContain("raw");
    });

    it("clones a volume at least as big as its source", async () => {
      const source = randomUUID();
      await driver.createVolume({ volumeId: source, sizeGib: 2 });
      const clone = randomUUID();
      expect(
        await driver.createVolume({
          volumeId: clone,
          sizeGib: 3,
          source: { kind: "volume", volumeId: source },
        }),
      ).toMatchObject({ sizeBytes: 3 * GiB });
      await expectDriverError(
        driver.createVolume({
          volumeId: randomUUID(),
          sizeGib: 1,
          source: { kind: "volume", volumeId: source },
        }),
        "InvalidRequest",
      );
      await expectDriverError(
        driver.createVolume({
          volumeId: randomUUID(),
          sizeGib: 1,
          source: { kind: "volume", volumeId: randomUUID() },
        }),
        "NotFound",
      );
    });

    it("makes a volume from a raw image file and copies a volume to an image", async () => {
      const image = join(scratch, `${randomUUID()}.raw`);
      await writeFile(image, Buffer.alloc(1024 * 1024, 0x5a));
      const volumeId = randomUUID();
      const vol = await driver.createVolume({
        volumeId,
        sizeGib: 1,
        source: { kind: "image", path: image, format: "raw" },
      });
      expect(vol.sizeBytes).toBe(GiB);
      await expectDriverError(
        driver.createVolume({
          volumeId: randomUUID(),
          sizeGib: 1,
          source: { kind: "image", path: join(scratch, "missing"), format: "raw" },
        }),
        "InvalidRequest",
      );
      const out = join(scratch, `${randomUUID()}.qcow2`);
      const copied = await driver.copyToImage({ volumeId, path: out, format: "qcow2" });
      expect(copied).toMatchObject({ format: "qcow2", virtualSizeBytes: GiB });
      expect(copied.sizeBytes).toBeGreaterThan(0);
    });

    it("deletes volumes (gone is success) and reports capacity", async () => {
      const volumeId = randomUUID();
      const before = storageCapacitySchema.parse(await driver.capacity());
      await driver.createVolume({ volumeId, sizeGib: 2 });
      const during = await driver.capacity();
      expect(during.provisionedBytes - before.provisionedBytes).toBe(2 * GiB);
      expect(during.totalBytes).toBeGreaterThan(0);
      await driver.deleteVolume(volumeId);
      await driver.deleteVolume(volumeId);
      await expectDriverError(driver.getVolume(volumeId), "NotFound");
      expect((await driver.capacity()).provisionedBytes).toBe(before.provisionedBytes);
    });

    it("reports usage: every volume with what it takes, the file system's size and use", async () => {
      const volumeId = randomUUID();
      await driver.createVolume({ volumeId, sizeGib: 1 });
      const usage = storageUsageSchema.parse(await driver.usage());
      expect(usage.totalBytes).toBeGreaterThan(0);
      expect(usage.usedBytes).toBeLessThanOrEqual(usage.totalBytes);
      const listed = usage.volumes.find((v) => v.id === volumeId);
      // Thin: an empty volume takes far less than its size.
      expect(listed?.allocatedBytes).toBeLessThan(GiB);
      await driver.deleteVolume(volumeId);
      expect((await driver.usage()).volumes.map((v) => v.id)).not.toContain(volumeId);
    });

    describe("exports", () => {
      it("exports one attachment with a secret, idempotently, and refuses a second attachment", async () => {
        const volumeId = randomUUID();
        const attachmentId = randomUUID();
        await driver.createVolume({ volumeId, sizeGib: 1 });
        const exp = exportInfoSchema.parse(await driver.export(volumeId, { attachmentId }));
        expect(exp).toMatchObject({ volumeId, attachmentId, readOnly: false });
        expect(await driver.export(volumeId, { attachmentId })).toEqual(exp);
        await expectDriverError(driver.export(volumeId, { attachmentId: randomUUID() }), "InvalidState");
        await expectDriverError(driver.export(randomUUID(), { attachmentId: randomUUID() }), "NotFound");
        expect(await driver.listExports()).toContainEqual(exp);
        await expectDriverError(driver.deleteVolume(volumeId), "InvalidState");

        await driver.unexport(attachmentId);
        await driver.unexport(attachmentId);
        expect((await driver.listExports()).map((e) => e.attachmentId)).not.toContain(attachmentId);
        await driver.deleteVolume(volumeId);
      });

      it("gives every export its own secret", async () => {
        const [a, b] = [randomUUID(), randomUUID()];
        await driver.createVolume({ volumeId: a, sizeGib: 1 });
        await driver.createVolume({ volumeId: b, sizeGib: 1 });
        const ea = await driver.export(a, { attachmentId: randomUUID() });
        const eb = await driver.export(b, { attachmentId: randomUUID(), readOnly: true });
        expect(ea.secret).not.toBe(eb.secret);
        expect(ea.tlsUsername).not.toBe(eb.tlsUsername);
        expect(eb.readOnly).toBe(true);
        await driver.unexport(ea.attachmentId);
        await driver.unexport(eb.attachmentId);
      });

      it("extends, snapshots and clones a volume while it is exported", async () => {
        const volumeId = randomUUID();
        const attachmentId = randomUUID();
        await driver.createVolume({ volumeId, sizeGib: 1 });
        const exp = await driver.export(volumeId, { attachmentId });
        expect((await driver.extendVolume({ volumeId, newSizeGib: 2 })).sizeBytes).toBe(2 * GiB);
        const snapshotId = randomUUID();
        expect((await driver.createSnapshot({ volumeId, snapshotId })).sizeBytes).toBe(2 * GiB);
        const fromSnap = await driver.createVolume({
          volumeId: randomUUID(),
          sizeGib: 2,
          source: { kind: "snapshot", volumeId, snapshotId },
        });
        expect(fromSnap.sizeBytes).toBe(2 * GiB);
        const clone = await driver.createVolume({
          volumeId: randomUUID(),
          sizeGib: 2,
          source: { kind: "volume", volumeId },
        });
        expect(clone.sizeBytes).toBe(2 * GiB);
        await driver.deleteSnapshot({ volumeId, snapshotId });
        // The driver's own temporary snapshots never show.
        expect((await driver.getVolume(volumeId)).snapshots).toEqual([]);
        // Same address and secret after a live extend.
        expect(await driver.export(volumeId, { attachmentId })).toEqual(exp);
        await driver.unexport(attachmentId);
      });

      it("refuses a consistent copy of an exported raw volume", async () => {
        const volumeId = randomUUID();
        const attachmentId = randomUUID();
        await driver.createVolume({ volumeId, sizeGib: 1, format: "raw" });
        await driver.export(volumeId, { attachmentId });
        await expectDriverError(
          driver.createVolume({ volumeId: randomUUID(), sizeGib: 1, source: { kind: "volume", volumeId } }),
          "InvalidState",
        );
        await driver.unexport(attachmentId);
      });

      it("keeps exports across an agent restart", async () => {
        const volumeId = randomUUID();
        const attachmentId = randomUUID();
        await driver.createVolume({ volumeId, sizeGib: 1 });
        const exp = await driver.export(volumeId, { attachmentId });
        await driver.close();
        driver = target.newDriver();
        await driver.init();
        expect(await driver.listExports()).toContainEqual(exp);
        expect((await driver.listVolumes()).map((v) => v.id)).toContain(volumeId);
        expect(await driver.export(volumeId, { attachmentId })).toEqual(exp);
        await driver.unexport(attachmentId);
        expect(await driver.listExports()).not.toContainEqual(exp);
      });
    });
  });
}
