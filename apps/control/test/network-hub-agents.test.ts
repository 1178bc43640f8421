import { CLOSE_HOST_MISMATCH } from "@zenith/agent-protocol/enrolment";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOWN_AFTER_S } from "../src/services/compute/host-liveness.ts";
import { waitFor } from "./harness.ts";
import { FakeNetworkAgent, type NetworkTestEnv, startNetworkEnv } from "./network-hub-harness.ts";

const AGENTS = "/networking/v2.0/agents";

describe("network hub: hosts and their Neutron agents", () => {
  let env: NetworkTestEnv;
  const agents: FakeNetworkAgent[] = [];

  beforeAll(async () => {
    env = await startNetworkEnv("network-hub-agents");
  });
  afterAll(async () => {
    for (const a of agents) await a.close();
    await env?.close();
  });

  const connect = async (host: string, credential: string) => {
    const agent = new FakeNetworkAgent(env.control.url, { host, credential, tunnelIp: "192.0.2.10" });
    agents.push(agent);
    await agent.connect();
    return agent;
  };
  const listOf = async (host: string, token = env.adminToken) => {
    const res = await env.control.request("GET", `${AGENTS}?host=${host}`, { token });
    expect(res.status).toBe(200);
    return res.body.agents as Array<Record<string, unknown>>;
  };
  /** The liveness window passing without a heartbeat, without waiting a minute for it. */
  const ageHeartbeat = (host: string) =>
    env.prisma.networkHost.update({
      where: { host },
      data: { lastHeartbeat: new Date(Date.now() - (DOWN_AFTER_S + 5) * 1000) },
    });

  it("hello registers the host's four agents, alive, as upstream shows them", async () => {
    const host = env.hostName("net-a");
    const agent = await connect(host, await env.control.running.enrolHost(host));
    expect(agent.closedWith).toBeNull();
    const listed = await listOf(host);
    expect(listed.map((a) => a.agent_type).sort()).toEqual([
      "DHCP agent",
      "L3 agent",
      "Linux bridge agent",
      "Metadata agent",
    ]);
    const byType = new Map(listed.map((a) => [a.agent_type, a]));
    expect(byType.get("DHCP agent")).toMatchObject({
      binary: "neutron-dhcp-agent",
      topic: "dhcp_agent",
      host,
      alive: true,
      admin_state_up: true,
      availability_zone: "nova",
    });
    expect(byType.get("L3 agent")).toMatchObject({ binary: "neutron-l3-agent", topic: "l3_agent" });
    expect(byType.get("Linux bridge agent")).toMatchObject({
      binary: "neutron-linuxbridge-agent",
      topic: "N/A",
      availability_zone: null,
      configurations: expect.objectContaining({ tunneling_ip: "192.0.2.10" }),
    });
    expect(byType.get("Metadata agent")).toMatchObject({ binary: "neutron-metadata-agent", topic: "N/A" });
    for (const a of listed) {
      expect(a.heartbeat_timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(a.started_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    }
    const id = String(byType.get("L3 agent")?.id);
    const shown = await env.control.request("GET", `${AGENTS}/${id}`, { token: env.adminToken });
    expect(shown.status).toBe(200);
    expect(shown.body.agent).toMatchObject({ id, agent_type: "L3 agent", host });
  });

  it("a reconnecting host keeps its agents' ids", async () => {
    const host = env.hostName("net-b");
    const credential = await env.control.running.enrolHost(host);
    const first = await connect(host, credential);
    const before = (await listOf(host)).map((a) => a.id).sort();
    await first.close();
    await connect(host, credential);
    expect((await listOf(host)).map((a) => a.id).sort()).toEqual(before);
  });

  it("agents are dead once heartbeats stop past the window, alive again on the next heartbeat", async () => {
    const host = env.hostName("net-c");
    const agent = await connect(host, await env.control.running.enrolHost(host));
    await ageHeartbeat(host);
    expect((await listOf(host)).every((a) => a.alive === false)).toBe(true);
    agent.heartbeat();
    await waitFor(async () => (await listOf(host)).every((a) => a.alive === true));
  });

  it("admins set admin_state_up and delete only agents that are down; others see no agent", async () => {
    const host = env.hostName("net-d");
    const agent = await connect(host, await env.control.running.enrolHost(host));
    const dhcp = (await listOf(host)).find((a) => a.agent_type === "DHCP agent");
    const id = String(dhcp?.id);
    const put = await env.control.request("PUT", `${AGENTS}/${id}`, {
      token: env.adminToken,
      body: { agent: { admin_state_up: false } },
    });
    expect(put.status).toBe(200);
    expect(put.body.agent).toMatchObject({ id, admin_state_up: false });

    expect(await listOf(host, env.demoToken)).toEqual([]);
    for (const [method, body] of [
      ["GET", undefined],
      ["PUT", { agent: { admin_state_up: true } }],
      ["DELETE", undefined],
    ] as const) {
      const res = await env.control.request(method, `${AGENTS}/${id}`, { token: env.demoToken, body });
      expect(res.status).toBe(404);
    }

    const alive = await env.control.request("DELETE", `${AGENTS}/${id}`, { token: env.adminToken });
    expect(alive.status).toBe(409);
    await agent.close();
    await ageHeartbeat(host);
    const dead = await env.control.request("DELETE", `${AGENTS}/${id}`, { token: env.adminToken });
    expect(dead.status).toBe(204);
    expect((await listOf(host)).map((a) => a.agent_type)).not.toContain("DHCP agent");
    const gone = await env.control.request("GET", `${AGENTS}/${id}`, { token: env.adminToken });
    expect(gone.status).toBe(404);
  });

  it("a host cannot claim another host's name, and a wrong credential is refused", async () => {
    const mine = env.hostName("net-e");
    const theirs = env.hostName("net-f");
    const credential = await env.control.running.enrolHost(mine);
    await env.control.running.enrolHost(theirs);
    const impostor = await connect(theirs, credential);
    await waitFor(async () => impostor.closedWith !== null);
    expect(impostor.closedWith?.code).toBe(CLOSE_HOST_MISMATCH);
    expect(impostor.hostId).toBe("");
    expect(await env.prisma.networkHost.findUnique({ where: { host: theirs } })).toBeNull();

    const wrong = new FakeNetworkAgent(env.control.url, {
      host: mine,
      credential: "not-a-credential",
      tunnelIp: "192.0.2.1",
    });
    await expect(wrong.connect()).rejects.toThrow(/401/);
  });
});
