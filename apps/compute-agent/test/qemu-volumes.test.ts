/**
 * Volumes on real QEMU: a zenith-tiny guest of the qemu driver attaches
 * real NBD exports of the volume agent's file driver (qemu-storage-daemon,
 * TLS-PSK), as a compute host and a volume host do. Hot-plug seen by the
 * guest (sysfs size and serial, bytes both ways), unplug, boot from a
 * volume holding the zenith-tiny root disk, and an export daemon killed and
 * restarted under a guest that keeps its disk.
 *
 * Without the QEMU tools the file is skipped, saying so; with
 * ZENITH_REQUIRE_QEMU=1 (CI) a missing tool fails it instead.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@zenith/core/logger";
import { FileVolumeDriver } from "@zenith/volume-agent/file";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QemuDriver } from "../src/driver/qemu/driver.ts";
import { keysDir, volumeIds } from "../src/driver/qemu/volumes.ts";
import type { FlavorInput, SpawnSpec, VolumeConnectionInput } from "../src/driver/types.ts";
import { consoleShows, runInGuest } from "./qemu/guest-shell.ts";
import { ensureTinyImage, type TinyImage, tinyImageSource } from "./qemu/tiny-image.ts";
import { waitFor } from "./wait.ts";

const TIMEOUT_MS = 150_000;
const BOOT_MS = 60_000;
const logger = createLogger("qemu-volumes-test", process.env.TEST_LOG_LEVEL ?? "silent");
const flavor: FlavorInput = { vcpus: 1, memoryMb: 128, rootGb: 1 };

function installed(binary: string): boolean {
  try {
    execFileSync("which", [binary], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const tools = ["qemu-system-x86_64", "qemu-img", "qemu-io", "qemu-storage-daemon"];
const missing = tools.filter((t) => !installed(t));

if (missing.length > 0) {
  const why = `QEMU tools missing: ${missing.join(", ")} (apt-get install -y qemu-system-x86 qemu-utils)`;
  if (process.env.ZENITH_REQUIRE_QEMU === "1") {
    describe("qemu volumes", () => {
      it("requires QEMU (ZENITH_REQUIRE_QEMU=1)", () => {
        throw new Error(why);
      });
    });
  } else {
    // The reporter shows a skipped file without its reason: say it where people look.
    console.warn(`qemu-volumes.test.ts skipped: ${why}`);
    it.skip(`qemu volumes: skipped because ${why}`, () => {});
  }
} else {
  describeVolumes();
}

/** The file driver's export as the compute driver takes it. */
interface Exported {
  volumeId: string;
  attachmentId: string;
  host: string;
  port: number;
  exportName: string;
  tlsUsername: string;
  secret: string;
}

function connectionOf(e: Exported, bootIndex: number | null = null): VolumeConnectionInput {
  return {
    attachmentId: e.attachmentId,
    volumeId: e.volumeId,
    bootIndex,
    connection: {
      driver: "nbd",
      host: e.host,
      port: e.port,
      exportName: e.exportName,
      tlsUsername: e.tlsUsername,
      secret: e.secret,
    },
  };
}

/** qemu-io through the export with its credentials (as another NBD client), e.g. to read what the guest wrote. */
function nbdIo(e: Exported, commands: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "zenith-nbd-io-"));
  try {
    writeFileSync(join(dir, "keys.psk"), `${e.tlsUsername}:${e.secret}\n`, { mode: 0o600 });
    return execFileSync(
      "qemu-io",
      [
        ...commands.flatMap((c) => ["-c", c]),
        "--object",
        `tls-creds-psk,id=tls0,endpoint=client,dir=${dir},username=${e.tlsUsername}`,
        "--image-opts",
        `driver=nbd,server.type=inet,server.host=${e.host},server.port=${e.port},export=${e.exportName},tls-creds=tls0`,
      ],
      { encoding: "utf8", timeout: 30_000 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The export daemon's pid (the file driver writes it in the export's folder). */
async function daemonPid(storageDir: string, attachmentId: string): Promise<number> {
  return Number.parseInt(await readFile(join(storageDir, "exports", attachmentId, "pid"), "utf8"), 10);
}

async function gone(pid: number): Promise<boolean> {
  const s = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (s === undefined) return true;
  const state = s.slice(s.lastIndexOf(")") + 2).split(" ")[0];
  return state === "Z" || state === "X";
}

/** Kills export daemons a failed test left (pid files under the storage folder, checked against /proc). */
async function killDaemonsUnder(storageDir: string): Promise<void> {
  const names = await readdir(join(storageDir, "exports")).catch(() => [] as string[]);
  for (const name of names) {
    const pid = await daemonPid(storageDir, name).catch(() => Number.NaN);
    if (!Number.isInteger(pid) || (await gone(pid))) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (!cmdline.includes(storageDir)) continue;
    process.kill(pid, "SIGKILL");
    await waitFor(`export daemon ${pid} gone`, async () => ((await gone(pid)) ? true : undefined));
  }
}

function describeVolumes(): void {
  describe("qemu driver: volumes over NBD from the volume agent's file driver", () => {
    let tiny: TinyImage;
    let stateDir: string;
    let storageDir: string;
    let driver: QemuDriver;
    let volumes: FileVolumeDriver;
    const created = new Set<string>();

    beforeAll(async () => {
      tiny = await ensureTinyImage();
      stateDir = await mkdtemp(join(tmpdir(), "zqv-"));
      storageDir = await mkdtemp(join(tmpdir(), "zvs-"));
      volumes = new FileVolumeDriver({ storageDir, logger });
      await volumes.init();
      driver = newDriver();
      await driver.init();
    }, TIMEOUT_MS);

    afterAll(async () => {
      // No guest and no export daemon outlives the run.
      await Promise.allSettled([...created].map((uuid) => driver.destroy(uuid)));
      await driver?.close();
      if (volumes) {
        const exports = await volumes.listExports().catch(() => []);
        await Promise.allSettled(exports.map((e) => volumes.unexport(e.attachmentId)));
      }
      await killDaemonsUnder(storageDir);
      await rm(stateDir, { recursive: true, force: true });
      await rm(storageDir, { recursive: true, force: true });
    }, TIMEOUT_MS);

    const test = (title: string, fn: () => Promise<void>) => it(title, fn, TIMEOUT_MS);

    const newDriver = () =>
      new QemuDriver({
        stateDir,
        kvmProbe: { image: { kernel: tiny.kernel, initrd: tiny.ramdisk } },
        powerOffTimeoutS: 5,
        detachTimeoutS: 30,
        logger,
      });

    async function newExport(
      source: "empty" | "tiny" = "empty",
      attachmentId: string = randomUUID(),
      readOnly = false,
    ): Promise<Exported> {
      const volumeId = randomUUID();
      await volumes.createVolume({
        volumeId,
        sizeGib: 1,
        source: source === "tiny" ? { kind: "image", path: tiny.disk, format: "raw" } : { kind: "empty" },
      });
      const e = await volumes.export(volumeId, { attachmentId, readOnly });
      return { ...e, volumeId, attachmentId };
    }

    async function boot(overrides: Partial<SpawnSpec> = {}): Promise<SpawnSpec> {
      const uuid = randomUUID();
      created.add(uuid);
      const s: SpawnSpec = {
        uuid,
        name: `vol-${uuid.slice(0, 8)}`,
        flavor,
        image: tinyImageSource(tiny),
        ...overrides,
      };
      await driver.spawn(s);
      await consoleShows(driver, uuid, new RegExp(`root@${s.name}:`), BOOT_MS);
      return s;
    }

    /** What the guest's kernel says about a disk: `<size in 512-byte sectors> <serial>`, or "none". */
    const guestDisk = (uuid: string, dev: string) =>
      runInGuest(
        driver,
        uuid,
        `if [ -e /sys/block/${dev} ]; then echo "$(cat /sys/block/${dev}/size) $(cat /sys/block/${dev}/serial)"; else echo none; fi`,
      );

    test("hot-plug: the guest sees the NBD volume (size, serial), reads and writes it; unplug removes it everywhere", async () => {
      const s = await boot();
      const e = await newExport();
      // Bytes written before the attach by another client are what the guest reads.
      nbdIo(e, ["write -P 0x5a 1M 512"]);

      // A wrong secret is refused at the TLS handshake: the attach fails and leaves nothing behind.
      const wrong = connectionOf({ ...e, secret: "00".repeat(32) });
      await expect(driver.attachVolume(s.uuid, wrong)).rejects.toMatchObject({ code: "OperationFailed" });
      expect((await driver.getInfo(s.uuid)).volumes).toEqual([]);
      await expect(stat(keysDir(join(stateDir, "instances", s.uuid), e.attachmentId))).rejects.toThrow();

      const attached = await driver.attachVolume(s.uuid, connectionOf(e));
      expect(attached).toEqual({
        attachmentId: e.attachmentId,
        volumeId: e.volumeId,
        bootIndex: null,
        device: "/dev/vdb",
      });
      expect((await driver.getInfo(s.uuid)).volumes).toEqual([attached]);
      // The keys file: the attachment's secret, private to the agent.
      const keys = join(keysDir(join(stateDir, "instances", s.uuid), e.attachmentId), "keys.psk");
      expect(await readFile(keys, "utf8")).toBe(`${e.tlsUsername}:${e.secret}\n`);
      expect((await stat(keys)).mode & 0o777).toBe(0o600);

      // 1 GiB = 2097152 sectors; the serial is the volume id's first 20 characters (Nova's convention).
      const seen = await waitFor(
        "the guest sees vdb",
        async () => {
          const out = await guestDisk(s.uuid, "vdb");
          return out === "none" ? undefined : out;
        },
        30_000,
      );
      expect(seen).toBe(`2097152 ${e.volumeId.slice(0, 20)}`);
      const read = await runInGuest(
        driver,
        s.uuid,
        "dd if=/dev/vdb bs=512 skip=2048 count=1 2>/dev/null | tr -d Z | wc -c",
      );
      expect(read.trim()).toBe("0");
      const marker = `zenith${randomUUID().slice(0, 8)}`; // hexdump shows only letters and digits as themselves
      await runInGuest(
        driver,
        s.uuid,
        `printf '${marker}' | dd of=/dev/vdb bs=512 conv=sync,fsync 2>/dev/null`,
      );

      // A read-only attachment: the guest's kernel sees a read-only disk.
      const ro = await newExport("empty", randomUUID(), true);
      const roAttached = await driver.attachVolume(s.uuid, { ...connectionOf(ro), readOnly: true });
      expect(roAttached.device).toBe("/dev/vdc");
      const roFlag = await waitFor(
        "the guest sees vdc",
        async () => {
          const out = await runInGuest(driver, s.uuid, "cat /sys/block/vdc/ro 2>/dev/null || echo none");
          return out === "none" ? undefined : out;
        },
        30_000,
      );
      expect(roFlag).toBe("1");

      // A new agent process adopts the guest: QMP says which volumes it has; attaching again plugs nothing.
      await driver.close();
      driver = newDriver();
      await driver.init();
      expect((await driver.getInfo(s.uuid)).volumes).toEqual([attached, roAttached]);
      expect(await driver.attachVolume(s.uuid, connectionOf(e))).toEqual(attached);
      expect(await guestDisk(s.uuid, "vdd")).toBe("none");
      await driver.detachVolume(s.uuid, ro.attachmentId);

      await driver.detachVolume(s.uuid, e.attachmentId);
      expect((await driver.getInfo(s.uuid)).volumes).toEqual([]);
      expect(await guestDisk(s.uuid, "vdb")).toBe("none");
      await expect(stat(keys)).rejects.toThrow();
      // The guest's write reached the volume: read back through the export by another client.
      expect(nbdIo(e, ["read -v 0 16"])).toContain(marker);
    });

    test("online extend: a volume its host grew while attached grows in the running guest", async () => {
      const s = await boot();
      const e = await newExport();
      await driver.attachVolume(s.uuid, connectionOf(e));
      await waitFor(
        "the guest sees vdb",
        async () => ((await guestDisk(s.uuid, "vdb")) === "none" ? undefined : true),
        30_000,
      );
      // The volume host grows it (the export is re-added: clients are cut off once, same port and secret)…
      await volumes.extendVolume({ volumeId: e.volumeId, newSizeGib: 2 });
      expect(await guestDisk(s.uuid, "vdb")).toBe(`2097152 ${e.volumeId.slice(0, 20)}`);
      // …and the compute side makes the guest see it, without a re-attach: 2 GiB = 4194304 sectors.
      await driver.growVolume(s.uuid, e.attachmentId, 2 * 1024 ** 3);
      const grown = await waitFor(
        "the guest sees 2 GiB",
        async () => {
          const out = await guestDisk(s.uuid, "vdb");
          return out.startsWith("4194304 ") ? out : undefined;
        },
        30_000,
      );
      expect(grown).toBe(`4194304 ${e.volumeId.slice(0, 20)}`);
      // Already that size: nothing to do.
      await driver.growVolume(s.uuid, e.attachmentId, 2 * 1024 ** 3);
      await driver.detachVolume(s.uuid, e.attachmentId);
      await volumes.unexport(e.attachmentId);
    });

    test("boot from volume: no local root disk, the volume is vda and holds the guest's root", async () => {
      const root = await newExport("tiny");
      const data = await newExport();
      const s = await boot({ volumes: [connectionOf(data), connectionOf(root, 0)] });
      const log = await consoleShows(driver, s.uuid, /zenith-tiny ready/, BOOT_MS);
      expect(log).toMatch(/root disk \/dev\/vda: Zenith tiny \d+ root disk/);
      expect(log).toContain("disk vda: 1024 MiB");
      expect(log).toContain("disk vdb: 1024 MiB");
      expect((await driver.getInfo(s.uuid)).volumes.map((v) => [v.attachmentId, v.device])).toEqual([
        [root.attachmentId, "/dev/vda"],
        [data.attachmentId, "/dev/vdb"],
      ]);
      expect(await guestDisk(s.uuid, "vda")).toBe(`2097152 ${root.volumeId.slice(0, 20)}`);
      // No overlay on the host: the root is the volume host's.
      expect(await readdir(join(stateDir, "instances", s.uuid))).not.toContain("disk.qcow2");
      await expect(driver.detachVolume(s.uuid, root.attachmentId)).rejects.toMatchObject({
        code: "InvalidRequest",
      });
      // A cold start (power off, on) puts the volumes on the command line again.
      await driver.powerOff(s.uuid);
      await driver.powerOn(s.uuid);
      await consoleShows(driver, s.uuid, /zenith-tiny ready[\s\S]*zenith-tiny ready/, BOOT_MS);
      expect(await guestDisk(s.uuid, "vda")).toBe(`2097152 ${root.volumeId.slice(0, 20)}`);
    });

    test("kill -9 of the export daemon: I/O waits, the restarted export (same port, secret) serves it again", async () => {
      const s = await boot();
      const e = await newExport();
      nbdIo(e, ["write -P 0x5a 1M 512"]);
      await driver.attachVolume(s.uuid, connectionOf(e));
      await waitFor("the guest sees vdb", async () =>
        (await guestDisk(s.uuid, "vdb")) === "none" ? undefined : true,
      );

      const pid = await daemonPid(storageDir, e.attachmentId);
      process.kill(pid, "SIGKILL");
      await waitFor("the export daemon is gone", async () => ((await gone(pid)) ? true : undefined));

      // A read issued while the export is down (page cache dropped so it reaches the disk) waits for it.
      const word = randomUUID().slice(0, 8);
      await runInGuest(
        driver,
        s.uuid,
        `(echo 3 > /proc/sys/vm/drop_caches; n=$(dd if=/dev/vdb bs=512 skip=2048 count=1 2>/dev/null | tr -d Z | wc -c); echo "read-${word}-$n") & :`,
      );
      // The volume agent restarts: its init() starts dead exports again with the same port and secret.
      const restarted = new FileVolumeDriver({ storageDir, logger });
      await volumes.close();
      volumes = restarted;
      await restarted.init();
      const again = (await restarted.listExports()).find((x) => x.attachmentId === e.attachmentId);
      expect(again).toMatchObject({ port: e.port, secret: e.secret });
      expect(await daemonPid(storageDir, e.attachmentId)).not.toBe(pid);

      await consoleShows(driver, s.uuid, new RegExp(`read-${word}-\\s*0\\b`), 90_000);
      // And writes after the reconnect land on the volume.
      const marker = `again${randomUUID().slice(0, 8)}`;
      await runInGuest(
        driver,
        s.uuid,
        `printf '${marker}' | dd of=/dev/vdb bs=512 conv=sync,fsync 2>/dev/null`,
      );
      expect(nbdIo(e, ["read -v 0 16"])).toContain(marker);
      expect(await driver.getInfo(s.uuid)).toMatchObject({ volumes: [{ attachmentId: e.attachmentId }] });
      expect(volumeIds(e.attachmentId).node).toMatch(/^vol[0-9a-f]{28}$/);
    });
  });
}
