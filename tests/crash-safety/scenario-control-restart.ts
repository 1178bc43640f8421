import { existsSync } from "node:fs";
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
  theQemuPid,
  trace,
  waitForServer,
} from "./harness.ts";

/**
 * Issue item 4c: a restart of the control plane during a launch converges
 * (the server ends ACTIVE, one QEMU process). The control plane's database
 * is on disk; it comes back on the same port and the agent redials it.
 */
export function controlRestartScenarios(suite: Suite): void {
  describe("c. restart of the control plane during a launch", () => {
    let proxy: ControlProxy;
    let host: AgentHost;

    beforeAll(async () => {
      proxy = new ControlProxy(() => suite.cloud.url);
      await proxy.start();
      host = new AgentHost(suite.cloud, "ctl", suite.root, () => proxy.url);
      await host.startAndWaitUp();
    });

    afterAll(async () => {
      // A failed test may leave the control plane down: the next scenarios need it.
      await suite.cloud.start();
      await host?.cleanup();
      await proxy?.close();
    });

    it("down while the agent downloads the image (the download breaks, the failed spawn is reported to nobody): after the restart the agent retries; ACTIVE, one QEMU", async () => {
      // A fresh host: zenith-tiny is not in its image cache yet. Its download stops after 4 MiB.
      proxy.stallImageDownloads(4 * 1024 * 1024);
      const id = await host.createServer("cs-ctl-download");
      await poll("the image download to stall", () => proxy.downloadStalled);

      // The control plane goes away with the download: the relay drops the agent's connections.
      const stopping = suite.cloud.stop();
      proxy.cut();
      await stopping;
      proxy.release();
      // The spawn failed and the agent recorded its pass; the failure went nowhere.
      await poll("the agent to give up this spawn", () => {
        const rec = host.persisted(id);
        return rec?.desired && rec.applied.generation >= rec.desired.generation;
      });
      expect(host.leftovers(id)).toMatchObject({ qemu: [], instanceDir: false });

      await suite.cloud.start();
      // The full desired state after the reconnect makes the agent try again.
      const s = await waitForServer(suite.cloud, id, (v) => v.status !== "BUILD");
      expect(s).toMatchObject({ status: "ACTIVE", powerState: 1 });
      expect(qemuPids(id)).toHaveLength(1);
      expect(await lastActionEvents(suite.cloud, id, "create")).toEqual(BUILD_DONE);
    });

    it("down while the agent spawns (QEMU started): the spawn finishes meanwhile; after the restart ACTIVE, the same single QEMU", async () => {
      host.shim.holdAfter("all");
      const id = await host.createServer("cs-ctl-spawning");
      await host.shim.held("after");
      const pid = theQemuPid(id);

      await suite.cloud.stop();
      trace("c: control plane stopped mid-spawn");
      host.shim.release();
      // The agent completes its pass with nobody listening: its report and task result are lost.
      await poll("the agent to finish the spawn while the control plane is down", () => {
        const rec = host.persisted(id);
        return rec?.desired && rec.applied.generation >= rec.desired.generation;
      });
      expect(existsSync(join(host.instanceDir(id), "spawned"))).toBe(true);

      await suite.cloud.start();
      trace("c: control plane restarted");
      const s = await waitForServer(suite.cloud, id, (v) => v.status !== "BUILD");
      expect(s).toMatchObject({ status: "ACTIVE", powerState: 1 });
      // The hello after the reconnect carried the finished spawn: nothing was started twice.
      expect(qemuPids(id)).toEqual([pid]);
      expect(await lastActionEvents(suite.cloud, id, "create")).toEqual(BUILD_DONE);
    });

    it("down after it placed the server but before the agent got the desired state (lost in flight): after the restart ACTIVE, one QEMU", async () => {
      // What the control plane sends the agent from now on is kept back by the relay.
      proxy.holdControlMessages();
      const id = await host.createServer("cs-ctl-lost");
      await poll("the control plane to send the new desired state", () => proxy.heldMessages > 0);

      await suite.cloud.stop();
      // The connection goes down with the held message: the agent never learns of the server.
      proxy.cut();
      expect(host.persisted(id)).toBeUndefined();
      expect(qemuPids(id)).toEqual([]);

      await suite.cloud.start();
      const s = await waitForServer(suite.cloud, id, (v) => v.status !== "BUILD");
      expect(s).toMatchObject({ status: "ACTIVE", powerState: 1 });
      expect(qemuPids(id)).toHaveLength(1);
      expect(await lastActionEvents(suite.cloud, id, "create")).toEqual(BUILD_DONE);
    });
  });
}
