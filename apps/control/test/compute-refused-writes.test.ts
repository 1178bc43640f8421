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

const REFUSE_ONCE = [
  "CREATE SEQUENCE test_refusals",
  // `id` is the instance's id or its name (a placement happens before the test knows the id).
  "CREATE TABLE test_refused (id text NOT NULL, what text NOT NULL)",
  `CREATE FUNCTION test_refuse_once() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF EXISTS (
       SELECT 1 FROM test_refused r WHERE r.id IN (NEW.id, NEW.name) AND (
         (r.what = 'vm_state' AND NEW.vm_state IS DISTINCT FROM OLD.vm_state) OR
         (r.what = 'placement' AND NEW.host_id IS DISTINCT FROM OLD.host_id))
     ) THEN
       IF nextval('test_refusals') = 1 THEN
         RAISE EXCEPTION 'the database refuses this change once (test)';
       END IF;
     END IF;
     RETURN NEW;
   END $$`,
  "CREATE TRIGGER test_refuse_once BEFORE UPDATE ON instance FOR EACH ROW EXECUTE FUNCTION test_refuse_once()",
];

describe("servers: writes the database refuses once", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let imageId: string;

  beforeAll(async () => {
    ({ env, agent, imageId } = await startComputeWithAgent("report-retry", "cmp-retry"));
    for (const sql of REFUSE_ONCE) await env.control.running.db.prisma.$executeRawUnsafe(sql);
  });
  afterAll(() => stopComputeWithAgent({ env, agent }));

  /** The next change of `what` of the instance with this id or name fails, once. */
  async function refuseOnce(idOrName: string, what: "vm_state" | "placement"): Promise<void> {
    const prisma = env.control.running.db.prisma;
    await prisma.$executeRawUnsafe("DELETE FROM test_refused");
    await prisma.$executeRawUnsafe("ALTER SEQUENCE test_refusals RESTART");
    await prisma.$executeRawUnsafe("INSERT INTO test_refused (id, what) VALUES ($1, $2)", idOrName, what);
  }

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
    const rows = await env.control.running.db.prisma.$queryRawUnsafe<{ is_called: boolean }[]>(
      "SELECT is_called FROM test_refusals",
    );
    expect(rows[0]?.is_called).toBe(true);
  });

  it("is applied again on the next heartbeat: the server ends ACTIVE", async () => {
    const prisma = env.control.running.db.prisma;
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
    await waitFor(async () => {
      const rows = await prisma.$queryRawUnsafe<{ is_called: boolean }[]>(
        "SELECT is_called FROM test_refusals",
      );
      return rows[0]?.is_called === true;
    });
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
