/**
 * The file driver on real qemu-img and qemu-storage-daemon in a temp
 * folder: the shared behavioural suite, then what only real storage shows
 * (files checked with qemu-img, bytes through NBD with and without the
 * secret, processes, restarts, kill -9).
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileVolumeDriver } from "../src/driver/file.ts";
import { GiB } from "../src/driver/types.ts";
import { expectDriverError, volumeDriverSuite } from "./driver-suite.ts";
import { nbdInfo, nbdIo } from "./nbd-client.ts";
import { alive, haveQemu, killDaemonsUnder, waitGone } from "./qemu.ts";

const execFileAsync = promisify(execFile);
const logger = createLogger("volume-agent-test", "silent");

/** A qemu-io read with `-P` succeeded: connected, read everything, pattern matched (qemu-io exits 1 otherwise). */
function expectPatternRead(result: { ok: boolean; stdout: string; stderr: string }): void {
  expect(result.ok, `${result.stdout}${result.stderr}`).toBe(true);
  expect(result.stdout).toMatch(/read (\d+)\/\1 bytes/);
  expect(result.stdout).not.toMatch(/verification failed/i);
}

/** Reads `pattern` from a volume file directly (rejects when the bytes differ). */
async function fileHasPattern(path: string, format: string, pattern: string, length: string): Promise<void> {
  const { stdout } = await execFileAsync("qemu-io", [
    "-r",
    "-f",
    format,
    "-c",
    `read -P ${pattern} 0 ${length}`,
    path,
  ]);
  expect(stdout).toMatch(/read (\d+)\/\1 bytes/);
}

async function fileInfo(
  path: string,
): Promise<{ "virtual-size": number; format: string; snapshots?: unknown[] }> {
  const { stdout } = await execFileAsync("qemu-img", ["info", "--output=json", "-U", path]);
  return JSON.parse(stdout);
}

async function makeStorage(): Promise<{
  dir: string;
  newDriver: () => FileVolumeDriver;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), "zenith-vol-"));
  return {
    dir,
    newDriver: () => new FileVolumeDriver({ storageDir: dir, logger }),
    cleanup: async () => {
      await killDaemonsUnder(dir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe.skipIf(!haveQemu)(
  "file volume driver (skipped where qemu-img, qemu-io or qemu-storage-daemon is not installed)",
  () => {
    volumeDriverSuite("file", makeStorage);

    describe("on real files and NBD", () => {
      let storage: Awaited<ReturnType<typeof makeStorage>>;
      let driver: FileVolumeDriver;
      const volumePath = (id: string, format = "qcow2") => join(storage.dir, "volumes", `${id}.${format}`);
      const exportDir = (attachmentId: string) => join(storage.dir, "exports", attachmentId);
      const pidOf = async (attachmentId: string) =>
        Number.parseInt(await readFile(join(exportDir(attachmentId), "pid"), "utf8"), 10);

      beforeAll(async () => {
        storage = await makeStorage();
        driver = storage.newDriver();
        await driver.init();
      });
      afterAll(async () => {
        await storage?.cleanup();
      });

      it("makes, grows, snapshots, clones and deletes files qemu-img agrees with", async () => {
        const volumeId = randomUUID();
        await driver.createVolume({ volumeId, sizeGib: 1 });
        expect(await fileInfo(volumePath(volumeId))).toMatchObject({ format: "qcow2", "virtual-size": GiB });
        await driver.extendVolume({ volumeId, newSizeGib: 2 });
        expect((await fileInfo(volumePath(volumeId)))["virtual-size"]).toBe(2 * GiB);
        const snapshotId = randomUUID();
        await driver.createSnapshot({ volumeId, snapshotId });
        expect((await fileInfo(volumePath(volumeId))).snapshots).toHaveLength(1);

        const raw = randomUUID();
        await driver.createVolume({
          volumeId: raw,
          sizeGib: 3,
          format: "raw",
          source: { kind: "snapshot", volumeId, snapshotId },
        });
        expect(await fileInfo(volumePath(raw, "raw"))).toMatchObject({
          format: "raw",
          "virtual-size": 3 * GiB,
        });
        const clone = randomUUID();
        await driver.createVolume({ volumeId: clone, sizeGib: 2, source: { kind: "volume", volumeId } });
        expect(await fileInfo(volumePath(clone))).toMatchObject({ "virtual-size": 2 * GiB });
        expect((await fileInfo(volumePath(clone))).snapshots ?? []).toEqual([]);

        await driver.deleteSnapshot({ volumeId, snapshotId });
        expect((await fileInfo(volumePath(volumeId))).snapshots ?? []).toEqual([]);
        for (const id of [volumeId, clone]) await driver.deleteVolume(id);
        await driver.deleteVolume(raw);
        expect(await readdir(join(storage.dir, "volumes"))).toEqual([]);
      });

      it("reports a volume's allocation growing after a write, from the file's blocks", async () => {
        const volumeId = randomUUID();
        await driver.createVolume({ volumeId, sizeGib: 1 });
        const allocated = async () => (await driver.usage()).volumes.find((v) => v.id === volumeId);
        const before = (await allocated())?.allocatedBytes ?? Number.NaN;
        await execFileAsync("qemu-io", ["-f", "qcow2", "-c", "write -P 0x5a 0 8M", volumePath(volumeId)]);
        const after = (await allocated())?.allocatedBytes ?? Number.NaN;
        expect(after - before).toBeGreaterThanOrEqual(8 * 1024 * 1024);
        // What qemu-img says the file takes, within a cluster's metadata.
        const actual = JSON.parse(
          (await execFileAsync("qemu-img", ["info", "--output=json", "-U", volumePath(volumeId)])).stdout,
        )["actual-size"];
        expect(after).toBe(actual);
        await driver.deleteVolume(volumeId);
      });

      it("refuses image files that are not what they claim or point at other files", async () => {
        const scratch = await mkdtemp(join(tmpdir(), "zenith-vol-img-"));
        try {
          const notQcow = join(scratch, "plain.bin");
          await writeFile(notQcow, Buffer.alloc(65536));
          await expectDriverError(
            driver.createVolume({
              volumeId: randomUUID(),
              sizeGib: 1,
              source: { kind: "image", path: notQcow, format: "qcow2" },
            }),
            "InvalidRequest",
          );
          const base = join(scratch, "base.raw");
          await writeFile(base, Buffer.alloc(65536));
          const overlay = join(scratch, "overlay.qcow2");
          await execFileAsync("qemu-img", ["create", "-q", "-f", "qcow2", "-b", base, "-F", "raw", overlay]);
          await expectDriverError(
            driver.createVolume({
              volumeId: randomUUID(),
              sizeGib: 1,
              source: { kind: "image", path: overlay, format: "qcow2" },
            }),
            "InvalidRequest",
          );
          const big = join(scratch, "big.qcow2");
          await execFileAsync("qemu-img", ["create", "-q", "-f", "qcow2", big, String(2 * GiB)]);
          await expectDriverError(
            driver.createVolume({
              volumeId: randomUUID(),
              sizeGib: 1,
              source: { kind: "image", path: big, format: "qcow2" },
            }),
            "InvalidRequest",
          );
          expect(await readdir(join(storage.dir, "volumes"))).toEqual([]);
        } finally {
          await rm(scratch, { recursive: true, force: true });
        }
      });

      it("serves an export over NBD only to its secret, and data written lands in the file", async () => {
        const [a, b] = [randomUUID(), randomUUID()];
        await driver.createVolume({ volumeId: a, sizeGib: 1 });
        await driver.createVolume({ volumeId: b, sizeGib: 1, format: "raw" });
        const ea = await driver.export(a, { attachmentId: randomUUID() });
        const eb = await driver.export(b, { attachmentId: randomUUID() });

        // Private files: folder 0700, key 0600.
        expect((await stat(exportDir(ea.attachmentId))).mode & 0o777).toBe(0o700);
        expect((await stat(join(exportDir(ea.attachmentId), "keys.psk"))).mode & 0o777).toBe(0o600);

        expect((await nbdInfo(ea)).size).toBe(GiB);
        const written = await nbdIo(ea, ["write -P 0xab 0 64k"]);
        expect(written.ok, written.stderr).toBe(true);
        expectPatternRead(await nbdIo(ea, ["read -P 0xab 0 64k"]));

        // A wrong secret, another export's secret, another export's whole credentials: refused.
        const wrong = await nbdInfo(ea, { tlsUsername: ea.tlsUsername, secret: "0".repeat(64) });
        expect(wrong.ok).toBe(false);
        expect((await nbdInfo(ea, { tlsUsername: ea.tlsUsername, secret: eb.secret })).ok).toBe(false);
        expect((await nbdInfo(ea, { tlsUsername: eb.tlsUsername, secret: eb.secret })).ok).toBe(false);
        expect((await nbdInfo(eb)).ok).toBe(true);

        await driver.unexport(ea.attachmentId);
        await driver.unexport(eb.attachmentId);
        await fileHasPattern(volumePath(a), "qcow2", "0xab", "64k");
        for (const id of [a, b]) await driver.deleteVolume(id);
      });

      it("a read-only export serves reads and refuses writes", async () => {
        const volumeId = randomUUID();
        await driver.createVolume({ volumeId, sizeGib: 1 });
        const exp = await driver.export(volumeId, { attachmentId: randomUUID(), readOnly: true });
        expectPatternRead(await nbdIo(exp, ["read -P 0 0 64k"], { readOnly: true }));
        const write = await nbdIo(exp, ["write -P 0x22 0 4k"]);
        expect(`${write.stdout}${write.stderr}`).toMatch(/read-only|permission denied|not permitted/i);
        await driver.unexport(exp.attachmentId);
        await fileHasPattern(volumePath(volumeId), "qcow2", "0", "4k");
        await driver.deleteVolume(volumeId);
      });

      it("unexport stops the daemon and removes every file of the export", async () => {
        const volumeId = randomUUID();
        await driver.createVolume({ volumeId, sizeGib: 1 });
        const exp = await driver.export(volumeId, { attachmentId: randomUUID() });
        const pid = await pidOf(exp.attachmentId);
        expect(await alive(pid)).toBe(true);
        await driver.unexport(exp.attachmentId);
        expect(await alive(pid)).toBe(false);
        await expect(stat(exportDir(exp.attachmentId))).rejects.toThrow(/ENOENT/);
        expect((await nbdInfo(exp)).ok).toBe(false);
        await driver.deleteVolume(volumeId);
      });

      it("a live extend reaches NBD clients with the same address and secret", async () => {
        const volumeId = randomUUID();
        await driver.createVolume({ volumeId, sizeGib: 1 });
        const exp = await driver.export(volumeId, { attachmentId: randomUUID() });
        expect((await nbdIo(exp, ["write -P 0xcd 0 4k"])).ok).toBe(true);
        const pid = await pidOf(exp.attachmentId);
        await driver.extendVolume({ volumeId, newSizeGib: 2 });
        expect(await pidOf(exp.attachmentId)).toBe(pid);
        expect((await nbdInfo(exp)).size).toBe(2 * GiB);
        expectPatternRead(await nbdIo(exp, ["read -P 0xcd 0 4k"]));
        await driver.unexport(exp.attachmentId);
        expect((await fileInfo(volumePath(volumeId)))["virtual-size"]).toBe(2 * GiB);
        await driver.deleteVolume(volumeId);
      });

      it("a snapshot taken while exported holds what the client wrote before it, not after", async () => {
        const volumeId = randomUUID();
        await driver.createVolume({ volumeId, sizeGib: 1 });
        const exp = await driver.export(volumeId, { attachmentId: randomUUID() });
        expect((await nbdIo(exp, ["write -P 0xab 0 64k"])).ok).toBe(true);
        const snapshotId = randomUUID();
        await driver.createSnapshot({ volumeId, snapshotId });
        expect((await nbdIo(exp, ["write -P 0xef 0 64k"])).ok).toBe(true);
        const fromSnap = randomUUID();
        await driver.createVolume({
          volumeId: fromSnap,
          sizeGib: 1,
          format: "raw",
          source: { kind: "snapshot", volumeId, snapshotId },
        });
        await fileHasPattern(volumePath(fromSnap, "raw"), "raw", "0xab", "64k");
        const clone = randomUUID();
        await driver.createVolume({ volumeId: clone, sizeGib: 1, source: { kind: "volume", volumeId } });
        await fileHasPattern(volumePath(clone), "qcow2", "0xef", "64k");
        const image = join(storage.dir, "upload.qcow2");
        await driver.copyToImage({ volumeId, path: image, format: "qcow2" });
        await fileHasPattern(image, "qcow2", "0xef", "64k");
        await rm(image);
        await driver.unexport(exp.attachmentId);
        for (const id of [volumeId, fromSnap, clone]) await driver.deleteVolume(id);
      });

      it("a restarted agent removes what a dying one left half done", async () => {
        const volumeId = randomUUID();
        await driver.createVolume({ volumeId, sizeGib: 1 });
        await driver.close();
        const part = join(storage.dir, "volumes", `.${randomUUID()}.abcd1234.part`);
        await writeFile(part, "half a copy");
        const aside = join(storage.dir, "exports", `.${randomUUID()}.abcd1234`);
        await mkdir(aside);
        await execFileAsync("qemu-img", ["snapshot", "-c", "zenith-tmp-leftover", volumePath(volumeId)]);
        driver = storage.newDriver();
        await driver.init();
        await expect(stat(part)).rejects.toThrow(/ENOENT/);
        await expect(stat(aside)).rejects.toThrow(/ENOENT/);
        expect((await fileInfo(volumePath(volumeId))).snapshots ?? []).toEqual([]);
        expect((await driver.getVolume(volumeId)).sizeBytes).toBe(GiB);
        await driver.deleteVolume(volumeId);
      });

      it("a restarted agent adopts a live daemon and restarts a killed one", async () => {
        const [live, killed] = [randomUUID(), randomUUID()];
        await driver.createVolume({ volumeId: live, sizeGib: 1 });
        await driver.createVolume({ volumeId: killed, sizeGib: 1 });
        const eLive = await driver.export(live, { attachmentId: randomUUID() });
        const eKilled = await driver.export(killed, { attachmentId: randomUUID() });
        expect((await nbdIo(eKilled, ["write -P 0x11 0 4k"])).ok).toBe(true);
        const livePid = await pidOf(eLive.attachmentId);
        const killedPid = await pidOf(eKilled.attachmentId);

        await driver.close();
        process.kill(killedPid, "SIGKILL");
        await waitGone(killedPid);

        driver = storage.newDriver();
        await driver.init();
        expect(await pidOf(eLive.attachmentId)).toBe(livePid);
        const restartedPid = await pidOf(eKilled.attachmentId);
        expect(restartedPid).not.toBe(killedPid);
        expect(await alive(restartedPid)).toBe(true);
        const exports = await driver.listExports();
        expect(exports).toContainEqual(eLive);
        expect(exports).toContainEqual(eKilled);
        expect((await nbdInfo(eLive)).ok).toBe(true);
        expectPatternRead(await nbdIo(eKilled, ["read -P 0x11 0 4k"]));

        // A pid file naming some other live process is not adopted.
        await driver.unexport(eLive.attachmentId);
        const eOther = await driver.export(live, { attachmentId: randomUUID() });
        const otherPid = await pidOf(eOther.attachmentId);
        await driver.close();
        process.kill(otherPid, "SIGKILL");
        await waitGone(otherPid);
        await writeFile(join(exportDir(eOther.attachmentId), "pid"), String(process.pid));
        driver = storage.newDriver();
        await driver.init();
        const fresh = await pidOf(eOther.attachmentId);
        expect(fresh).not.toBe(process.pid);
        expect(await alive(fresh)).toBe(true);
        expect((await nbdInfo(eOther)).ok).toBe(true);

        for (const e of [eOther, eKilled]) await driver.unexport(e.attachmentId);
        for (const id of [live, killed]) await driver.deleteVolume(id);
      });
    });
  },
);
