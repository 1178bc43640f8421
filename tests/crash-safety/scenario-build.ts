import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AgentHost,
  BUILD_DONE,
  ControlProxy,
  lastActionEvents,
  poll,
  qemuPids,
  type Suite,
  showServer,
  theQemuPid,
  trace,
  waitForServer,
} from "./harness.ts";

/**
 * Issue item 4a: `kill -9` of the compute agent during a build ends, after
 * the agent's restart, in ACTIVE or ERROR with a fault, never stuck in BUILD.
 * Three windows of the spawn, each reached deterministically: the agent is
 * parked there (image download stalled by a relay, QEMU launch held by a
 * shim) and killed while it waits.
 */
export function buildScenarios(suite: Suite): void {
  describe("a. kill -9 of the agent during a build", () => {
    let proxy: ControlProxy;
    let host: AgentHost;

    beforeAll(async () => {
      proxy = new ControlProxy(() => suite.cloud.url);
      await proxy.start();
      host = new AgentHost(suite.cloud, "build", suite.root, () => proxy.url);
      await host.startAndWaitUp();
    });

    afterAll(async () => {
      await host?.cleanup();
      await proxy?.close();
    });

    const partialDownloads = () => {
      try {
        return readdirSync(host.imageCacheDir).filter((n) => n.endsWith(".part"));
      } catch {
        return [];
      }
    };

    /** Settled after the restart: never BUILD; ACTIVE, or ERROR with a fault. */
    async function expectConverged(id: string): Promise<void> {
      const s = await waitForServer(suite.cloud, id, (v) => v.status !== "BUILD");
      expect(["ACTIVE", "ERROR"]).toContain(s.status);
      if (s.status === "ERROR") expect(s.fault).toBeTruthy();
      // Every window here is recoverable, and the agent does recover: the server runs, as one QEMU.
      expect(s).toMatchObject({ status: "ACTIVE", powerState: 1 });
      expect(qemuPids(id)).toHaveLength(1);
      expect(await lastActionEvents(suite.cloud, id, "create")).toEqual(BUILD_DONE);
      // Nothing a spawn makes aside (`instances/.<uuid>.<rand>`) is left.
      expect(readdirSync(join(host.stateDir, "instances")).filter((n) => n.startsWith("."))).toEqual([]);
    }

    it("window 1, image download half done (nothing of the instance on disk yet): ACTIVE, one QEMU", async () => {
      // The first download of zenith-tiny (a fresh host) stops after 4 MiB.
      proxy.stallImageDownloads(4 * 1024 * 1024);
      const id = await host.createServer("cs-build-download");
      await poll("the image download to stall with a partial file on disk", () => {
        if (!proxy.downloadStalled) return false;
        return partialDownloads().some((n) => statSync(join(host.imageCacheDir, n)).size > 0);
      });
      expect(existsSync(host.instanceDir(id))).toBe(false);
      expect(await showServer(suite.cloud, id)).toMatchObject({ status: "BUILD", taskState: "spawning" });

      await host.kill9();
      proxy.release();
      host.start();
      await expectConverged(id);
      trace(`window 1: ACTIVE, QEMU ${qemuPids(id).join(",")}`);
    });

    it("window 1 leaves no partial image download behind once the agent is back", () => {
      // PRODUCT BUG: the killed agent's `<image>.<uuid>.part` in `<data>/compute/<host>/images/` stays
      // forever (ImageCache removes it only on an in-process error; nothing sweeps the folder at start).
      expect(partialDownloads(), "partial image downloads left in the agent's image cache").toEqual([]);
    });

    it("window 2, instance folder and root disk made, QEMU not started yet: ACTIVE, one QEMU", async () => {
      host.shim.holdBefore("all");
      const id = await host.createServer("cs-build-before");
      await host.shim.held("before");
      expect(qemuPids(id)).toEqual([]);
      expect(existsSync(join(host.instanceDir(id), "disk.qcow2"))).toBe(true);
      expect(existsSync(join(host.instanceDir(id), "spawned"))).toBe(false);

      await host.kill9();
      // The held launch sees its agent gone and never starts QEMU.
      host.shim.release();
      expect(qemuPids(id)).toEqual([]);
      host.start();
      await expectConverged(id);
    });

    it("window 3, QEMU started but the spawn not recorded yet: ACTIVE, one QEMU (the half-spawned one is not left beside it)", async () => {
      host.shim.holdAfter("all");
      const id = await host.createServer("cs-build-after");
      await host.shim.held("after");
      const halfSpawned = theQemuPid(id);
      expect(existsSync(join(host.instanceDir(id), "spawned"))).toBe(false);

      await host.kill9();
      host.shim.release();
      // The guest outlives its agent.
      expect(qemuPids(id)).toEqual([halfSpawned]);
      host.start();
      await expectConverged(id);
      trace(`window 3: half-spawned QEMU ${halfSpawned}, now ${qemuPids(id).join(",")}`);
    });
  });
}
