/**
 * Servers on networks (`networks: [{uuid}]`, `auto`, fixed IPs,
 * multi-create): Nova makes the ports through the Neutron API's services
 * when the server is placed, binds them to its host, waits for them to be
 * wired, shows their addresses and deletes them with the server. Networks
 * and subnets are made through the real Neutron API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  boot,
  desiredOf,
  type NetComputeEnv,
  otherProject,
  securityGroup,
  startNetCompute,
  waitForStatus,
} from "./compute-network-harness.ts";
import { FakeAgent } from "./compute-servers-harness.ts";
import { waitFor } from "./harness.ts";

describe("servers on networks, their ports made by Nova", () => {
  let t: NetComputeEnv;

  beforeAll(async () => {
    t = await startNetCompute("cn_boot");
  });
  afterAll(() => t?.close());

  const neutron = (method: string, path: string, body?: unknown, token = t.env.demoToken) =>
    t.env.api(method, `/networking/v2.0/${path}`, { token, body });

  /** A network with one IPv4 subnet, through the Neutron API. */
  async function network(
    cidr: string,
    opts: { token?: string; shared?: boolean; pool?: { start: string; end: string }; dhcp?: boolean } = {},
  ) {
    const name = t.unique(`n-${cidr.split("/")[0]}`);
    const net = await neutron(
      "POST",
      "networks",
      { network: { name, ...(opts.shared ? { shared: true } : {}) } },
      opts.token,
    );
    expect(net.status, net.text).toBe(201);
    const sub = await neutron(
      "POST",
      "subnets",
      {
        subnet: {
          network_id: net.body.network.id,
          cidr,
          ip_version: 4,
          ...(opts.pool ? { allocation_pools: [opts.pool] } : {}),
          ...(opts.dhcp === false ? { enable_dhcp: false } : {}),
        },
      },
      opts.token,
    );
    expect(sub.status, sub.text).toBe(201);
    return { id: net.body.network.id as string, name, subnetId: sub.body.subnet.id as string };
  }

  const portsOf = async (id: string) =>
    (await neutron("GET", `ports?device_id=${id}`, undefined, t.env.adminToken)).body.ports;

  it("boots on a network: a port bound to the host, ACTIVE once wired, shown in addresses", async () => {
    const net = await network("10.60.0.0/24");
    const res = await boot(t, "on-net", { networks: [{ uuid: net.id }] });
    expect(res.status, res.text).toBe(202);
    expect(res.body.server.security_groups).toEqual([{ name: "default" }]);
    const id: string = res.body.server.id;
    const active = await waitForStatus(t.env, id, "ACTIVE");
    const [port, ...more] = await portsOf(id);
    expect(more).toEqual([]);
    expect(port).toMatchObject({
      network_id: net.id,
      device_id: id,
      device_owner: "compute:nova",
      "binding:host_id": t.host,
      "binding:vif_type": "bridge",
      status: "ACTIVE",
      project_id: t.env.demoProjectId,
    });
    const addr: string = port.fixed_ips[0].ip_address;
    expect(addr.startsWith("10.60.0.")).toBe(true);
    expect(active.body.server.addresses).toEqual({
      [net.name]: [
        { version: 4, addr, "OS-EXT-IPS:type": "fixed", "OS-EXT-IPS-MAC:mac_addr": port.mac_address },
      ],
    });
    expect(active.body.server.security_groups).toEqual([{ name: "default" }]);
    expect(desiredOf(t.compute, id)?.ports).toEqual([
      { id: port.id, mac: port.mac_address, device: `tap${port.id.slice(0, 11)}`, mtu: 1450 },
    ]);
    // The server's delete deletes the port Nova made.
    expect((await t.env.api("DELETE", `servers/${id}`)).status).toBe(204);
    await waitFor(async () => (await neutron("GET", `ports/${port.id}`)).status === 404);
  });

  it("honours a fixed IP and named security groups", async () => {
    const net = await network("10.61.0.0/24");
    const groupName = t.unique("web");
    await securityGroup(t, t.env.demoProjectId, groupName);
    const res = await boot(t, "fixed", {
      networks: [{ uuid: net.id, fixed_ip: "10.61.0.42" }],
      security_groups: [{ name: groupName }],
    });
    expect(res.status, res.text).toBe(202);
    const id: string = res.body.server.id;
    const active = await waitForStatus(t.env, id, "ACTIVE");
    expect(active.body.server.addresses[net.name][0].addr).toBe("10.61.0.42");
    expect(active.body.server.security_groups).toEqual([{ name: groupName }]);
  });

  it("makes a port per instance of a multi-create, with distinct addresses", async () => {
    const net = await network("10.62.0.0/24");
    const res = await boot(t, "multi", { networks: [{ uuid: net.id }], min_count: 3, max_count: 3 });
    expect(res.status, res.text).toBe(202);
    const servers = (await t.env.api("GET", "servers?name=^multi-")).body.servers;
    expect(servers).toHaveLength(3);
    const addrs: string[] = [];
    for (const s of servers) {
      const active = await waitForStatus(t.env, s.id, "ACTIVE");
      addrs.push(active.body.server.addresses[net.name][0].addr);
    }
    expect(new Set(addrs).size).toBe(3);
  });

  it("auto picks the project's only network; a shared network of another project is usable", async () => {
    const fresh = await otherProject(t, "cn-boot-auto");
    const own = await network("10.63.0.0/24", { token: fresh.token });
    const auto = await boot(t, "auto", { networks: "auto" }, { token: fresh.token, mv: "2.37" });
    expect(auto.status, auto.text).toBe(202);
    const active = await waitForStatus(t.env, auto.body.server.id, "ACTIVE");
    expect(Object.keys(active.body.server.addresses)).toEqual([own.name]);

    const shared = await network("10.64.0.0/24", { token: t.env.adminToken, shared: true });
    const onShared = await boot(t, "on-shared", { networks: [{ uuid: shared.id }] }, { token: fresh.token });
    expect(onShared.status, onShared.text).toBe(202);
    const up = await waitForStatus(t.env, onShared.body.server.id, "ACTIVE");
    expect(Object.keys(up.body.server.addresses)).toEqual([shared.name]);
    // The port is the booting project's, on the admin's network.
    const [port] = await portsOf(onShared.body.server.id);
    expect(port.project_id).toBe(fresh.projectId);
    // With two usable networks now, auto is ambiguous.
    const ambiguous = await boot(t, "auto-2", { networks: "auto" }, { token: fresh.token, mv: "2.37" });
    expect(ambiguous.status).toBe(409);
  });

  it("no address left: the server goes to ERROR with the network fault; the port quota answers 403 at the API", async () => {
    const net = await network("10.65.0.0/29", {
      pool: { start: "10.65.0.2", end: "10.65.0.2" },
      dhcp: false,
    });
    const first = await boot(t, "last-ip", { networks: [{ uuid: net.id }] });
    await waitForStatus(t.env, first.body.server.id, "ACTIVE");
    const second = await boot(t, "no-ip", { networks: [{ uuid: net.id }] });
    expect(second.status).toBe(202);
    const failed = await waitForStatus(t.env, second.body.server.id, "ERROR");
    expect(failed.body.server.fault.message).toContain(
      `Build of instance ${second.body.server.id} aborted: Failed to allocate the network(s)`,
    );
    expect(await portsOf(second.body.server.id)).toEqual([]);

    const fresh = await otherProject(t, "cn-boot-quota");
    const own = await network("10.66.0.0/24", { token: fresh.token, dhcp: false });
    const quota = await neutron("PUT", `quotas/${fresh.projectId}`, { quota: { port: 1 } }, t.env.adminToken);
    expect(quota.status, quota.text).toBe(200);
    const over = await boot(
      t,
      "over",
      { networks: [{ uuid: own.id }], min_count: 2, max_count: 2 },
      { token: fresh.token },
    );
    expect(over.status).toBe(403);
    expect(over.body.forbidden.message).toBe("Maximum number of ports exceeded");
    // Between min_count and max_count, as many as the quota allows.
    const some = await boot(
      t,
      "some",
      { networks: [{ uuid: own.id }], min_count: 1, max_count: 3 },
      { token: fresh.token },
    );
    expect(some.status).toBe(202);
    const made = (await t.env.api("GET", "servers?name=^some", { token: fresh.token })).body.servers;
    expect(made).toHaveLength(1);
    // Attaching one more port is over the quota too: Nova's 403.
    await waitForStatus(t.env, made[0].id, "ACTIVE");
    const attach = await t.env.api("POST", `servers/${made[0].id}/os-interface`, {
      token: fresh.token,
      body: { interfaceAttachment: { net_id: own.id } },
    });
    expect(attach.status).toBe(403);
    expect(attach.body.forbidden.message).toBe("Maximum number of ports exceeded");
  });

  it("shows a floating IP after its fixed address, and frees it when the server goes", async () => {
    // Demo's `private` of first-start networking, which router1 connects to public.
    const priv = (await neutron("GET", "networks?name=private")).body.networks[0];
    const res = await boot(t, "fip", { networks: [{ uuid: priv.id }] });
    expect(res.status, res.text).toBe(202);
    const id: string = res.body.server.id;
    await waitForStatus(t.env, id, "ACTIVE");
    const [port] = await portsOf(id);
    const pub = (await neutron("GET", "networks?name=public", undefined, t.env.adminToken)).body.networks[0];
    const fip = await neutron("POST", "floatingips", {
      floatingip: { floating_network_id: pub.id, port_id: port.id },
    });
    expect(fip.status, fip.text).toBe(201);
    const floating: string = fip.body.floatingip.floating_ip_address;
    const shown = await t.env.api("GET", `servers/${id}`);
    const entry = (addr: string, type: string) => ({
      version: 4,
      addr,
      "OS-EXT-IPS:type": type,
      "OS-EXT-IPS-MAC:mac_addr": port.mac_address,
    });
    expect(shown.body.server.addresses).toEqual({
      private: [entry(port.fixed_ips[0].ip_address, "fixed"), entry(floating, "floating")],
    });
    const byFloating = await t.env.api("GET", `servers?ip=${floating.replace(/\./g, "%5C.")}`);
    expect(byFloating.body.servers.map((s: { id: string }) => s.id)).toEqual([id]);

    expect((await t.env.api("DELETE", `servers/${id}`)).status).toBe(204);
    await waitFor(async () => (await neutron("GET", `ports/${port.id}`)).status === 404);
    const kept = await neutron("GET", `floatingips/${fip.body.floatingip.id}`);
    expect(kept.status).toBe(200);
    expect(kept.body.floatingip).toMatchObject({ port_id: null, fixed_ip_address: null, status: "DOWN" });
  });

  it("a rescheduled build keeps its port, rebound to the host it lands on", async () => {
    // A host with more free RAM (spread places there first) whose spawns fail.
    const failing = t.unique("cn-failing");
    const credential = await t.env.control.running.enrolHost(failing);
    const bad = new FakeAgent(
      { host: failing, token: credential, memoryMb: 1_000_000, vcpus: 64, failSpawn: "no room for guests" },
      t.env.control.url,
    );
    await bad.connect();
    try {
      const net = await network("10.69.0.0/24");
      const res = await boot(t, "resched", { networks: [{ uuid: net.id }] });
      const id: string = res.body.server.id;
      await waitForStatus(t.env, id, "ACTIVE");
      const inst = await t.prisma.instance.findUniqueOrThrow({ where: { id }, include: { host: true } });
      expect(inst.host?.host).toBe(t.host);
      expect(inst.triedHosts).toHaveLength(2);
      const ports = await portsOf(id);
      expect(ports).toHaveLength(1);
      expect(ports[0]).toMatchObject({ "binding:host_id": t.host, status: "ACTIVE" });
    } finally {
      await bad.close();
      // Out of the scheduler's way for the next tests (as `compute service set --disable`).
      await t.prisma.computeHost.updateMany({ where: { host: failing }, data: { disabled: true } });
    }
  });

  it("attaches an interface on a network (a new port) and deletes that port on detach", async () => {
    const first = await network("10.67.0.0/24");
    const second = await network("10.68.0.0/24");
    const res = await boot(t, "two-nics", { networks: [{ uuid: first.id }] });
    const id: string = res.body.server.id;
    await waitForStatus(t.env, id, "ACTIVE");
    const attached = await t.env.api("POST", `servers/${id}/os-interface`, {
      body: { interfaceAttachment: { net_id: second.id, fixed_ips: [{ ip_address: "10.68.0.50" }] } },
    });
    expect(attached.status, attached.text).toBe(200);
    const portId: string = attached.body.interfaceAttachment.port_id;
    expect(attached.body.interfaceAttachment.fixed_ips[0].ip_address).toBe("10.68.0.50");
    await waitFor(async () => desiredOf(t.compute, id)?.ports.length === 2);
    const shown = await t.env.api("GET", `servers/${id}`);
    expect(Object.keys(shown.body.server.addresses).sort()).toEqual([first.name, second.name].sort());
    expect((await t.env.api("DELETE", `servers/${id}/os-interface/${portId}`)).status).toBe(202);
    expect((await neutron("GET", `ports/${portId}`)).status).toBe(404);
    const unknown = await t.env.api("POST", `servers/${id}/os-interface`, {
      body: { interfaceAttachment: { net_id: "7f1d1a0e-0000-4000-8000-000000000000" } },
    });
    expect(unknown.status).toBe(404);
  });
});
