import { afterAll, describe, expect, it } from "vitest";
import {
  type ComputeTestEnv,
  computeTarget,
  createServer,
  FakeAgent,
  FLAVORS,
  seed,
  startCompute,
  waitForStatus,
} from "./compute-servers-harness.ts";
import { tempDir, waitFor } from "./harness.ts";

describe("servers: the control plane restarts and a reconnecting agent converges", () => {
  const dir = tempDir("zenith-restart-");
  let env: ComputeTestEnv | null = null;
  let agent: FakeAgent | null = null;
  let drop: () => Promise<void> = async () => {};

  afterAll(async () => {
    await agent?.close();
    await env?.close();
    await drop();
    dir.remove();
  });

  it("keeps pending stops and deletes in the database and applies them after the reconnect", async () => {
    const made = await computeTarget("restart", { onDisk: true });
    drop = made.drop;
    env = await startCompute("restart", { dataDir: dir.path, target: made.target });
    const { imageId } = await seed(env);
    agent = new FakeAgent({ host: "cmp-r" }, env.control.url);
    await agent.connect();
    const boot = async (name: string) => {
      const res = await createServer(env as ComputeTestEnv, {
        name,
        imageRef: imageId,
        flavorRef: FLAVORS.small.id,
      });
      await waitForStatus(env as ComputeTestEnv, res.body.server.id, "ACTIVE");
      return res.body.server.id as string;
    };
    const toStop = await boot("to-stop");
    const toDelete = await boot("to-delete");
    const keep = await boot("keep");

    // The agent receives but does not apply; then the control plane goes away.
    agent.hold();
    expect((await env.api("POST", `servers/${toStop}/action`, { body: { "os-stop": null } })).status).toBe(
      202,
    );
    expect((await env.api("DELETE", `servers/${toDelete}`)).status).toBe(204);
    await env.control.close();
    agent.dropHeld();

    env = await startCompute("restart", { dataDir: dir.path, target: made.target });
    const deleting = await env.api("GET", `servers/${toDelete}`, { token: env.adminToken });
    expect(deleting.body.server["OS-EXT-STS:task_state"]).toBe("deleting");
    agent.url = env.control.url;
    await agent.connect();

    await waitForStatus(env, toStop, "SHUTOFF");
    await waitFor(
      async () => (await (env as ComputeTestEnv).api("GET", `servers/${toDelete}`)).status === 404,
    );
    expect((await waitForStatus(env, keep, "ACTIVE")).body.server["OS-EXT-STS:power_state"]).toBe(1);
    expect([...agent.instances.keys()].sort()).toEqual([toStop, keep].sort());
    const host = await env.control.running.db.prisma.computeHost.findFirstOrThrow({
      where: { host: "cmp-r" },
    });
    expect(host.runningVms).toBe(2);
    expect(host.memoryMbUsed).toBe(1024);
  });
});
