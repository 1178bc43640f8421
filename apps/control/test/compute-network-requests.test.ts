/**
 * `networks` of POST /servers as Nova's API checks it, by microversion
 * (absent, `auto`, `none`, lists), and the bounded wait for wiring: a
 * server whose ports are never wired ends in ERROR with Nova's fault.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  boot,
  type NetComputeEnv,
  otherProject,
  startNetCompute,
  tenantNetwork,
  userPort,
  waitForStatus,
} from "./compute-network-harness.ts";
import { waitFor } from "./harness.ts";

describe("networks on server create, as Nova's API", () => {
  let t: NetComputeEnv;
  let fresh: { projectId: string; token: string };

  beforeAll(async () => {
    t = await startNetCompute("cn_requests");
    fresh = await otherProject(t, "cn-req-fresh");
  });
  afterAll(() => t?.close());

  it("with no network in the project: none before 2.37, 400 for auto from 2.37", async () => {
    const legacy = await boot(t, "legacy", {}, { token: fresh.token });
    expect(legacy.status, legacy.text).toBe(202);
    const active = await waitForStatus(t.env, legacy.body.server.id, "ACTIVE");
    expect(active.body.server.addresses).toEqual({});

    const auto = await boot(t, "auto", { networks: "auto" }, { token: fresh.token, mv: "2.37" });
    expect(auto.status).toBe(400);
    expect(auto.body.badRequest.message).toBe(
      `Unable to automatically allocate a network for project ${fresh.projectId}`,
    );
  });

  it("checks the form of networks by microversion", async () => {
    const missing = await boot(t, "missing", {}, { token: fresh.token, mv: "2.37" });
    expect(missing.status).toBe(400);
    expect(missing.body.badRequest.message).toContain("'networks' is a required property");
    const early = await boot(t, "early", { networks: "auto" }, { token: fresh.token, mv: "2.36" });
    expect(early.status).toBe(400);
    expect(early.body.badRequest.message).toContain("is not of type 'array'");
    const noUuid = await boot(t, "no-uuid", { networks: [{ fixed_ip: "10.0.0.5" }] }, { token: fresh.token });
    expect(noUuid.status).toBe(400);
    expect(noUuid.body.badRequest.message).toBe("Bad network format: missing 'uuid'");
  });

  it("refuses a network without a subnet, and an ambiguous choice of networks", async () => {
    const bare = randomUUID();
    await t.prisma.network.create({
      data: { id: bare, projectId: fresh.projectId, name: t.unique("bare"), networkType: "local" },
    });
    const noSubnet = await boot(t, "no-subnet", { networks: [{ uuid: bare }] }, { token: fresh.token });
    expect(noSubnet.status).toBe(400);
    expect(noSubnet.body.badRequest.message).toBe(
      `Network ${bare} requires a subnet in order to boot instances on.`,
    );
    const autoBare = await boot(t, "auto-bare", { networks: "auto" }, { token: fresh.token, mv: "2.37" });
    expect(autoBare.status).toBe(400);

    await tenantNetwork(t, fresh.projectId, "10.40.0.0/24");
    const ambiguous = await boot(t, "ambiguous", { networks: "auto" }, { token: fresh.token, mv: "2.37" });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.conflictingRequest.message).toBe(
      "Multiple possible networks found, use a Network ID to be more specific.",
    );
    const legacy = await boot(t, "ambiguous-legacy", {}, { token: fresh.token });
    expect(legacy.status).toBe(409);
  });

  it("refuses a fixed IP in use, and a fixed IP with max_count above 1", async () => {
    const net = await tenantNetwork(t, t.env.demoProjectId, "10.41.0.0/24");
    await userPort(t, { projectId: t.env.demoProjectId, ...net, address: "10.41.0.9" });
    const taken = await boot(t, "taken", { networks: [{ uuid: net.networkId, fixed_ip: "10.41.0.9" }] });
    expect(taken.status).toBe(400);
    expect(taken.body.badRequest.message).toContain("Fixed IP address 10.41.0.9 is already in use");
    const many = await boot(t, "many", {
      networks: [{ uuid: net.networkId, fixed_ip: "10.41.0.10" }],
      min_count: 2,
      max_count: 2,
    });
    expect(many.status).toBe(400);
    expect(many.body.badRequest.message).toBe(
      "max_count cannot be greater than 1 if an fixed_ip is specified.",
    );
  });

  it("refuses a member's server straight on the external network (Nova's attach_external_network)", async () => {
    const pub = await t.prisma.network.findFirstOrThrow({ where: { name: "public", external: true } });
    const res = await boot(t, "on-public", { networks: [{ uuid: pub.id }] });
    expect(res.status).toBe(403);
    expect(res.body.forbidden.message).toBe(
      `It is not allowed to create an interface on external network ${pub.id}`,
    );
  });

  it("refuses unknown security groups by name", async () => {
    const net = await tenantNetwork(t, t.env.demoProjectId, "10.42.0.0/24");
    const p = await userPort(t, { projectId: t.env.demoProjectId, ...net, address: "10.42.0.5" });
    const res = await boot(t, "bad-sg", {
      networks: [{ port: p.id }],
      security_groups: [{ name: "no-such-group" }],
    });
    expect(res.status).toBe(400);
    expect(res.body.badRequest.message).toBe("Security group no-such-group not found.");
  });
});

describe("a server whose ports are never wired", () => {
  let t: NetComputeEnv;

  beforeAll(async () => {
    // Nova's vif_plugging_timeout, shortened: the build gives up after a second.
    t = await startNetCompute("cn_vif_timeout", { vifPlugTimeoutS: 1, vifSweepMs: 100 });
  });
  afterAll(() => t?.close());

  it("ends in ERROR with Nova's fault, off its host, its port unbound", async () => {
    const net = await tenantNetwork(t, t.env.demoProjectId, "10.43.0.0/24");
    const p = await userPort(t, { projectId: t.env.demoProjectId, ...net, address: "10.43.0.5" });
    t.network.hold();
    const res = await boot(t, "never-wired", { networks: [{ port: p.id }] });
    expect(res.status).toBe(202);
    const id: string = res.body.server.id;
    const failed = await waitForStatus(t.env, id, "ERROR");
    expect(failed.body.server.fault.message).toBe(
      `Build of instance ${id} aborted: Failed to allocate the network(s), not rescheduling.`,
    );
    const inst = await t.prisma.instance.findUniqueOrThrow({ where: { id } });
    expect(inst.hostId).toBeNull();
    const host = await t.prisma.computeHost.findFirstOrThrow({ where: { host: t.host } });
    expect(host.vcpusUsed).toBe(0);
    await waitFor(
      async () => (await t.prisma.port.findUniqueOrThrow({ where: { id: p.id } })).deviceId === "",
    );
    const events = await t.env.api("GET", `servers/${id}/os-instance-actions`);
    expect(events.body.instanceActions[0].action).toBe("create");
  });
});

describe("a build whose wiring hook was missed (say, across a control-plane restart)", () => {
  let t: NetComputeEnv;

  beforeAll(async () => {
    t = await startNetCompute("cn_vif_sweep", { vifSweepMs: 100 });
  });
  afterAll(() => t?.close());

  it("is finished by the sweep once its ports are ACTIVE", async () => {
    const net = await tenantNetwork(t, t.env.demoProjectId, "10.44.0.0/24");
    const p = await userPort(t, { projectId: t.env.demoProjectId, ...net, address: "10.44.0.5" });
    t.network.hold();
    const res = await boot(t, "missed-hook", { networks: [{ port: p.id }] });
    const id: string = res.body.server.id;
    await waitFor(
      async () => (await t.prisma.instance.findUniqueOrThrow({ where: { id } })).spawnedAt !== null,
    );
    expect((await t.env.api("GET", `servers/${id}`)).body.server.status).toBe("BUILD");
    // The port goes ACTIVE without the hub's hook (as if its report came while this process was down).
    await t.prisma.port.update({ where: { id: p.id }, data: { status: "ACTIVE" } });
    await waitForStatus(t.env, id, "ACTIVE");
  });
});
