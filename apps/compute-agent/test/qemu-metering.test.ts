/**
 * Metering of a real zenith-tiny guest on the qemu driver: a busy loop in
 * the guest (`while :; do :; done` in its console shell) shows as a CPU rate
 * of about one vCPU from two readings; pausing it stops the CPU; reading the
 * disk raises vda's counters; pinging through its tap (on a test network in
 * a namespace of the test's own) raises the NIC's counters both ways; a
 * hot-plugged volume is metered as its own disk (vdb).
 *
 * This machine is shared: a busy guest gets only the CPU the host gives it.
 * So besides the rate itself, the test reads the kernel's own account of
 * the QEMU process's threads (`/proc/<pid>/task/*\/schedstat`: time run and
 * time waited for a CPU): run + wait ≈ the whole interval proves the guest
 * wanted a full vCPU all along, and run ≈ the metered CPU time proves the
 * meter reads what the process really got. On an idle host both say ~100 %.
 *
 * Needs QEMU, root with /dev/net/tun, dnsmasq and busybox; without them it
 * is skipped, saying why (ZENITH_REQUIRE_QEMU=1 turns that into a failure).
 * Run it under the machine's QEMU lock: `flock /tmp/zenith-qemu.lock npx vitest run …`.
 */
import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { access, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { tapDeviceName } from "@zenith/agent-protocol/network";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QemuDriver } from "../src/driver/qemu/driver.ts";
import { instancePaths } from "../src/driver/qemu/instance-dir.ts";
import { readPidFile } from "../src/driver/qemu/process.ts";
import type { InstanceCounters, NetworkInterface } from "../src/driver/types.ts";
import { instanceSamples } from "../src/metering.ts";
import { consoleShows, runInGuest } from "./qemu/guest-shell.ts";
import { schedTimes } from "./qemu/host.ts";
import { createTestNetwork, type TestNetwork } from "./qemu/test-network.ts";
import { ensureTinyImage, tinyImageSource } from "./qemu/tiny-image.ts";

const TIMEOUT_MS = 240_000;
const BOOT_MS = 120_000;
/** Long enough that tick-granular CPU times (10 ms) and scheduling noise are small against it. */
const INTERVAL_MS = 4_000;
const logger = createLogger("qemu-metering-test", process.env.TEST_LOG_LEVEL ?? "silent");

async function onPath(name: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const found = await access(join(dir, name), constants.X_OK).then(
      () => true,
      () => false,
    );
    if (found) return true;
  }
  return false;
}

async function missingParts(): Promise<string[]> {
  const missing: string[] = [];
  for (const bin of ["qemu-system-x86_64", "qemu-img", "ip", "dnsmasq", "busybox"])
    if (!(await onPath(bin))) missing.push(bin);
  if (process.getuid?.() !== 0) missing.push("root (tap devices need CAP_NET_ADMIN)");
  const tun = await access("/dev/net/tun", constants.R_OK | constants.W_OK).then(
    () => true,
    () => false,
  );
  if (!tun) missing.push("/dev/net/tun");
  return missing;
}

const missing = await missingParts();
const requireAll = process.env.ZENITH_REQUIRE_QEMU === "1";

interface Reading {
  at: bigint;
  counters: InstanceCounters;
  sched: { runNs: number; waitNs: number };
}

describe("qemu driver: metering a real guest", () => {
  if (missing.length > 0 && !requireAll) {
    it.skip(`skipped: this machine lacks ${missing.join(", ")}`, () => {});
    return;
  }

  let driver: QemuDriver;
  let stateDir: string;
  let net: TestNetwork | undefined;
  const uuid = randomUUID();
  const name = `meter-${uuid.slice(0, 6)}`;
  const portId = randomUUID();
  const vif: NetworkInterface & { device: string } = {
    portId,
    macAddress: "fa:16:3e:60:00:01",
    mtu: 1450,
    device: tapDeviceName(portId),
  };

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`missing: ${missing.join(", ")}`);
    const tiny = await ensureTinyImage();
    stateDir = await mkdtemp(join(tmpdir(), "zqm-"));
    driver = new QemuDriver({
      stateDir,
      kvmProbe: { image: { kernel: tiny.kernel, initrd: tiny.ramdisk } },
      powerOffTimeoutS: 5,
      logger,
    });
    await driver.init();
    net = await createTestNetwork({
      mtu: 1450,
      leaseMtu: 1450,
      leases: [{ mac: vif.macAddress, ip: "192.0.2.20", name }],
      metadata: { uuid, name, hostname: name },
    });
    await driver.spawn({
      uuid,
      name,
      flavor: { vcpus: 1, memoryMb: 128, rootGb: 1 },
      image: tinyImageSource(tiny),
      networkInterfaces: [vif],
    });
    await net.plug(vif.device);
    await consoleShows(driver, uuid, /zenith-tiny dhcp: eth0 192\.0\.2\.20/, BOOT_MS);
    await consoleShows(driver, uuid, new RegExp(`root@${name}:`), BOOT_MS);
  }, TIMEOUT_MS);

  afterAll(async () => {
    const results = await Promise.allSettled([driver?.destroy(uuid)]);
    await net?.close();
    await driver?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
    const failed = results.find((r) => r.status === "rejected");
    if (failed?.status === "rejected") throw failed.reason;
  }, TIMEOUT_MS);

  async function qemuPid(): Promise<number> {
    const pid = await readPidFile(instancePaths(stateDir, uuid).pid);
    if (pid === undefined) throw new Error("the guest's QEMU has no pid file");
    return pid;
  }

  async function read(): Promise<Reading> {
    const pid = await qemuPid();
    const sched = await schedTimes(pid);
    const counters = (await driver.readCounters()).find((c) => c.uuid === uuid);
    if (!counters) throw new Error("the guest was not metered");
    return { at: process.hrtime.bigint(), counters, sched };
  }

  /**
   * Two readings `INTERVAL_MS` apart: the span a rate is measured over (not
   * a wait for a state). Nothing touches the guest in between: QMP queries
   * cost QEMU's main thread CPU time too.
   */
  async function overInterval(): Promise<{
    cpuRate: number;
    runRate: number;
    wantRate: number;
    a: Reading;
    b: Reading;
  }> {
    const a = await read();
    await sleep(INTERVAL_MS);
    const b = await read();
    const wallNs = Number(b.at - a.at);
    const runNs = b.sched.runNs - a.sched.runNs;
    return {
      cpuRate: (b.counters.cpuNs - a.counters.cpuNs) / wallNs,
      runRate: runNs / wallNs,
      wantRate: (runNs + b.sched.waitNs - a.sched.waitNs) / wallNs,
      a,
      b,
    };
  }

  it(
    "a busy loop: the guest wants a whole vCPU, the metered CPU time is what QEMU ran; paused, CPU stops",
    async () => {
      const idle = await overInterval();
      await runInGuest(driver, uuid, "(while :; do :; done) >/dev/null 2>&1 & echo $! >/tmp/busy");
      const busy = await overInterval();
      console.info(
        `qemu-metering: idle ${(100 * idle.cpuRate).toFixed(1)} %, busy ${(100 * busy.cpuRate).toFixed(1)} % ` +
          `of one vCPU (QEMU wanted ${(100 * busy.wantRate).toFixed(1)} %, ran ${(100 * busy.runRate).toFixed(1)} %; ` +
          `idle wanted ${(100 * idle.wantRate).toFixed(1)} %)`,
      );
      // Busy: runnable (running or waiting for a CPU) all the time: a full vCPU wanted.
      expect(busy.wantRate).toBeGreaterThan(0.9);
      // The meter (utime+stime, 10 ms ticks) agrees with the scheduler's nanosecond account.
      expect(Math.abs(busy.cpuRate - busy.runRate)).toBeLessThan(0.05 + 0.1 * busy.runRate);
      // And it is a lot more than idle (where the guest halts its vCPU).
      expect(busy.cpuRate).toBeGreaterThan(3 * idle.cpuRate);
      expect(idle.wantRate).toBeLessThan(0.5);
      // Where the host had a CPU to give (little run-queue wait), the rate itself is ~100 % of one vCPU.
      if (busy.wantRate - busy.runRate < 0.1) expect(busy.cpuRate).toBeGreaterThan(0.85);

      // As samples: cumulative ns of the instance.
      const samples = instanceSamples(busy.b.counters, Date.now());
      expect(samples.find((s) => s.metric === "cpu")).toMatchObject({
        resource: "instance",
        subject: uuid,
        value: busy.b.counters.cpuNs,
      });
      expect(busy.b.counters.memoryMb).toBeGreaterThan(16);

      await driver.pause(uuid);
      const paused = await overInterval();
      expect(paused.b.counters.powerState).toBe(3); // PAUSED
      expect(paused.cpuRate).toBeLessThan(0.1);
      await driver.unpause(uuid);
      await runInGuest(driver, uuid, "kill $(cat /tmp/busy)");
    },
    TIMEOUT_MS,
  );

  it(
    "reading the disk raises vda's counters; a ping through the tap raises the NIC's, in the guest's direction",
    async () => {
      // The first reading of the host has no CPU use yet: it needs a previous one.
      expect((await driver.hostUsage()).cpuUtilPercent).toBeUndefined();
      const before = await read();
      const disk0 = before.counters.disks.find((d) => d.device === "vda");
      const nic0 = before.counters.nics.find((n) => n.tap === vif.device);
      expect(disk0).toBeDefined();
      expect(nic0).toBeDefined();
      const out = await runInGuest(
        driver,
        uuid,
        "dd if=/dev/vda of=/dev/null bs=65536 skip=64 count=160 2>&1 | tail -1; " +
          "ping -c 10 -i 0.2 -W 5 192.0.2.1 | grep 'packets transmitted'",
        60_000,
      );
      expect(out).toMatch(/10 packets transmitted, 10 packets received/);
      const after = await read();
      const disk1 = after.counters.disks.find((d) => d.device === "vda");
      const nic1 = after.counters.nics.find((n) => n.tap === vif.device);
      if (!disk0 || !disk1 || !nic0 || !nic1) throw new Error("vda or the NIC is missing from a reading");
      // 160 × 64 KiB that the guest had not read before (the page cache cannot serve them).
      expect(disk1.readBytes - disk0.readBytes).toBeGreaterThanOrEqual(160 * 65536);
      expect(disk1.readRequests).toBeGreaterThan(disk0.readRequests);
      // 10 echo requests out of the guest and 10 replies into it (84-byte IP packets plus Ethernet headers).
      expect(nic1.outgoingPackets - nic0.outgoingPackets).toBeGreaterThanOrEqual(10);
      expect(nic1.incomingPackets - nic0.incomingPackets).toBeGreaterThanOrEqual(10);
      expect(nic1.outgoingBytes - nic0.outgoingBytes).toBeGreaterThanOrEqual(10 * 98);
      expect(nic1.incomingBytes - nic0.incomingBytes).toBeGreaterThanOrEqual(10 * 98);

      // A hot-plugged volume is its own disk (vdb), counted from its attach.
      const volumePath = join(stateDir, "data.raw");
      await writeFile(volumePath, Buffer.alloc(4 * 1024 * 1024));
      const attached = await driver.attachVolume(uuid, {
        attachmentId: randomUUID(),
        volumeId: randomUUID(),
        connection: { driver: "file", path: volumePath, format: "raw" },
      });
      expect(attached.device).toBe("/dev/vdb");
      const withVolume = await read();
      expect(withVolume.counters.disks.map((d) => d.device)).toEqual(["vda", "vdb"]);

      const usage = await driver.hostUsage();
      expect(usage.cpuUtilPercent).toBeGreaterThan(0);
      expect(usage.cpuUtilPercent).toBeLessThanOrEqual(100);
      expect(usage.runningInstances).toBe(1);
      expect(usage.memoryUsedBytes).toBeGreaterThan(0);
      expect(usage.memoryUsedBytes).toBeLessThan(usage.memoryTotalBytes);
      expect(usage.diskUsedBytes).toBeGreaterThan(0);
      expect(usage.diskUsedBytes).toBeLessThan(usage.diskTotalBytes);
    },
    TIMEOUT_MS,
  );
});
