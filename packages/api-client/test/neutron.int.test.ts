import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControl } from "../../../apps/control/src/server.ts";
import { isOpenStackError } from "../src/http.ts";
import { passwordLogin } from "../src/keystone/index.ts";
import { createNeutronClient, type NeutronClient } from "../src/neutron/index.ts";

/**
 * The Neutron client against the real control plane (in-memory database):
 * every collection's list/get/create/update/delete, router interfaces and
 * quotas, each response validated by the client's own schemas.
 */

const ADMIN_PASSWORD = "admin-neutron-client-password";
const DEMO_PASSWORD = "demo-neutron-client-password";
const run = `ncli-${process.pid}-${Date.now().toString(36)}`;
let control: Awaited<ReturnType<typeof startControl>>;
let admin: NeutronClient;
let demo: NeutronClient;
let demoProjectId = "";

async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return isOpenStackError(err) ? err.status : -1;
  }
}

beforeAll(async () => {
  control = await startControl({
    port: 0,
    databaseUrl: "memory://",
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    logLevel: "silent",
    joinTokenFile: false,
    seedStarterImage: false,
  });
  const authUrl = `${control.url}/identity/v3`;
  const endpoint = `${control.url}/networking`;
  const adminSession = await passwordLogin({ authUrl, username: "admin", password: ADMIN_PASSWORD });
  const demoSession = await passwordLogin({ authUrl, username: "demo", password: DEMO_PASSWORD });
  demoProjectId = demoSession.project?.id ?? "";
  admin = createNeutronClient({ endpoint, token: adminSession.token });
  demo = createNeutronClient({ endpoint, token: demoSession.token });
});

afterAll(async () => {
  await control?.close();
});

describe("first-start networking as the client reads it", () => {
  it("lists public (external) and demo's private with its subnet and router1", async () => {
    const networks = await demo.networks.listAll();
    const pub = networks.find((n) => n.name === "public");
    const priv = networks.find((n) => n.name === "private");
    expect(pub?.["router:external"]).toBe(true);
    expect(priv?.subnets).toHaveLength(1);
    const subnet = await demo.subnets.get(priv?.subnets[0] ?? "");
    expect(subnet).toMatchObject({ cidr: "10.0.0.0/26", ip_version: 4, enable_dhcp: true });
    const routers = await demo.routers.list({ name: "router1" });
    expect(routers.items[0]?.external_gateway_info?.network_id).toBe(pub?.id);
    const extensions = await demo.extensions();
    expect(extensions.map((e) => e.alias)).toEqual(expect.arrayContaining(["router", "quotas"]));
  });
});

describe("networks, subnets and ports", () => {
  it("creates, reads, filters, updates and deletes each", async () => {
    const net = await demo.networks.create({ name: `${run}-net`, description: "client test" });
    expect(net).toMatchObject({ name: `${run}-net`, admin_state_up: true, shared: false, subnets: [] });
    expect((await demo.networks.get(net.id)).id).toBe(net.id);
    const renamed = await demo.networks.update(net.id, { name: `${run}-net2` });
    expect(renamed.name).toBe(`${run}-net2`);
    // Repeated keys: two ids in one filter.
    const privId = (await demo.networks.list({ name: "private" })).items[0]?.id ?? "";
    const two = await demo.networks.listAll({ id: [net.id, privId] });
    expect(two.map((n) => n.id).sort()).toEqual([net.id, privId].sort());

    const subnet = await demo.subnets.create({
      network_id: net.id,
      ip_version: 4,
      cidr: "10.77.0.0/24",
      name: `${run}-sub`,
      dns_nameservers: ["192.0.2.53"],
      allocation_pools: [{ start: "10.77.0.10", end: "10.77.0.99" }],
    });
    expect(subnet).toMatchObject({ gateway_ip: "10.77.0.1", dns_nameservers: ["192.0.2.53"] });
    expect((await demo.subnets.listAll({ network_id: net.id })).map((s) => s.id)).toEqual([subnet.id]);
    const noGateway = await demo.subnets.update(subnet.id, { gateway_ip: null, name: `${run}-sub2` });
    expect(noGateway).toMatchObject({ gateway_ip: null, name: `${run}-sub2` });

    const port = await demo.ports.create({ network_id: net.id, name: `${run}-port` });
    expect(port.fixed_ips[0]?.subnet_id).toBe(subnet.id);
    expect(port.mac_address).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect((await demo.ports.get(port.id)).network_id).toBe(net.id);
    expect((await demo.ports.update(port.id, { name: `${run}-port2` })).name).toBe(`${run}-port2`);
    expect((await demo.ports.listAll({ network_id: net.id, device_owner: "" })).map((p) => p.id)).toContain(
      port.id,
    );

    // A network with a port in use is refused with Neutron's own words.
    await expect(demo.networks.delete(net.id)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/in use/i),
    });
    await demo.ports.delete(port.id);
    await demo.subnets.delete(subnet.id);
    await demo.networks.delete(net.id);
    expect(await statusOf(demo.networks.get(net.id))).toBe(404);
  });

  it("passes on Neutron's message for an overlapping subnet", async () => {
    const net = await demo.networks.create({ name: `${run}-overlap` });
    await demo.subnets.create({ network_id: net.id, ip_version: 4, cidr: "10.78.0.0/24" });
    await expect(
      demo.subnets.create({ network_id: net.id, ip_version: 4, cidr: "10.78.0.128/25" }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/overlap/i) });
  });
});

describe("routers and floating IPs", () => {
  it("sets a gateway, adds and removes an interface, routes, and associates a floating IP", async () => {
    const pub = (await demo.networks.list({ name: "public" })).items[0];
    expect(pub).toBeDefined();
    const net = await demo.networks.create({ name: `${run}-rnet` });
    const subnet = await demo.subnets.create({ network_id: net.id, ip_version: 4, cidr: "10.79.0.0/24" });
    const router = await demo.routers.create({
      name: `${run}-router`,
      external_gateway_info: { network_id: pub?.id ?? "" },
    });
    expect(router.external_gateway_info?.external_fixed_ips?.[0]?.ip_address).toMatch(/^172\.24\.4\./);
    expect((await demo.routers.get(router.id)).name).toBe(`${run}-router`);

    const added = await demo.routers.addInterface(router.id, { subnet_id: subnet.id });
    expect(added).toMatchObject({ id: router.id, subnet_id: subnet.id });
    const routed = await demo.routers.update(router.id, {
      routes: [{ destination: "192.168.50.0/24", nexthop: "10.79.0.5" }],
    });
    expect(routed.routes).toEqual([{ destination: "192.168.50.0/24", nexthop: "10.79.0.5" }]);

    const port = await demo.ports.create({ network_id: net.id });
    const fip = await demo.floatingIps.create({ floating_network_id: pub?.id ?? "", port_id: port.id });
    expect(fip).toMatchObject({ port_id: port.id, router_id: router.id });
    expect(fip.fixed_ip_address).toBe(port.fixed_ips[0]?.ip_address);
    expect((await demo.floatingIps.get(fip.id)).floating_ip_address).toBe(fip.floating_ip_address);
    expect((await demo.floatingIps.listAll({ port_id: port.id })).map((f) => f.id)).toEqual([fip.id]);
    const loose = await demo.floatingIps.update(fip.id, { port_id: null });
    expect(loose).toMatchObject({ port_id: null, fixed_ip_address: null });
    await demo.floatingIps.delete(fip.id);
    await demo.ports.delete(port.id);

    await demo.routers.update(router.id, { routes: [] });
    const removed = await demo.routers.removeInterface(router.id, { subnet_id: subnet.id });
    expect(removed.port_id).toBe(added.port_id);
    const cleared = await demo.routers.update(router.id, { external_gateway_info: null });
    expect(cleared.external_gateway_info).toBeNull();
    await demo.routers.delete(router.id);
    expect(await statusOf(demo.routers.get(router.id))).toBe(404);
  });
});

describe("security groups and rules", () => {
  it("creates a group with its default egress rules, adds, reads and deletes a rule", async () => {
    const group = await demo.securityGroups.create({ name: `${run}-sg`, description: "web" });
    expect(group.security_group_rules.every((r) => r.direction === "egress")).toBe(true);
    expect((await demo.securityGroups.update(group.id, { description: "web tier" })).description).toBe(
      "web tier",
    );
    const rule = await demo.securityGroupRules.create({
      security_group_id: group.id,
      direction: "ingress",
      ethertype: "IPv4",
      protocol: "tcp",
      port_range_min: 22,
      port_range_max: 22,
      remote_ip_prefix: "0.0.0.0/0",
    });
    expect(rule).toMatchObject({ protocol: "tcp", port_range_min: 22, remote_group_id: null });
    expect((await demo.securityGroupRules.get(rule.id)).security_group_id).toBe(group.id);
    const fromGroup = await demo.securityGroupRules.create({
      security_group_id: group.id,
      direction: "ingress",
      remote_group_id: group.id,
    });
    expect(fromGroup).toMatchObject({ protocol: null, port_range_min: null, remote_group_id: group.id });
    const rules = await demo.securityGroupRules.listAll({ security_group_id: group.id });
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining([rule.id, fromGroup.id]));
    await demo.securityGroupRules.delete(rule.id);
    expect((await demo.securityGroups.get(group.id)).security_group_rules.map((r) => r.id)).not.toContain(
      rule.id,
    );
    await demo.securityGroups.delete(group.id);
    expect((await demo.securityGroups.listAll({ name: `${run}-sg` })).length).toBe(0);
  });
});

describe("agents (admin)", () => {
  it("lists, shows, updates and deletes an agent that is down", async () => {
    // No network agent runs here: a host that stopped heartbeating is seeded.
    const agentId = randomUUID();
    await control.db.prisma.networkHost.create({
      data: {
        id: randomUUID(),
        host: `${run}-host`,
        tunnelIp: "192.0.2.30",
        lastHeartbeat: new Date(Date.now() - 3_600_000),
        agents: {
          create: { id: agentId, agentType: "DHCP agent", binary: "neutron-dhcp-agent", topic: "dhcp_agent" },
        },
      },
    });
    const listed = await admin.agents.listAll({ host: `${run}-host` });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: agentId, alive: false, admin_state_up: true });
    expect(listed[0]?.heartbeat_timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // Booleans as strings: the shared query builder drops `false`.
    expect((await admin.agents.listAll({ alive: "false", host: `${run}-host` })).length).toBe(1);
    expect((await admin.agents.get(agentId)).agent_type).toBe("DHCP agent");
    expect((await admin.agents.update(agentId, { admin_state_up: false })).admin_state_up).toBe(false);
    // A member sees no agents at all, as upstream.
    expect(await demo.agents.listAll()).toEqual([]);
    await admin.agents.delete(agentId);
    expect(await statusOf(admin.agents.get(agentId))).toBe(404);
  });
});

describe("quotas", () => {
  it("reads limits, details and defaults, updates and resets", async () => {
    const limits = await admin.quotas.get(demoProjectId);
    expect(limits.network).toEqual(expect.any(Number));
    const details = await demo.quotas.details(demoProjectId);
    expect(details.network).toMatchObject({ used: expect.any(Number), limit: limits.network, reserved: 0 });
    const defaults = await admin.quotas.defaults(demoProjectId);
    const updated = await admin.quotas.update(demoProjectId, { network: 42, floatingip: -1 });
    expect(updated).toMatchObject({ network: 42, floatingip: -1 });
    expect((await demo.quotas.details(demoProjectId)).network?.limit).toBe(42);
    // A member may read its own quota but not set it.
    expect(await statusOf(demo.quotas.update(demoProjectId, { network: 1000 }))).toBe(403);
    await admin.quotas.reset(demoProjectId);
    expect((await admin.quotas.get(demoProjectId)).network).toBe(defaults.network);
  });
});
