/**
 * The whole volume agent on the file driver (real qemu-img and
 * qemu-storage-daemon) against a tiny control plane over a real WebSocket
 * and real HTTP: a volume made from an image is exported and its bytes read
 * through NBD with the reported secret; a stopped agent leaves the export
 * serving and the next one adopts it unchanged; an upload arrives as a valid
 * qcow2; backups (of the volume and of a snapshot) restore what was written.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ExportConnection, VolumeDesired } from "@zenith/agent-protocol/volume";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VolumeAgent } from "../src/agent.ts";
import { FileVolumeDriver } from "../src/driver/file.ts";
import { GiB } from "../src/driver/types.ts";
import { nbdInfo, nbdIo } from "./nbd-client.ts";
import { haveQemu, killDaemonsUnder } from "./qemu.ts";
import { desired, volume } from "./specs.ts";
import { TinyControl } from "./tiny-control.ts";
import { waitFor } from "./wait.ts";

const execFileAsync = promisify(execFile);
const logger = createLogger("volume-agent-test", "silent");

/** qemu-io read with a pattern, on a file or through NBD: rejects or reports when the bytes differ. */
async function filePattern(path: string, format: string, pattern: string, offset: string, length: string) {
  const { stdout } = await execFileAsync("qemu-io", [
    "-r",
    "-f",
    format,
    "-c",
    `read -P ${pattern} ${offset} ${length}`,
    path,
  ]);
  return stdout;
}

function expectRead(result: { ok: boolean; stdout: string; stderr: string }): void {
  expect(result.ok, `${result.stdout}${result.stderr}`).toBe(true);
  expect(result.stdout).toMatch(/read (\d+)\/\1 bytes/);
  expect(result.stdout).not.toMatch(/verification failed/i);
}

describe.skipIf(!haveQemu)(
  "volume agent on the file driver (skipped where qemu-img, qemu-io or qemu-storage-daemon is not installed)",
  () => {
    const control = new TinyControl();
    let work: string;
    let storage: string;
    let agent: VolumeAgent | undefined;
    const [volumeId, snapshotId, restoredId] = [randomUUID(), randomUUID(), randomUUID()];
    const [imageId, uploadId, backupId, snapBackupId] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const [attachmentId, restoredAttachment] = [randomUUID(), randomUUID()];
    let connection: ExportConnection;

    /** The volume made from the image, exported to `attachmentId`; `generation` 2 adds a snapshot. */
    const base = (generation = 1): VolumeDesired =>
      desired({
        volumes: [
          volume(volumeId, {
            source: { kind: "image", imageId, diskFormat: "qcow2" },
            snapshots: generation > 1 ? [snapshotId] : [],
            generation,
          }),
        ],
        exports: [{ attachmentId, volumeId, readOnly: false, attachedHost: "compute1" }],
      });

    const newAgent = () =>
      new VolumeAgent({
        host: "vol1",
        controlUrl: control.url,
        token: async () => control.token,
        stateDir: join(work, "data", "volume", "vol1"),
        transferDir: join(storage, "transfers"),
        driver: new FileVolumeDriver({ storageDir: storage, logger }),
        driverKind: "file",
        availabilityZone: "az1",
        exportAddress: "127.0.0.1",
        logger,
        resyncMs: 3_600_000,
        backoff: { initialMs: 20, maxMs: 200 },
      });

    const applied = () => control.lastApplied();

    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), "zenith-vol-agent-"));
      storage = join(work, "storage");
      // A 64 MiB qcow2 image whose first MiB is 0x5a.
      const image = join(work, "image.qcow2");
      await execFileAsync("qemu-img", ["create", "-q", "-f", "qcow2", image, "64M"]);
      await execFileAsync("qemu-io", ["-f", "qcow2", "-c", "write -P 0x5a 0 1M", image]);
      control.images.set(imageId, image);
      await control.start();
    });
    afterAll(async () => {
      await agent?.stop();
      if (storage !== undefined) await killDaemonsUnder(storage);
      await control.cleanup();
      if (work !== undefined) await rm(work, { recursive: true, force: true });
    });

    it("hello, then a volume from an image, exported: the report's connection reads the image's bytes with its secret only", async () => {
      control.desired = base();
      agent = newAgent();
      await agent.start();
      await waitFor("the hello", () => control.of("hello").length === 1);
      expect(control.of("hello")[0]).toMatchObject({
        host: "vol1",
        driver: "file",
        availabilityZone: "az1",
        exportAddress: "127.0.0.1",
        applied: { volumes: [], exports: [], errors: [] },
      });
      await waitFor(
        "the export reported",
        () => applied()?.exports.some((e) => e.attachmentId === attachmentId) === true,
      );
      const state = applied();
      expect(state?.errors).toEqual([]);
      expect(state?.volumes).toEqual([{ id: volumeId, generation: 1, sizeBytes: GiB, snapshots: [] }]);
      const reported = state?.exports.find((e) => e.attachmentId === attachmentId);
      if (reported === undefined) throw new Error("no export");
      connection = reported;
      expect(connection).toMatchObject({ volumeId, readOnly: false, host: "127.0.0.1" });

      expectRead(await nbdIo(connection, ["read -P 0x5a 0 1M", "read -P 0 1M 1M"]));
      expect((await nbdIo(connection, ["write -P 0x77 2M 64k"])).ok).toBe(true);
      expect(
        (await nbdInfo(connection, { tlsUsername: connection.tlsUsername, secret: "0".repeat(64) })).ok,
      ).toBe(false);
      expect(control.invalid).toEqual([]);
    });

    it("a stopped agent leaves the export serving; the next one adopts it with the same port and secret and recreates nothing", async () => {
      await agent?.stop();
      expectRead(await nbdIo(connection, ["read -P 0x77 2M 64k"]));

      agent = newAgent();
      await agent.start();
      await waitFor("the second hello", () => control.of("hello").length === 2);
      const hello = control.of("hello")[1];
      expect(hello?.applied.exports).toEqual([connection]);
      expect(hello?.applied.volumes).toEqual([
        { id: volumeId, generation: 1, sizeBytes: GiB, snapshots: [] },
      ]);
      // Once the desired state is applied again (the upload below proves it), the data is the same.
      control.setDesired({ ...base(), uploads: [{ imageId: uploadId, volumeId, diskFormat: "qcow2" }] });
      await waitFor(
        "the upload reported",
        () => applied()?.uploads.some((u) => u.imageId === uploadId) === true,
      );
      expect(applied()?.exports).toEqual([connection]);
      expectRead(await nbdIo(connection, ["read -P 0x5a 0 1M", "read -P 0x77 2M 64k"]));
    });

    it("an upload arrives as a valid qcow2 of the volume", async () => {
      expect(applied()?.uploads).toEqual([{ imageId: uploadId, ok: true }]);
      const file = control.stored.get(`images/${uploadId}`);
      if (file === undefined) throw new Error("nothing uploaded");
      const { stdout } = await execFileAsync("qemu-img", ["info", "--output=json", file]);
      expect(JSON.parse(stdout)).toMatchObject({ format: "qcow2", "virtual-size": GiB });
      await filePattern(file, "qcow2", "0x5a", "0", "1M");
      await filePattern(file, "qcow2", "0x77", "2M", "64k");
    });

    it("backs up the volume and a snapshot of it; a volume restored from the backup holds the data", async () => {
      const withSnapshot = base(2);
      control.setDesired(withSnapshot);
      await waitFor("the snapshot", () => applied()?.volumes[0]?.snapshots.includes(snapshotId) === true);
      // After the snapshot: the volume has 0x99 where the snapshot keeps 0x77.
      expect((await nbdIo(connection, ["write -P 0x99 2M 64k"])).ok).toBe(true);

      control.setDesired({
        ...withSnapshot,
        backups: [
          { backupId, volumeId, snapshotId: null },
          { backupId: snapBackupId, volumeId, snapshotId },
        ],
      });
      await waitFor("both backups reported", () => applied()?.backups.length === 2);
      const full = control.stored.get(`backups/${backupId}`);
      const ofSnap = control.stored.get(`backups/${snapBackupId}`);
      if (full === undefined || ofSnap === undefined) throw new Error("backups not stored");
      expect(applied()?.backups).toEqual(
        expect.arrayContaining([
          { backupId, ok: true, sizeBytes: (await stat(full)).size },
          { backupId: snapBackupId, ok: true, sizeBytes: (await stat(ofSnap)).size },
        ]),
      );
      await filePattern(full, "qcow2", "0x99", "2M", "64k");
      await filePattern(ofSnap, "qcow2", "0x77", "2M", "64k");
      // The snapshot was read through a temporary volume, which is gone.
      expect(applied()?.volumes.map((v) => v.id)).toEqual([volumeId]);

      control.setDesired({
        ...withSnapshot,
        volumes: [...withSnapshot.volumes, volume(restoredId, { source: { kind: "backup", backupId } })],
        exports: [
          ...withSnapshot.exports,
          {
            attachmentId: restoredAttachment,
            volumeId: restoredId,
            readOnly: true,
            attachedHost: "compute1",
          },
        ],
      });
      await waitFor(
        "the restored volume exported",
        () => applied()?.exports.some((e) => e.attachmentId === restoredAttachment) === true,
      );
      const restored = applied()?.exports.find((e) => e.attachmentId === restoredAttachment);
      if (restored === undefined) throw new Error("no export");
      expectRead(await nbdIo(restored, ["read -P 0x5a 0 1M", "read -P 0x99 2M 64k"], { readOnly: true }));
      expect(applied()?.errors).toEqual([]);
      expect(control.invalid).toEqual([]);
    });
  },
);
