import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AgentHost,
  poll,
  qemuPids,
  type Suite,
  showServer,
  theQemuPid,
  waitForGone,
  waitForServer,
} from "./harness.ts";

const NOTHING_LEFT = { qemu: [], instanceDir: false, socketDir: false, sockets: [] };

/**
 * Issue item 4d: deleting an instance while its agent is down completes
 * when the agent returns, leaving no QEMU process, instance folder (disks)
 * or unix socket (/proc/net/unix and the socket folder) behind.
 */
export function deleteScenarios(suite: Suite): void {
  describe("d. delete while the agent is down", () => {
    let host: AgentHost;

    beforeAll(async () => {
      host = new AgentHost(suite.cloud, "del", suite.root);
      await host.startAndWaitUp();
    });

    afterAll(async () => {
      await host?.forceDown(false).catch(() => {});
      await host?.cleanup();
    });

    const deleteServer = async (id: string) => {
      const res = await suite.cloud.api("DELETE", `/servers/${id}`);
      expect(res.status).toBe(204);
    };

    it("host still up (recent heartbeat): the delete waits in task deleting and completes when the agent returns, nothing left", async () => {
      const id = await host.createServer("cs-del-waits");
      await waitForServer(suite.cloud, id, (s) => s.status === "ACTIVE");
      const pid = theQemuPid(id);
      const before = host.leftovers(id);
      expect(before).toMatchObject({ instanceDir: true, socketDir: true });
      // QEMU's sockets, as /proc/net/unix lists them (so the check below is not vacuous).
      expect(before.sockets).toContain(join(host.socketDir(id), "qmp.sock"));

      await host.kill9();
      await deleteServer(id);
      expect(await showServer(suite.cloud, id)).toMatchObject({ taskState: "deleting" });
      expect(qemuPids(id)).toEqual([pid]);

      host.start();
      await waitForGone(suite.cloud, id);
      // The agent reports the instance gone only after destroying it: everything is gone already.
      expect(host.leftovers(id)).toEqual(NOTHING_LEFT);
      expect(host.persisted(id)).toBeUndefined();
    });

    it("host forced down: the delete is local and immediate; the returning agent destroys the orphan, nothing left", async () => {
      const id = await host.createServer("cs-del-local");
      await waitForServer(suite.cloud, id, (s) => s.status === "ACTIVE");
      const pid = theQemuPid(id);
      expect(host.leftovers(id).sockets).toContain(join(host.socketDir(id), "qmp.sock"));

      await host.kill9();
      await host.forceDown(true);
      await deleteServer(id);
      // Nova's local delete: the API forgets it at once, the guest still runs on the host.
      expect(await showServer(suite.cloud, id)).toBeUndefined();
      expect(qemuPids(id)).toEqual([pid]);

      host.start();
      await poll("the orphan to be destroyed", () => {
        const left = host.leftovers(id);
        return left.qemu.length === 0 && !left.instanceDir && !left.socketDir && left.sockets.length === 0;
      });
      expect(host.leftovers(id)).toEqual(NOTHING_LEFT);
      await poll("the agent to forget it", () => host.persisted(id) === undefined);
    });
  });
}
