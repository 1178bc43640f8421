import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onNetworkChange } from "../src/services/network/changes.ts";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type Harness,
  OTHER_PASSWORD,
  runName,
  startHarness,
  waitFor,
} from "./cloud-harness.ts";
import { codeOf, errorOf } from "./helpers.ts";

/**
 * Security groups and floating IPs against the real control plane with
 * first-start networking (`public`, demo's `private` and `router1`) and one
 * fake compute agent, so an instance's port is bound and a floating IP can
 * really be associated with it.
 */

const unique = runName("sf");
let cloud: Harness;

type Caller = Awaited<ReturnType<Harness["as"]>>["caller"];
let admin: Caller;
let demo: Caller;
let other: Caller;
let instanceId = "";

async function as(username: string, password: string): Promise<Caller> {
  return (await cloud.as(username, password)).caller;
}

/** The field messages the portal's forms show, from the error formatter's `data.fields`. */
function fieldsOf(err: TRPCError): { path: string; message: string }[] {
  const cause = err.cause as { fields?: { path: string; message: string }[]; issues?: unknown } | undefined;
  if (cause && "fields" in cause && cause.fields) return cause.fields;
  const issues = (cause?.issues ?? []) as { path: PropertyKey[]; message: string }[];
  return issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/** Counts change-bus notices for a project while `run` runs. */
async function announcements(projectId: string, run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const off = onNetworkChange(projectId, () => count++);
  try {
    await run();
  } finally {
    off();
  }
  return count;
}

beforeAll(async () => {
  // A second tenant with its own project, and a compute agent to run demo's instance.
  cloud = await startHarness({
    name: "secfip",
    unique,
    computeAgent: { hostIp: "192.0.2.20" },
    otherTenant: true,
  });

  admin = await as("admin", ADMIN_PASSWORD);
  demo = await as("demo", DEMO_PASSWORD);
  other = await as(`${unique}-other`, OTHER_PASSWORD);

  // One running instance of demo's on `private`, its port bound to the host.
  const image = await admin.images.create({
    name: `${unique}-img`,
    diskFormat: "raw",
    containerFormat: "bare",
    visibility: "public",
  });
  await uploadImage(image.id);
  const options = await demo.compute.launchOptions();
  const flavor = options.flavors.find((f) => f.disabledReason === undefined);
  if (!flavor) throw new Error("no flavor");
  const { ids } = await demo.compute.instances.launch({
    name: `${unique}-vm`,
    count: 1,
    imageId: image.id,
    flavorId: flavor.id,
  });
  instanceId = ids[0] ?? "";
  await waitFor("ACTIVE", async () => {
    const i = await demo.compute.instances.get({ id: instanceId });
    return i.status === "ACTIVE" ? i : undefined;
  });
}, 60_000);

/** Uploads a small image straight to Glance as admin (the BFF's upload route is HTTP-only). */
async function uploadImage(id: string) {
  const cloudClients = cloud.cloudFor(await cloud.login("admin", ADMIN_PASSWORD));
  await (await cloudClients.glance()).upload(id, new Uint8Array(4096).fill(7));
}

afterAll(async () => {
  await cloud?.close();
});

describe("network.securityGroups", () => {
  it("lists the project's default group with its rules; the default group cannot be deleted", async () => {
    const page = await demo.network.securityGroups.list({});
    const def = page.items.find((g) => g.name === "default");
    expect(def).toMatchObject({ isDefault: true, projectName: null });
    expect(def?.ruleCount).toBeGreaterThan(0);
    // The running instance got the default group.
    expect(def?.instanceCount).toBe(1);
    if (!def) return;
    const detail = await demo.network.securityGroups.get({ id: def.id });
    expect(detail.usedBy).toEqual([{ id: instanceId, name: `${unique}-vm` }]);
    const err = await errorOf(demo.network.securityGroups.delete({ id: def.id }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/default security group cannot be deleted/);
  });

  it("creates a group, adds rules by template, refuses a bad CIDR on its field, deletes rules and the group", async () => {
    const group = await demo.network.securityGroups.create({ name: `${unique}-web`, description: "web" });
    expect(group).toMatchObject({ name: `${unique}-web`, isDefault: false });

    const templates = await demo.network.securityGroups.ruleTemplates();
    expect(templates.map((t) => t.id)).toEqual(
      expect.arrayContaining(["ssh", "icmp", "http", "https", "dns", "rdp", "all-from-group"]),
    );

    const ssh = await demo.network.securityGroups.addRule({
      securityGroupId: group.id,
      template: "ssh",
      remoteCidr: "192.0.2.0/24",
    });
    expect(ssh).toEqual([
      expect.objectContaining({
        direction: "ingress",
        ethertype: "IPv4",
        protocol: "tcp",
        portRangeMin: 22,
        portRangeMax: 22,
        remoteIpPrefix: "192.0.2.0/24",
      }),
    ]);
    const dns = await demo.network.securityGroups.addRule({ securityGroupId: group.id, template: "dns" });
    expect(dns.map((r) => [r.protocol, r.portRangeMin, r.remoteIpPrefix])).toEqual([
      ["udp", 53, "0.0.0.0/0"],
      ["tcp", 53, "0.0.0.0/0"],
    ]);
    const icmp = await demo.network.securityGroups.addRule({ securityGroupId: group.id, template: "icmp" });
    expect(icmp[0]).toMatchObject({ protocol: "icmp", portRangeMin: null });
    const def = (await demo.network.securityGroups.list({ q: "default" })).items.find(
      (g) => g.name === "default",
    );
    if (!def) throw new Error("no default group");
    const fromGroup = await demo.network.securityGroups.addRule({
      securityGroupId: group.id,
      template: "all-from-group",
      remoteGroupId: def.id,
    });
    expect(fromGroup[0]).toMatchObject({ protocol: null, remoteGroupId: def.id, remoteGroupName: "default" });

    const bad = await errorOf(
      demo.network.securityGroups.addRule({
        securityGroupId: group.id,
        template: "http",
        remoteCidr: "10.0.0.300/24",
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(fieldsOf(bad)).toEqual([{ path: "remoteCidr", message: expect.stringMatching(/CIDR form/) }]);
    const mismatch = await errorOf(
      demo.network.securityGroups.addRule({
        securityGroupId: group.id,
        template: "http",
        remoteCidr: "::/0",
      }),
    );
    expect(fieldsOf(mismatch)[0]?.path).toBe("remoteCidr");
    const needsGroup = await errorOf(
      demo.network.securityGroups.addRule({ securityGroupId: group.id, template: "all-from-group" }),
    );
    expect(fieldsOf(needsGroup)[0]?.path).toBe("remoteGroupId");
    const backwards = await errorOf(
      demo.network.securityGroups.addRule({
        securityGroupId: group.id,
        protocol: "tcp",
        portRangeMin: 9000,
        portRangeMax: 8000,
      }),
    );
    expect(fieldsOf(backwards)[0]?.path).toBe("portRangeMax");

    const custom = await demo.network.securityGroups.addRule({
      securityGroupId: group.id,
      direction: "egress",
      protocol: "udp",
      portRangeMin: 5000,
      portRangeMax: 5100,
      remoteCidr: "10.1.0.0/16",
    });
    expect(custom[0]).toMatchObject({ direction: "egress", portRangeMin: 5000, portRangeMax: 5100 });

    const detail = await demo.network.securityGroups.get({ id: group.id });
    // Neutron's two default egress rules plus the six added.
    expect(detail.rules.length).toBe(2 + 6);
    expect(detail.usedBy).toEqual([]);
    const listed = await demo.network.securityGroups.list({ q: unique, sort: "rules", dir: "desc" });
    expect(listed.items.find((g) => g.id === group.id)?.ruleCount).toBe(8);

    const sshRule = ssh[0];
    if (!sshRule) throw new Error("no rule");
    expect(
      await announcements(group.projectId, () => demo.network.securityGroups.deleteRule({ id: sshRule.id })),
    ).toBe(1);
    expect((await demo.network.securityGroups.get({ id: group.id })).rules.map((r) => r.id)).not.toContain(
      sshRule.id,
    );
    const renamed = await demo.network.securityGroups.update({ id: group.id, name: `${unique}-web2` });
    expect(renamed.name).toBe(`${unique}-web2`);
    await demo.network.securityGroups.delete({ id: group.id });
    expect(await codeOf(demo.network.securityGroups.get({ id: group.id }))).toBe("NOT_FOUND");
  });

  it("shows which instances use a group and refuses to delete it with the API's message", async () => {
    const group = await demo.network.securityGroups.create({ name: `${unique}-inuse` });
    // Put the group on the instance's port straight through Neutron (ports are another part's pages).
    const neutron = await cloud.neutronAs("demo", DEMO_PASSWORD);
    const [port] = await neutron.ports.listAll({ device_id: instanceId });
    if (!port) throw new Error("the instance has no port");
    await neutron.ports.update(port.id, { security_groups: [...port.security_groups, group.id] });

    const detail = await demo.network.securityGroups.get({ id: group.id });
    expect(detail.usedBy).toEqual([{ id: instanceId, name: `${unique}-vm` }]);
    expect((await demo.network.securityGroups.list({ q: `${unique}-inuse` })).items[0]?.instanceCount).toBe(
      1,
    );
    const err = await errorOf(demo.network.securityGroups.delete({ id: group.id }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toBe(`Security Group ${group.id} in use.`);

    await neutron.ports.update(port.id, { security_groups: port.security_groups });
    await demo.network.securityGroups.delete({ id: group.id });
  });

  it("keeps tenants apart: another tenant cannot see, change or use demo's groups and rules", async () => {
    const group = await demo.network.securityGroups.create({ name: `${unique}-private` });
    const [rule] = await demo.network.securityGroups.addRule({
      securityGroupId: group.id,
      template: "https",
    });
    if (!rule) throw new Error("no rule");
    const theirs = await other.network.securityGroups.list({ pageSize: 100 });
    expect(theirs.items.map((g) => g.id)).not.toContain(group.id);
    expect(theirs.items.every((g) => g.projectId === theirs.items[0]?.projectId)).toBe(true);
    expect(await codeOf(other.network.securityGroups.get({ id: group.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.network.securityGroups.update({ id: group.id, name: "x" }))).toBe("NOT_FOUND");
    expect(await codeOf(other.network.securityGroups.delete({ id: group.id }))).toBe("NOT_FOUND");
    expect(
      await codeOf(other.network.securityGroups.addRule({ securityGroupId: group.id, template: "ssh" })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(other.network.securityGroups.deleteRule({ id: rule.id }))).toBe("NOT_FOUND");
    // Nor name demo's group as the remote group of its own rule.
    const own = await other.network.securityGroups.create({ name: `${unique}-mine` });
    expect(
      await codeOf(
        other.network.securityGroups.addRule({
          securityGroupId: own.id,
          template: "all-from-group",
          remoteGroupId: group.id,
        }),
      ),
    ).toBe("NOT_FOUND");
    expect((await demo.network.securityGroups.get({ id: group.id })).rules.map((r) => r.id)).toContain(
      rule.id,
    );
  });

  it("lets only cloud admins list every project's groups, with project names", async () => {
    expect(await codeOf(demo.network.securityGroups.list({ allProjects: true }))).toBe("FORBIDDEN");
    const all = await admin.network.securityGroups.list({ allProjects: true, q: "default", pageSize: 100 });
    const projects = new Set(all.items.map((g) => g.projectName));
    expect([...projects]).toEqual(expect.arrayContaining(["demo", `${unique}-other`]));
  });
});

describe("network.floatingIps", () => {
  it("allocates from public, associates with the running instance's port, disassociates and releases", async () => {
    const pools = await demo.network.floatingIps.pools();
    const pub = pools.find((p) => p.name === "public");
    if (!pub) throw new Error("no public pool");
    // The subnet is the admin project's: its range shows where policy lets the caller read it.
    const adminPools = await admin.network.floatingIps.pools();
    expect(adminPools.find((p) => p.id === pub.id)?.cidrs).toEqual(["172.24.4.0/24"]);

    let fip = { id: "", address: "" };
    expect(
      await announcements((await demo.session.me()).project?.id ?? "", async () => {
        fip = await demo.network.floatingIps.allocate({ poolId: pub.id, description: `${unique}-fip` });
      }),
    ).toBe(1);
    expect(fip.address).toMatch(/^172\.24\.4\.\d+$/);

    const targets = await demo.network.floatingIps.targets({});
    const target = targets.find((t) => t.id === instanceId);
    expect(target).toMatchObject({ name: `${unique}-vm` });
    const port = target?.ports[0];
    expect(port?.networkName).toBe("private");
    expect(port?.fixedIps[0]?.address).toMatch(/^10\.0\.0\.\d+$/);
    if (!port) return;

    // A fixed IP the port does not have is refused on its field.
    const wrong = await errorOf(
      demo.network.floatingIps.associate({ id: fip.id, portId: port.id, fixedIp: "10.9.9.9" }),
    );
    expect(fieldsOf(wrong)[0]?.path).toBe("fixedIp");

    const associated = await demo.network.floatingIps.associate({ id: fip.id, portId: port.id });
    expect(associated).toMatchObject({ portId: port.id, fixedIp: port.fixedIps[0]?.address });
    const listed = await demo.network.floatingIps.list({ q: fip.address });
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({
      address: fip.address,
      pool: { id: pub.id, name: "public" },
      instance: { id: instanceId, name: `${unique}-vm` },
      fixedIp: port.fixedIps[0]?.address,
      projectName: null,
    });
    expect((await demo.network.floatingIps.list({ q: `${unique}-vm` })).items.map((f) => f.id)).toEqual([
      fip.id,
    ]);
    const nowTargets = await demo.network.floatingIps.targets({});
    expect(nowTargets.find((t) => t.id === instanceId)?.ports[0]?.fixedIps[0]?.floatingIp).toBe(fip.address);

    await demo.network.floatingIps.disassociate({ id: fip.id });
    const after = await demo.network.floatingIps.list({ q: fip.address });
    expect(after.items[0]).toMatchObject({ portId: null, fixedIp: null, instance: null });

    await demo.network.floatingIps.release({ id: fip.id });
    expect((await demo.network.floatingIps.list({ q: fip.address })).total).toBe(0);
  });

  it("keeps tenants apart for every floating IP procedure", async () => {
    const pub = (await demo.network.floatingIps.pools()).find((p) => p.name === "public");
    if (!pub) throw new Error("no public pool");
    const mine = await demo.network.floatingIps.allocate({ poolId: pub.id });
    const theirs = await other.network.floatingIps.allocate({ poolId: pub.id });
    const port = (await demo.network.floatingIps.targets({})).find((t) => t.id === instanceId)?.ports[0];
    if (!port) throw new Error("no port");

    expect((await other.network.floatingIps.list({ pageSize: 100 })).items.map((f) => f.id)).toEqual([
      theirs.id,
    ]);
    expect((await demo.network.floatingIps.list({ pageSize: 100 })).items.map((f) => f.id)).not.toContain(
      theirs.id,
    );
    expect(await codeOf(other.network.floatingIps.associate({ id: mine.id, portId: port.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(other.network.floatingIps.disassociate({ id: mine.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.network.floatingIps.release({ id: mine.id }))).toBe("NOT_FOUND");
    // Its own floating IP cannot be pointed at demo's port either.
    const stolen = await errorOf(other.network.floatingIps.associate({ id: theirs.id, portId: port.id }));
    expect(stolen.code).toBe("NOT_FOUND");
    expect(fieldsOf(stolen)[0]?.path).toBe("portId");
    // Nor can it list demo's instances as targets.
    expect(
      await codeOf(other.network.floatingIps.targets({ projectId: (await demo.session.me()).project?.id })),
    ).toBe("FORBIDDEN");
    expect((await other.network.floatingIps.targets({})).map((t) => t.id)).not.toContain(instanceId);
    // demo's floating IP is untouched.
    expect((await demo.network.floatingIps.list({ q: mine.address })).items[0]?.id).toBe(mine.id);
    await demo.network.floatingIps.release({ id: mine.id });
    await other.network.floatingIps.release({ id: theirs.id });
  });

  it("lets only cloud admins list every project's floating IPs, and act on them", async () => {
    expect(await codeOf(demo.network.floatingIps.list({ allProjects: true }))).toBe("FORBIDDEN");
    const pub = (await demo.network.floatingIps.pools()).find((p) => p.name === "public");
    if (!pub) throw new Error("no public pool");
    const fip = await demo.network.floatingIps.allocate({ poolId: pub.id });
    const all = await admin.network.floatingIps.list({ allProjects: true, q: fip.address });
    expect(all.items[0]).toMatchObject({ id: fip.id, projectName: "demo" });
    const demoProject = all.items[0]?.projectId;
    const targets = await admin.network.floatingIps.targets({ projectId: demoProject });
    const port = targets.find((t) => t.id === instanceId)?.ports[0];
    if (!port) throw new Error("admin sees no target port");
    await admin.network.floatingIps.associate({ id: fip.id, portId: port.id });
    const seen = await demo.network.floatingIps.list({ q: fip.address });
    expect(seen.items[0]?.instance?.id).toBe(instanceId);
    await admin.network.floatingIps.release({ id: fip.id });
    expect((await demo.network.floatingIps.list({ q: fip.address })).total).toBe(0);
  });
});
