/**
 * Writes the database refuses once (a transaction that timed out under a
 * build burst, seen by the 5,000-instance bench) must not leave a server
 * in BUILD for good nor fail it with a fault that lies: an agent reports
 * each state once, so the hub applies a refused report again on the host's
 * next heartbeat; a placement whose transaction fails is tried again. The
 * refusal is a trigger that fails one kind of change of a named instance,
 * once.
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
import { installRefuseOnce, type RefuseOnce } from "./refuse-once.ts";

describe("servers: writes the database refuses once", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let imageId: string;
  let db: RefuseOnce;

  beforeAll(async () => {
    ({ env, agent, imageId } = await startComputeWithAgent("report-retry", "cmp-retry"));
    // Marked by id or by name: a placement happens before the test knows the id.
    db = await installRefuseOnce(env.control.running.db.prisma, "instance", {
      byName: true,
      changed: `(r.what = 'vm_state' AND NEW.vm_state IS DISTINCT FROM OLD.vm_state) OR
                (r.what = 'placement' AND NEW.host_id IS DISTINCT FROM OLD.host_id)`,
    });
  });
  afterAll(() => stopComputeWithAgent({ env, agent }));

  /** The next change of `what` of the instance with this id or name fails, once. */
  const refuseOnce = (idOrName: string, what: "vm_state" | "placement") => db.mark(idOrName, what);

  it("a placement whose transaction fails is tried again: ACTIVE, not No valid host", async () => {
    await refuseOnce("placed-twice", "placement");
    const res = await createServer(env, {
      name: "placed-twice",
      imageRef: imageId,
      flavorRef: FLAVORS.small.id,
    });
    expect(res.status, res.text).toBe(202);
    const server = (await waitForStatus(env, res.body.server.id, "ACTIVE")).body.server;
    expect(server.fault).toBeUndefined();
    expect(await db.refused()).toBe(true);
  });

  it("is applied again on the next heartbeat: the server ends ACTIVE", async () => {
    agent.hold();
    const res = await createServer(env, {
      name: "refused-once",
      imageRef: imageId,
      flavorRef: FLAVORS.small.id,
    });
    expect(res.status, res.text).toBe(202);
    const id: string = res.body.server.id;
    await refuseOnce(id, "vm_state");
    agent.release();
    await agent.idle();

    // The spawn's report reached the hub and the database refused it.
    await waitFor(() => db.refused());
    const building = await env.api("GET", `servers/${id}`, { token: env.adminToken });
    expect(building.body.server.status).toBe("BUILD");

    agent.heartbeat();
    const server = (await waitForStatus(env, id, "ACTIVE")).body.server;
    expect(server["OS-EXT-STS:task_state"]).toBeNull();
  });

  it("does not keep the reports beside it in the same message from applying", async () => {
    const [a, b] = await Promise.all([
      bootActive(env, imageId, "beside-a"),
      bootActive(env, imageId, "beside-b"),
    ]);
    await refuseOnce(a, "vm_state");
    // Both guests shut themselves down; one power-sync report says so (a refused first).
    agent.send({ type: "report", instances: [shutDown(a), shutDown(b)] });
    await waitForStatus(env, b, "SHUTOFF");
    expect((await env.api("GET", `servers/${a}`, { token: env.adminToken })).body.server.status).toBe(
      "ACTIVE",
    );
    agent.heartbeat();
    await waitForStatus(env, a, "SHUTOFF");
  });

  /** What the agent knows of the instance, its guest now shut down: a power-sync drift report. */
  function shutDown(id: string): ActualInstance {
    const local = agent.instances.get(id);
    if (!local) throw new Error(`agent does not have ${id}`);
    return {
      uuid: id,
      powerState: PowerState.SHUTDOWN,
      exists: true,
      applied: { ...local.applied },
      resizePending: local.resizePending,
    };
  }
});
