/**
 * Servers on ports users brought (`networks: [{port}]`, os-interface with
 * port_id): the port is bound at placement, the server stays BUILD until
 * the host's network agent reports the port wired, addresses come from the
 * port, and the server's delete only unbinds it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  boot,
  desiredOf,
  type NetComputeEnv,
  otherProject,
  securityGroup,
  startNetCompute,
  tenantNetwork,
  userPort,
  waitForStatus,
} from "./compute-network-harness.ts";
import { waitFor } from "./harness.ts";

describe("servers on ports users brought", () => {
  let t: NetComputeEnv;
  let net: { networkId: string; subnetId: string; name: string };

  beforeAll(async () => {
    t = await startNetCompute("cn_ports");
    net = await tenantNetwork(t, t.env.demoProjectId, "10.20.0.0/24");
  });
  afterAll(() => t?.close());

  const port = (address: string, securityGroupIds?: string[]) =>
    userPort(t, { projectId: t.env.demoProjectId, ...net, address, securityGroupIds });

  it("stays BUILD until the port is wired, then ACTIVE with Nova's addresses", async () => {
    const p = await port("10.20.0.5");
    t.network.hold();
    const res = await boot(t, "wired", { networks: [{ port: p.id }] });
    expect(res.status, res.text).toBe(202);
    const id: string = res.body.server.id;
    // The guest is up (the agent reported the spawn) but the port is not wired yet.
    await waitFor(
      async () => (await t.prisma.instance.findUniqueOrThrow({ where: { id } })).spawnedAt !== null,
    );
    const building = await t.env.api("GET", `servers/${id}`);
    expect(building.body.server.status).toBe("BUILD");
    const bound = await t.prisma.port.findUniqueOrThrow({ where: { id: p.id } });
    expect(bound).toMatchObject({
      deviceId: id,
      deviceOwner: "compute:nova",
      bindingHost: t.host,
      vifType: "bridge",
    });
    expect(desiredOf(t.compute, id)?.ports).toEqual([
      { id: p.id, mac: p.mac, device: `tap${p.id.slice(0, 11)}`, mtu: 1450 },
    ]);
    // The network agent's desired state carries the port; once it reports it wired the build ends.
    await waitFor(async () => t.network.desired?.ports.some((x) => x.id === p.id) ?? false);
    t.network.release();
    const active = await waitForStatus(t.env, id, "ACTIVE");
    expect(active.body.server.addresses).toEqual({
      [net.name]: [
        { version: 4, addr: "10.20.0.5", "OS-EXT-IPS:type": "fixed", "OS-EXT-IPS-MAC:mac_addr": p.mac },
      ],
    });
    expect(active.body.server["OS-SRV-USG:launched_at"]).not.toBeNull();
    const list = await t.env.api("GET", "servers/detail");
    const row = list.body.servers.find((s: { id: string }) => s.id === id);
    expect(row.addresses[net.name][0].addr).toBe("10.20.0.5");
  });

  it("filters by ip and ip6 as Nova's regular expressions on the addresses", async () => {
    const p = await port("10.20.0.77");
    const res = await boot(t, "by-ip", { networks: [{ port: p.id }] });
    const id: string = res.body.server.id;
    await waitForStatus(t.env, id, "ACTIVE");
    const ids = async (q: string) =>
      (await t.env.api("GET", `servers?${q}`)).body.servers.map((s: { id: string }) => s.id);
    expect(await ids("ip=10.20.0.77")).toEqual([id]);
    expect(await ids("ip=10%5C.20%5C.0%5C.7")).toContain(id);
    expect(await ids("ip=20.0.77")).toEqual([]);
    // ip6 is Nova's from 2.5 (dropped before, as unknown filters are, for non-admins).
    const v6 = await t.env.api("GET", "servers?ip6=10.20", { mv: "2.5" });
    expect(v6.body.servers).toEqual([]);
  });

  it("deleting the server unbinds the user's port and keeps it with its address", async () => {
    const p = await port("10.20.0.6");
    const res = await boot(t, "keep-port", { networks: [{ port: p.id }] });
    const id: string = res.body.server.id;
    await waitForStatus(t.env, id, "ACTIVE");
    expect((await t.env.api("DELETE", `servers/${id}`)).status).toBe(204);
    await waitFor(async () => (await t.env.api("GET", `servers/${id}`)).status === 404);
    await waitFor(async () => (await t.prisma.port.findUnique({ where: { id: p.id } }))?.deviceId === "");
    const kept = await t.prisma.port.findUniqueOrThrow({ where: { id: p.id }, include: { fixedIps: true } });
    expect(kept).toMatchObject({ deviceOwner: "", bindingHost: "", vifType: "unbound" });
    expect(kept.fixedIps.map((f) => f.ipAddress)).toEqual(["10.20.0.6"]);
    expect(await t.prisma.instanceInterface.count({ where: { portId: p.id } })).toBe(0);
  });

  it("refuses ports that are in use, of another project, or given twice in a multi-create", async () => {
    const p = await port("10.20.0.7");
    const first = await boot(t, "owner", { networks: [{ port: p.id }] });
    await waitForStatus(t.env, first.body.server.id, "ACTIVE");
    const again = await boot(t, "thief", { networks: [{ port: p.id }] });
    expect(again.status).toBe(409);
    expect(again.body.conflictingRequest.message).toBe(`Port ${p.id} is still in use.`);

    const free = await port("10.20.0.8");
    const multi = await boot(t, "multi", { networks: [{ port: free.id }], min_count: 2, max_count: 2 });
    expect(multi.status).toBe(400);
    expect(multi.body.badRequest.message).toContain(
      "Unable to launch multiple instances with a single configured port ID",
    );
    const withIp = await boot(t, "both", { networks: [{ port: free.id, fixed_ip: "10.20.0.9" }] });
    expect(withIp.status).toBe(400);
    expect(withIp.body.badRequest.message).toContain("cannot be used with port");

    const other = await otherProject(t, "cn-ports-other");
    const foreign = await boot(t, "foreign", { networks: [{ port: free.id }] }, { token: other.token });
    expect(foreign.status).toBe(400);
    expect(foreign.body.badRequest.message).toBe(`Port ${free.id} could not be found.`);
    const foreignNet = await boot(
      t,
      "foreign-net",
      { networks: [{ uuid: net.networkId }] },
      { token: other.token },
    );
    expect(foreignNet.status).toBe(400);
    expect(foreignNet.body.badRequest.message).toBe(`Network ${net.networkId} could not be found.`);
    // Nothing of the refused requests was bound.
    expect((await t.prisma.port.findUniqueOrThrow({ where: { id: free.id } })).deviceId).toBe("");
  });

  it("attaches and detaches interfaces through the desired state (the agent hot-plugs)", async () => {
    const p0 = await port("10.20.0.10");
    const res = await boot(t, "hotplug", { networks: [{ port: p0.id }] });
    const id: string = res.body.server.id;
    await waitForStatus(t.env, id, "ACTIVE");
    const p1 = await port("10.20.0.11");
    const attached = await t.env.api("POST", `servers/${id}/os-interface`, {
      body: { interfaceAttachment: { port_id: p1.id } },
    });
    expect(attached.status, attached.text).toBe(200);
    expect(attached.body.interfaceAttachment).toMatchObject({
      net_id: net.networkId,
      port_id: p1.id,
      mac_addr: p1.mac,
      fixed_ips: [{ subnet_id: net.subnetId, ip_address: "10.20.0.11" }],
    });
    await waitFor(async () => desiredOf(t.compute, id)?.ports.length === 2);
    expect(desiredOf(t.compute, id)?.ports.map((x) => x.id)).toEqual([p0.id, p1.id]);
    await waitFor(
      async () => (await t.prisma.port.findUniqueOrThrow({ where: { id: p1.id } })).status === "ACTIVE",
    );
    const list = await t.env.api("GET", `servers/${id}/os-interface`);
    expect(list.body.interfaceAttachments.map((i: { port_id: string }) => i.port_id)).toEqual([p0.id, p1.id]);
    expect(list.body.interfaceAttachments[1].port_state).toBe("ACTIVE");
    const shown = await t.env.api("GET", `servers/${id}/os-interface/${p1.id}`);
    expect(shown.body.interfaceAttachment.port_id).toBe(p1.id);
    const actions = await t.env.api("GET", `servers/${id}/os-instance-actions`);
    expect(actions.body.instanceActions.map((a: { action: string }) => a.action)).toContain(
      "attach_interface",
    );

    expect((await t.env.api("DELETE", `servers/${id}/os-interface/${p1.id}`)).status).toBe(202);
    await waitFor(async () => desiredOf(t.compute, id)?.ports.length === 1);
    expect((await t.prisma.port.findUniqueOrThrow({ where: { id: p1.id } })).deviceId).toBe("");
    const gone = await t.env.api("GET", `servers/${id}/os-interface/${p1.id}`);
    expect(gone.status).toBe(404);
    const again = await t.env.api("DELETE", `servers/${id}/os-interface/${p1.id}`);
    expect(again.status).toBe(404);
    const both = await t.env.api("POST", `servers/${id}/os-interface`, {
      body: { interfaceAttachment: { port_id: p1.id, net_id: net.networkId } },
    });
    expect(both.status).toBe(400);

    // Another project sees neither the server's interfaces nor may it attach to it.
    const other = await otherProject(t, "cn-hotplug-other");
    expect((await t.env.api("GET", `servers/${id}/os-interface`, { token: other.token })).status).toBe(404);
    const intrude = await t.env.api("POST", `servers/${id}/os-interface`, {
      token: other.token,
      body: { interfaceAttachment: { port_id: p1.id } },
    });
    expect(intrude.status).toBe(404);
  });

  it("adds and removes security groups on every port of the server", async () => {
    const web = await securityGroup(t, t.env.demoProjectId, t.unique("web"));
    const webName = (await t.prisma.securityGroup.findUniqueOrThrow({ where: { id: web } })).name;
    const base = await securityGroup(t, t.env.demoProjectId, t.unique("base"));
    const baseName = (await t.prisma.securityGroup.findUniqueOrThrow({ where: { id: base } })).name;
    const p = await port("10.20.0.20", [base]);
    const res = await boot(t, "sg", { networks: [{ port: p.id }] });
    const id: string = res.body.server.id;
    await waitForStatus(t.env, id, "ACTIVE");
    expect((await t.env.api("GET", `servers/${id}`)).body.server.security_groups).toEqual([
      { name: baseName },
    ]);
    const generation = (await t.prisma.port.findUniqueOrThrow({ where: { id: p.id } })).generation;

    const add = await t.env.api("POST", `servers/${id}/action`, {
      body: { addSecurityGroup: { name: webName } },
    });
    expect(add.status, add.text).toBe(202);
    const after = await t.prisma.port.findUniqueOrThrow({
      where: { id: p.id },
      include: { securityGroups: true },
    });
    expect(after.securityGroups.map((g) => g.securityGroupId).sort()).toEqual([base, web].sort());
    // The agent re-applies the port's rules: its generation moved.
    expect(after.generation).toBeGreaterThan(generation);
    const shown = (await t.env.api("GET", `servers/${id}`)).body.server.security_groups;
    expect(shown.map((g: { name: string }) => g.name).sort()).toEqual([baseName, webName].sort());
    const listed = await t.env.api("GET", `servers/${id}/os-security-groups`);
    expect(listed.body.security_groups.map((g: { id: string }) => g.id).sort()).toEqual([base, web].sort());

    const remove = await t.env.api("POST", `servers/${id}/action`, {
      body: { removeSecurityGroup: { name: webName } },
    });
    expect(remove.status).toBe(202);
    const twice = await t.env.api("POST", `servers/${id}/action`, {
      body: { removeSecurityGroup: { name: webName } },
    });
    expect(twice.status).toBe(404);
    expect(twice.body.itemNotFound.message).toBe(
      `Security group ${webName} not associated with the instance ${id}`,
    );
    const unknown = await t.env.api("POST", `servers/${id}/action`, {
      body: { addSecurityGroup: { name: "nope" } },
    });
    expect(unknown.status).toBe(404);

    // Another project's group is not found by name for this server.
    const other = await otherProject(t, "cn-sg-other");
    const theirs = await securityGroup(t, other.projectId, t.unique("theirs"));
    const foreign = await t.env.api("POST", `servers/${id}/action`, {
      body: { addSecurityGroup: { name: theirs } },
    });
    expect(foreign.status).toBe(404);
    expect((await t.env.api("GET", `servers/${id}/os-security-groups`, { token: other.token })).status).toBe(
      404,
    );

    // Nova's proxy to Neutron's groups (before 2.36), which the CLI uses to find a group by name.
    const proxied = await t.env.api("GET", "os-security-groups");
    expect(proxied.status).toBe(200);
    const names = proxied.body.security_groups.map((g: { name: string }) => g.name);
    expect(names).toEqual(expect.arrayContaining([webName, baseName, "default"]));
    expect((await t.env.api("GET", `os-security-groups/${web}`)).body.security_group.name).toBe(webName);
    expect((await t.env.api("GET", `os-security-groups/${theirs}`)).status).toBe(404);
    expect((await t.env.api("GET", "os-security-groups", { mv: "2.36" })).status).toBe(404);
  });

  it("a server with no network has no addresses, no security_groups, and no ports to group", async () => {
    const res = await boot(t, "none", { networks: "none" }, { mv: "2.37" });
    expect(res.status, res.text).toBe(202);
    const id: string = res.body.server.id;
    const active = await waitForStatus(t.env, id, "ACTIVE");
    expect(active.body.server.addresses).toEqual({});
    expect(active.body.server).not.toHaveProperty("security_groups");
    const group = await securityGroup(t, t.env.demoProjectId, t.unique("lonely"));
    const add = await t.env.api("POST", `servers/${id}/action`, {
      body: { addSecurityGroup: { name: group } },
    });
    expect(add.status).toBe(404);
    expect(add.body.itemNotFound.message).toBe(
      `instance_id ${id} could not be found as device id on any ports`,
    );
  });
});
