/**
 * A network agent reports its applied state once per change. A report the
 * database refuses (a transaction that timed out under load) must not
 * leave a wired port DOWN for good: the hub applies it again on the host's
 * next heartbeat. The refusal is a trigger that fails the port's change of
 * status, once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "./harness.ts";
import {
  FakeNetworkAgent,
  type NetworkTestEnv,
  seedNetwork,
  seedPort,
  startNetworkEnv,
} from "./network-hub-harness.ts";
import { installRefuseOnce, type RefuseOnce } from "./refuse-once.ts";

describe("network hub: an agent report the database refuses", () => {
  let env: NetworkTestEnv;
  let agent: FakeNetworkAgent;
  let host = "";
  let db: RefuseOnce;

  beforeAll(async () => {
    env = await startNetworkEnv("network-hub-refused-report");
    db = await installRefuseOnce(env.prisma, "port", { changed: "NEW.status IS DISTINCT FROM OLD.status" });
    host = env.hostName("refused");
    agent = new FakeNetworkAgent(env.control.url, {
      host,
      credential: await env.control.running.enrolHost(host),
      tunnelIp: "192.0.2.9",
    });
    await agent.connect();
  });
  afterAll(async () => {
    await agent?.close();
    await env?.close();
  });

  it("is applied again on the next heartbeat: the port ends ACTIVE", async () => {
    const { networkId, subnetId } = await seedNetwork(env.prisma, {
      projectId: env.demoProjectId,
      cidr: "10.77.0.0/24",
      gateway: "10.77.0.1",
    });
    const port = await seedPort(env.prisma, {
      projectId: env.demoProjectId,
      networkId,
      subnetId,
      address: "10.77.0.5",
      host,
    });
    await db.mark(port);
    await env.publish(agent);

    // The agent reported the port wired and the database refused it.
    await waitFor(() => db.refused());
    await env.settle(agent);
    const status = async () => (await env.prisma.port.findUniqueOrThrow({ where: { id: port } })).status;
    expect(await status()).toBe("DOWN");

    agent.heartbeat();
    await waitFor(async () => (await status()) === "ACTIVE");
  });
});
