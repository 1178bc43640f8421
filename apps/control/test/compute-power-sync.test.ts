/**
 * Nova's power-state sync through the API: an agent reports a guest whose
 * power changed by itself (as the qemu driver maps QEMU's run states) and
 * the server's status and fault follow. A crashed guest (QEMU
 * internal-error under a KVM that cannot run it, a kernel panic, a disk
 * error) must never stay ACTIVE.
 */
import { type ActualInstance, PowerState } from "@zenith/agent-protocol/compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bootActive,
  type ComputeTestEnv,
  createServer,
  type FakeAgent,
  FLAVORS,
  startComputeWithAgent,
  stopComputeWithAgent,
  waitForStatus,
} from "./compute-servers-harness.ts";
import { waitFor } from "./harness.ts";

describe("servers: power-state sync from agent reports", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let imageId: string;

  beforeAll(async () => {
    ({ env, agent, imageId } = await startComputeWithAgent("power-sync", "cmp-sync"));
  });
  afterAll(() => stopComputeWithAgent({ env, agent }));

  const boot = (name: string) => bootActive(env, imageId, name);

  /** What the agent knows of the instance, with the power the guest now has: a power-sync drift report. */
  function drift(id: string, powerState: PowerState, hypervisorState?: string): void {
    const local = agent.instances.get(id);
    if (!local) throw new Error(`agent does not have ${id}`);
    const report: ActualInstance = {
      uuid: id,
      powerState,
      ...(hypervisorState ? { hypervisorState } : {}),
      exists: true,
      applied: { ...local.applied },
      resizePending: local.resizePending,
    };
    agent.send({ type: "report", instances: [report] });
  }

  const show = async (id: string) =>
    (await env.api("GET", `servers/${id}`, { token: env.adminToken, mv: "2.73" })).body.server;

  it.each([
    ["internal-error", /^The hypervisor reports internal-error: the hypervisor could not run the guest/],
    ["guest-panicked", /^The hypervisor reports guest-panicked: the guest's kernel panicked/],
    ["io-error", /^The hypervisor reports io-error: a disk of the guest failed/],
  ])(
    "a guest QEMU reports %s is CRASHED: the server goes to ERROR with a fault saying why",
    async (state, why) => {
      const id = await boot(`crash-${state}`);
      drift(id, PowerState.CRASHED, state);
      const server = (await waitForStatus(env, id, "ERROR")).body.server;
      expect(server["OS-EXT-STS:vm_state"]).toBe("error");
      expect(server["OS-EXT-STS:power_state"]).toBe(PowerState.CRASHED);
      expect(server.fault.code).toBe(500);
      expect(server.fault.message).toMatch(why);
      expect(server.fault.message).toMatch(/hard reboot or rebuild the server$/);
    },
  );

  it("a hard reboot brings a crashed server back to ACTIVE", async () => {
    const id = await boot("crash-reboot");
    drift(id, PowerState.CRASHED, "internal-error");
    await waitForStatus(env, id, "ERROR");
    const res = await env.api("POST", `servers/${id}/action`, { body: { reboot: { type: "HARD" } } });
    expect(res.status).toBe(202);
    const server = (await waitForStatus(env, id, "ACTIVE")).body.server;
    expect(server["OS-EXT-STS:power_state"]).toBe(PowerState.RUNNING);
    expect(server.fault).toBeUndefined();
  });

  it("a crash report without the hypervisor's word still says the guest crashed", async () => {
    const id = await boot("crash-plain");
    drift(id, PowerState.CRASHED);
    const server = (await waitForStatus(env, id, "ERROR")).body.server;
    expect(server.fault.message).toBe("The guest crashed; hard reboot or rebuild the server");
  });

  it("a guest that powered itself off (QEMU shutdown) shows SHUTOFF", async () => {
    const id = await boot("self-off");
    drift(id, PowerState.SHUTDOWN, "shutdown");
    const server = (await waitForStatus(env, id, "SHUTOFF")).body.server;
    expect(server["OS-EXT-STS:power_state"]).toBe(PowerState.SHUTDOWN);
    expect(server.fault).toBeUndefined();
  });

  it("a paused-like run state (e.g. debug) updates power_state and leaves the server ACTIVE, as Nova does", async () => {
    const id = await boot("debug-paused");
    drift(id, PowerState.PAUSED, "debug");
    let server: Record<string, unknown> = {};
    await waitFor(async () => {
      server = await show(id);
      return server["OS-EXT-STS:power_state"] === PowerState.PAUSED;
    });
    expect(server.status).toBe("ACTIVE");
  });

  /** The generation of the newest desired state the agent received for `id`. */
  async function desiredGeneration(id: string, above = -1): Promise<number> {
    let generation = -1;
    await waitFor(async () => {
      for (const m of agent.received) {
        if (m.type !== "desired") continue;
        for (const d of m.instances) if (d.uuid === id) generation = Math.max(generation, d.generation);
      }
      return generation > above;
    });
    return generation;
  }

  it("a start whose guest crashes at once ends in ERROR, its action event an Error saying why", async () => {
    const id = await boot("crash-on-start");
    expect((await env.api("POST", `servers/${id}/action`, { body: { "os-stop": null } })).status).toBe(202);
    await waitForStatus(env, id, "SHUTOFF");
    const stopped = await desiredGeneration(id);
    agent.hold();
    expect((await env.api("POST", `servers/${id}/action`, { body: { "os-start": null } })).status).toBe(202);
    const generation = await desiredGeneration(id, stopped);
    // The agent's pass for the start is done (generation applied) and the guest froze under the hypervisor.
    agent.dropHeld();
    const local = agent.instances.get(id);
    if (!local) throw new Error(`agent does not have ${id}`);
    agent.send({
      type: "report",
      instances: [
        {
          uuid: id,
          powerState: PowerState.CRASHED,
          hypervisorState: "internal-error",
          exists: true,
          applied: { ...local.applied, generation },
          resizePending: false,
        },
      ],
    });
    const server = (await waitForStatus(env, id, "ERROR")).body.server;
    expect(server.fault.message).toMatch(/^The hypervisor reports internal-error/);
    const actions = await env.api("GET", `servers/${id}/os-instance-actions`);
    const start = actions.body.instanceActions.find((a: { action: string }) => a.action === "start");
    const detail = await env.api("GET", `servers/${id}/os-instance-actions/${start.request_id}`, {
      token: env.adminToken,
      mv: "2.62",
    });
    expect(detail.body.instanceAction.events).toEqual([
      expect.objectContaining({
        event: "compute_start_instance",
        result: "Error",
        traceback: server.fault.message,
      }),
    ]);
  });

  it("a spawn whose guest is already crashed ends in ERROR, not ACTIVE", async () => {
    agent.hold();
    const res = await createServer(env, {
      name: "crash-at-boot",
      imageRef: imageId,
      flavorRef: FLAVORS.small.id,
    });
    expect(res.status).toBe(202);
    const id: string = res.body.server.id;
    const generation = await desiredGeneration(id);
    // The agent spawned it (every counter applied) and found the guest frozen at once.
    agent.dropHeld();
    agent.send({
      type: "report",
      instances: [
        {
          uuid: id,
          powerState: PowerState.CRASHED,
          hypervisorState: "internal-error",
          exists: true,
          applied: { generation, rebootSeq: 0, rebuildSeq: 0, resizeSeq: 0 },
          resizePending: false,
        },
      ],
    });
    const server = (await waitForStatus(env, id, "ERROR")).body.server;
    expect(server.fault.message).toMatch(/^The hypervisor reports internal-error/);
  });
});
