import { randomUUID } from "node:crypto";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetworkAgent } from "../../network-agent/src/agent.ts";
import { FakeDriver } from "../../network-agent/src/driver/fake.ts";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type Harness,
  runName,
  startHarness,
  waitFor,
} from "./cloud-harness.ts";

/**
 * Admin → Network (agents, per-project network quotas) and the project
 * overview's network usage against the real control plane (in-memory
 * database) with one in-process network agent on the fake driver, so the
 * agents listed are the ones the control plane really reports.
 */

const run = runName("nadm");
const LIVE_HOST = `${run}-live`;
const DEAD_HOST = `${run}-dead`;
let cloud: Harness;
let agent: NetworkAgent;

const as = (username: string, password: string) => cloud.as(username, password);

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

beforeAll(async () => {
  cloud = await startHarness({ name: "netadmin", unique: run, control: { joinTokenFile: false } });
  const { control, dataDir } = cloud;
  const credential = await control.enrolHost(LIVE_HOST);
  agent = new NetworkAgent({
    host: LIVE_HOST,
    controlUrl: control.url,
    token: async () => credential,
    dataDir,
    driver: new FakeDriver(),
    tunnelIp: "192.0.2.20",
    physicalNetworks: ["public"],
    logger: createLogger("netadmin-int-agent", "silent"),
    backoff: { initialMs: 20, maxMs: 200 },
  });
  await agent.start();
  // A host that stopped heartbeating an hour ago: its agent is down (seeded, as no process plays it).
  const hostId = randomUUID();
  await control.db.prisma.networkHost.create({
    data: {
      id: hostId,
      host: DEAD_HOST,
      tunnelIp: "192.0.2.21",
      lastHeartbeat: new Date(Date.now() - 3_600_000),
      startedAt: new Date(Date.now() - 7_200_000),
      agents: {
        create: { id: randomUUID(), agentType: "L3 agent", binary: "neutron-l3-agent", topic: "l3_agent" },
      },
    },
  });
});

afterAll(async () => {
  await agent?.stop();
  await cloud?.close();
});

describe("admin.network.agents", () => {
  it("lists the agents with alive state, heartbeat and zone as the control plane reports them", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const live = await waitFor("the live host's agents", async () => {
      const page = await caller.admin.network.agents.list({ host: LIVE_HOST, alive: true });
      return page.total === 4 ? page : undefined;
    });
    expect(live.items.map((a) => a.type).sort()).toEqual([
      "DHCP agent",
      "L3 agent",
      "Linux bridge agent",
      "Metadata agent",
    ]);
    for (const a of live.items) {
      expect(a).toMatchObject({ host: LIVE_HOST, alive: true, adminStateUp: true });
      // Neutron's naive UTC time became a zoned ISO instant, within the last minutes.
      expect(a.heartbeatAt).toMatch(/Z$/);
      expect(Math.abs(Date.now() - Date.parse(a.heartbeatAt ?? ""))).toBeLessThan(300_000);
    }
    expect(live.items.find((a) => a.type === "L3 agent")?.availabilityZone).toBe("nova");
    expect(live.items.find((a) => a.type === "Linux bridge agent")?.availabilityZone).toBeNull();

    const down = await caller.admin.network.agents.list({ alive: false, q: run });
    expect(down.items).toHaveLength(1);
    expect(down.items[0]).toMatchObject({ host: DEAD_HOST, type: "L3 agent", alive: false });
  });

  it("filters by type and text, sorts and pages on the server", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const l3 = await caller.admin.network.agents.list({ type: "L3 agent", q: run, sort: "host" });
    expect(l3.items.map((a) => a.host)).toEqual([DEAD_HOST, LIVE_HOST]);
    const desc = await caller.admin.network.agents.list({ q: run, sort: "alive", dir: "desc" });
    expect(desc.items[0]?.alive).toBe(true);
    expect(desc.items.at(-1)?.alive).toBe(false);
    const page2 = await caller.admin.network.agents.list({ q: run, sort: "type", pageSize: 2, page: 2 });
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items).toHaveLength(2);
  });

  it("disables and re-enables an agent (admin_state_up) and says which agent is missing", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const page = await caller.admin.network.agents.list({ host: LIVE_HOST, type: "DHCP agent" });
    const dhcp = page.items[0];
    expect(dhcp).toBeDefined();
    if (!dhcp) return;
    const off = await caller.admin.network.agents.setEnabled({ id: dhcp.id, enabled: false });
    expect(off).toMatchObject({ id: dhcp.id, adminStateUp: false });
    const disabled = await caller.admin.network.agents.list({ host: LIVE_HOST, adminStateUp: false });
    expect(disabled.items.map((a) => a.id)).toEqual([dhcp.id]);
    const on = await caller.admin.network.agents.setEnabled({ id: dhcp.id, enabled: true });
    expect(on.adminStateUp).toBe(true);
    await expect(
      caller.admin.network.agents.setEnabled({ id: "no-such-agent", enabled: false }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "Agent no-such-agent could not be found." });
  });
});

describe("admin.network.quotas", () => {
  it("updates a project's network limits and reads them back with usage", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const demo = (await caller.identity.projects.list({ q: "demo" })).items.find((p) => p.name === "demo");
    expect(demo).toBeDefined();
    if (!demo) return;
    const before = await caller.admin.network.quotas.get({ projectId: demo.id });
    // First start gave demo `private` (with its subnet) and `router1`.
    expect(before.quota.networks?.used).toBe(1);
    expect(before.quota.subnets?.used).toBe(1);
    expect(before.quota.routers?.used).toBe(1);
    const updated = await caller.admin.network.quotas.update({
      projectId: demo.id,
      limits: { networks: 7, floatingIps: -1, securityGroupRules: 250 },
    });
    expect(updated.limits).toMatchObject({ networks: 7, floatingIps: -1, securityGroupRules: 250 });
    const after = await caller.admin.network.quotas.get({ projectId: demo.id });
    expect(after.quota.networks).toEqual({ used: 1, limit: 7 });
    expect(after.quota.floatingIps?.limit).toBe(-1);
    expect(after.quota.securityGroupRules?.limit).toBe(250);
    // Untouched limits keep their values.
    expect(after.quota.ports?.limit).toBe(before.quota.ports?.limit);
  });

  it("refuses limits below -1 or fractional before calling the cloud", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const own = (await caller.session.me()).project?.id ?? "";
    expect(await codeOf(caller.admin.network.quotas.update({ projectId: own, limits: { ports: -2 } }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(caller.admin.network.quotas.update({ projectId: own, limits: { ports: 1.5 } }))).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("as the demo member", () => {
  it("is refused every admin.network procedure", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const own = (await caller.session.me()).project?.id ?? "";
    expect(await codeOf(caller.admin.network.agents.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(caller.admin.network.agents.setEnabled({ id: "x", enabled: false }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(caller.admin.network.quotas.get({ projectId: own }))).toBe("FORBIDDEN");
    expect(
      await codeOf(caller.admin.network.quotas.update({ projectId: own, limits: { networks: 100 } })),
    ).toBe("FORBIDDEN");
  });

  it("sees its own project's network usage in the overview, not another project's", async () => {
    // A network in the admin project must not count towards demo's use.
    const neutron = await cloud.neutronAs("admin", ADMIN_PASSWORD);
    await neutron.networks.create({ name: `${run}-admin-net` });
    const { caller } = await as("demo", DEMO_PASSWORD);
    const overview = await caller.compute.overview();
    expect(overview.network).not.toBeNull();
    expect(overview.network?.networks?.used).toBe(1);
    expect(overview.network?.routers?.used).toBe(1);
    expect(overview.network?.networks?.limit).toEqual(expect.any(Number));
  });
});
