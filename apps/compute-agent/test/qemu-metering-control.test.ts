/**
 * Issue 12's acceptance for sampling, end to end: a real zenith-tiny guest
 * on the qemu driver, booted through the real control plane (the built-in
 * image it registers), runs a busy loop; the agent's samples travel through
 * the real endpoint and the tenant reads the CPU rate from the Gnocchi API
 * (`aggregation=rate:sum`: the CPU ns the samples in each 10 s bucket
 * grew by) within 30 s.
 *
 * "Near 100 %" holds on a host with a CPU to spare. This machine is shared
 * (its load often 5× its cores), so the API must show at least 70 % of the
 * CPU the kernel actually gave QEMU over that time (its scheduler
 * statistics), at least 15 % (an idle guest shows a few), and 50 % whenever
 * QEMU got that much.
 *
 * Needs QEMU (and, as every qemu test, the machine's QEMU lock:
 * `flock /tmp/zenith-qemu.lock npx vitest run …`); skipped without it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@zenith/core/logger";
import { afterAll, describe, expect, it } from "vitest";
import {
  AGENT_TOKEN,
  type ComputeTestEnv,
  createServer,
  startCompute,
} from "../../control/test/compute-servers-harness.ts";
import { ComputeAgent } from "../src/agent.ts";
import { QemuDriver } from "../src/driver/qemu/driver.ts";
import { instancePaths } from "../src/driver/qemu/instance-dir.ts";
import { readPidFile } from "../src/driver/qemu/process.ts";
import { consoleShows, runInGuest } from "./qemu/guest-shell.ts";
import { schedTimes } from "./qemu/host.ts";
import { ensureTinyImage, tinyImageDir } from "./qemu/tiny-image.ts";
import { waitFor } from "./wait.ts";

const HOST = "qemu-metering-host";
const BOOT_MS = 180_000;
const logger = createLogger("qemu-metering-e2e", process.env.TEST_LOG_LEVEL ?? "silent");

async function qemuInstalled(): Promise<boolean> {
  const { execFile } = await import("node:child_process");
  return new Promise((resolve) => execFile("qemu-system-x86_64", ["--version"], (err) => resolve(!err)));
}
const hasQemu = await qemuInstalled();

describe("a busy real guest's CPU through the metrics API", () => {
  if (!hasQemu && process.env.ZENITH_REQUIRE_QEMU !== "1") {
    it.skip("skipped: qemu-system-x86_64 is not installed", () => {});
    return;
  }

  let env: ComputeTestEnv | undefined;
  let agent: ComputeAgent | undefined;
  let driver: QemuDriver | undefined;
  let serverId: string | undefined;
  let stateDir: string | undefined;

  afterAll(async () => {
    if (serverId && env) await env.api("DELETE", `servers/${serverId}`);
    // The agent destroys the deleted guest; the driver's own destroy makes sure before the folder goes.
    if (serverId) await driver?.destroy(serverId).catch(() => undefined);
    await agent?.stop();
    await env?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  }, 120_000);

  it(
    "a busy loop in the guest shows as a busy vCPU in GET …/metric/cpu/measures within 30 s",
    async () => {
      const tiny = await ensureTinyImage();
      env = await startCompute("qemu-metering-e2e", {
        control: { tinyImageDir, meteringIntervalMs: 500 },
      });
      const e = env;
      await e.control.running.db.prisma.flavor.upsert({
        where: { id: "zt-tiny" },
        create: { id: "zt-tiny", name: "zt.tiny", vcpus: 1, ramMb: 128, diskGb: 1 },
        update: {},
      });
      const images = await e.control.request("GET", "/image/v2/images?name=zenith-tiny", {
        token: e.demoToken,
      });
      const imageId: unknown = images.body?.images?.[0]?.id;
      if (typeof imageId !== "string") throw new Error(`zenith-tiny is not registered: ${images.text}`);

      stateDir = await mkdtemp(join(tmpdir(), "zqme-"));
      driver = new QemuDriver({
        stateDir,
        kvmProbe: { image: { kernel: tiny.kernel, initrd: tiny.ramdisk } },
        powerOffTimeoutS: 5,
        logger,
      });
      agent = new ComputeAgent({
        host: HOST,
        availabilityZone: "nova",
        hostIp: "127.0.0.1",
        controlUrl: e.control.url,
        token: async () => AGENT_TOKEN,
        dataDir: stateDir,
        driver,
        logger: logger.child({ host: HOST }),
        backoff: { initialMs: 20, maxMs: 200 },
        meteringIntervalMs: 2_000,
      });
      await agent.start();
      const prisma = e.control.running.db.prisma;
      await waitFor("the host registered", async () =>
        (await prisma.computeHost.findUnique({ where: { host: HOST } }))?.lastHeartbeat ? true : undefined,
      );

      const created = await createServer(e, { name: "busy", imageRef: imageId, flavorRef: "zt-tiny" });
      expect(created.status, created.text).toBe(202);
      const id: string = created.body.server.id;
      serverId = id;
      await waitFor(
        "the server ACTIVE",
        async () => {
          const s = await e.api("GET", `servers/${id}`);
          if (s.body?.server?.status === "ERROR") throw new Error(`server failed: ${s.text}`);
          return s.body?.server?.status === "ACTIVE" ? true : undefined;
        },
        BOOT_MS,
      );
      const qemu = driver;
      await consoleShows(qemu, id, /root@busy:/, BOOT_MS);

      await runInGuest(qemu, id, "(while :; do :; done) >/dev/null 2>&1 & echo $! >/tmp/busy");
      const started = Date.now();
      const pid = await readPidFile(instancePaths(stateDir, id).pid);
      if (pid === undefined) throw new Error("the guest's QEMU has no pid file");
      const got0 = await schedTimes(pid);
      // ns of CPU per 10 s bucket, for buckets that began after the loop did (whole buckets of a busy guest).
      const busyRates = async () => {
        const res = await e.control.request(
          "GET",
          `/metric/v1/resource/instance/${id}/metric/cpu/measures?granularity=10&aggregation=rate:sum`,
          { token: e.demoToken },
        );
        if (res.status !== 200) return [];
        const rows = res.body as Array<[string, number, number]>;
        return rows.filter(([t]) => Date.parse(t) >= started).map(([, , v]) => v / 10e9);
      };
      // Polled once a second: the test must not take the CPU the guest is measured on.
      let shown: number[] = [];
      let threshold = 0.5;
      while (Date.now() - started < 30_000) {
        await e.control.running.metering.aggregator.tick();
        shown = await busyRates();
        const got = ((await schedTimes(pid)).runNs - got0.runNs) / ((Date.now() - started) * 1e6);
        threshold = Math.max(0.15, Math.min(0.5, 0.7 * got));
        if (shown.some((r) => r >= threshold)) break;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      expect(Math.max(...shown), `rates shown: ${JSON.stringify(shown)}`).toBeGreaterThanOrEqual(threshold);
      console.info(
        `qemu-metering-e2e: busy guest's CPU per 10 s bucket, as the API shows it: ${shown.map((r) => `${(100 * r).toFixed(0)} %`).join(", ")} (needed ${(100 * threshold).toFixed(0)} %)`,
      );
    },
    BOOT_MS + 120_000,
  );
});
