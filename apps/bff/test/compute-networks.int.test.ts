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
import { codeOf } from "./helpers.ts";

/**
 * Instances on networks through the BFF against the real control plane
 * (first-start networking: `public`, demo's `private`, `router1`) with one
 * fake compute agent; no network agent runs, so builds do not wait for wiring.
 */

const unique = runName("cnet");
let cloud: Harness;
let imageId = "";
let flavorId = "";

const as = (username: string, password: string) => cloud.as(username, password);
/** A Neutron client as `username`, for setting up what other parts of the portal create. */
const neutronAs = (username: string, password: string) => cloud.neutronAs(username, password);

type Caller = Awaited<ReturnType<typeof as>>["caller"];

/** Runs `action` and returns it with how many times `projectId`'s network change was announced meanwhile. */
async function announced<T>(projectId: string, action: () => Promise<T>): Promise<[T, number]> {
  let count = 0;
  const off = onNetworkChange(projectId, () => {
    count += 1;
  });
  try {
    return [await action(), count];
  } finally {
    off();
  }
}

async function activeInstance(caller: Caller, id: string) {
  return waitFor(`${id} ACTIVE`, async () => {
    const i = await caller.compute.instances.get({ id });
    if (i.status === "ERROR") throw new Error(`instance ${id} failed: ${i.fault?.message ?? "no fault"}`);
    return i.status === "ACTIVE" ? i : undefined;
  });
}

beforeAll(async () => {
  cloud = await startHarness({
    name: "net",
    unique,
    computeAgent: { hostIp: "192.0.2.20" },
    bffServer: true,
    otherTenant: true,
  });

  // A public image (uploaded through the BFF route); the harness made a second tenant with a member.
  const { caller } = await as("admin", ADMIN_PASSWORD);
  const image = await caller.images.create({
    name: `${unique}-img`,
    diskFormat: "qcow2",
    containerFormat: "bare",
    visibility: "public",
  });
  await fetch(`${cloud.bffUrl}${image.uploadUrl}`, {
    method: "PUT",
    headers: {
      cookie: await cloud.cookieOf("admin", ADMIN_PASSWORD),
      "content-type": "application/octet-stream",
    },
    body: new Uint8Array(4096).fill(7),
  });
  imageId = image.id;
  const flavors = await caller.compute.flavors.list({});
  const tiny = flavors.find((f) => f.name === "m1.tiny") ?? flavors[0];
  if (!tiny) throw new Error("no flavor");
  flavorId = tiny.id;
}, 60_000);

afterAll(async () => {
  await cloud?.close();
});

describe("instances on networks (demo member)", () => {
  let demoProjectId = "";
  let vm = "";
  let net2 = "";
  let webGroup = "";

  it("offers the project's networks with CIDRs (not the unshared external one), groups and port quota", async () => {
    const { caller, ctx } = await as("demo", DEMO_PASSWORD);
    demoProjectId = ctx.session?.keystone.project?.id ?? "";
    const options = await caller.compute.launchOptions();
    expect(options.network?.networks.map((n) => n.name)).toEqual(["private"]);
    expect(options.network?.networks[0]?.subnets.map((s) => s.cidr)).toEqual(["10.0.0.0/26"]);
    expect(options.network?.securityGroups.map((g) => g.name)).toContain("default");
    expect(options.network?.portQuota?.limit).not.toBe(0);
  });

  it("launches onto the project's only network when none is chosen, and announces it", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const [{ ids }, times] = await announced(demoProjectId, () =>
      caller.compute.instances.launch({ name: `${unique}-auto`, imageId, flavorId }),
    );
    expect(times).toBe(1);
    const id = ids[0] ?? "";
    const instance = await activeInstance(caller, id);
    expect(instance.ipAddresses).toEqual([
      { address: expect.stringMatching(/^10\.0\.0\.\d+$/), network: "private", floating: false },
    ]);
    const [, onDelete] = await announced(demoProjectId, () =>
      caller.compute.instances.action({ ids: [id], action: "delete" }),
    );
    expect(onDelete).toBe(1);
  });

  it("launches onto a chosen network with a chosen security group", async () => {
    const neutron = await neutronAs("demo", DEMO_PASSWORD);
    const network = await neutron.networks.create({ name: `${unique}-net2` });
    await neutron.subnets.create({ network_id: network.id, ip_version: 4, cidr: "192.168.77.0/24" });
    const group = await neutron.securityGroups.create({ name: `${unique}-web` });
    net2 = network.id;
    webGroup = group.id;

    const { caller } = await as("demo", DEMO_PASSWORD);
    const options = await caller.compute.launchOptions();
    expect(options.network?.networks.map((n) => n.id)).toContain(net2);
    const { ids } = await caller.compute.instances.launch({
      name: `${unique}-vm`,
      imageId,
      flavorId,
      networks: [{ networkId: net2 }],
      securityGroupIds: [webGroup],
    });
    vm = ids[0] ?? "";
    await activeInstance(caller, vm);
    const { interfaces, securityGroups } = await caller.compute.instances.interfaces({ id: vm });
    expect(interfaces).toHaveLength(1);
    expect(interfaces[0]).toMatchObject({
      networkId: net2,
      networkName: `${unique}-net2`,
      fixedIps: [{ address: expect.stringMatching(/^192\.168\.77\.\d+$/) }],
      securityGroups: [{ id: webGroup, name: `${unique}-web` }],
      floatingIps: [],
    });
    expect(interfaces[0]?.macAddress).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(securityGroups).toEqual([{ id: webGroup, name: `${unique}-web` }]);
  });

  it("attaches a second network's interface: the instance gets a second address", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const options = await caller.compute.instances.interfaceOptions({ id: vm });
    const privateNet = options.networks.find((n) => n.name === "private");
    expect(privateNet).toBeDefined();
    expect(options.pools.map((p) => p.name)).toEqual(["public"]);
    const [{ portId }, times] = await announced(demoProjectId, () =>
      caller.compute.instances.attachInterface({ id: vm, networkId: privateNet?.id ?? "" }),
    );
    expect(times).toBe(1);
    const interfaces = await caller.compute.instances.interfaces({ id: vm });
    expect(interfaces.interfaces.map((i) => i.portId)).toEqual(expect.arrayContaining([portId]));
    const listed = await waitFor("a second address", async () => {
      const page = await caller.compute.instances.list({ q: `${unique}-vm` });
      const row = page.items.find((i) => i.id === vm);
      return row && row.ipAddresses.length === 2 ? row : undefined;
    });
    expect(listed.ipAddresses.map((a) => a.network).sort()).toEqual([`${unique}-net2`, "private"].sort());
  });

  it("adds a floating IP from the pool to the private port, then removes and releases it", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const { interfaces } = await caller.compute.instances.interfaces({ id: vm });
    const onPrivate = interfaces.find((i) => i.networkName === "private");
    const onNet2 = interfaces.find((i) => i.networkId === net2);
    const options = await caller.compute.instances.interfaceOptions({ id: vm });
    const pool = options.pools[0]?.id ?? "";

    // net2 has no router to `public`: Neutron's reason reaches the caller.
    const unreachable = caller.compute.instances.addFloatingIp({
      id: vm,
      portId: onNet2?.portId ?? "",
      poolNetworkId: pool,
    });
    await expect(unreachable).rejects.toThrow(/not reachable/i);

    const [{ floatingIp }, onAdd] = await announced(demoProjectId, () =>
      caller.compute.instances.addFloatingIp({
        id: vm,
        portId: onPrivate?.portId ?? "",
        poolNetworkId: pool,
      }),
    );
    expect(onAdd).toBe(1);
    expect(floatingIp.address).toMatch(/^172\.24\.4\.\d+$/);
    const after = await caller.compute.instances.interfaces({ id: vm });
    expect(after.interfaces.find((i) => i.portId === onPrivate?.portId)?.floatingIps).toEqual([
      { id: floatingIp.id, address: floatingIp.address, fixedIp: onPrivate?.fixedIps[0]?.address ?? "" },
    ]);
    await waitFor("the floating address in the list", async () => {
      const row = (await caller.compute.instances.get({ id: vm })).ipAddresses;
      return row.some((a) => a.floating && a.address === floatingIp.address) ? row : undefined;
    });

    const [, onRemove] = await announced(demoProjectId, () =>
      caller.compute.instances.removeFloatingIp({ id: vm, floatingIpId: floatingIp.id, release: true }),
    );
    expect(onRemove).toBe(1);
    const neutron = await neutronAs("demo", DEMO_PASSWORD);
    expect((await neutron.floatingIps.listAll({})).map((f) => f.id)).not.toContain(floatingIp.id);
    const cleared = await caller.compute.instances.interfaces({ id: vm });
    expect(cleared.interfaces.flatMap((i) => i.floatingIps)).toEqual([]);
  });

  it("associates an existing free floating IP, and disassociates it without releasing", async () => {
    const neutron = await neutronAs("demo", DEMO_PASSWORD);
    const { caller } = await as("demo", DEMO_PASSWORD);
    const options = await caller.compute.instances.interfaceOptions({ id: vm });
    const free = await neutron.floatingIps.create({ floating_network_id: options.pools[0]?.id ?? "" });
    const again = await caller.compute.instances.interfaceOptions({ id: vm });
    expect(again.freeFloatingIps.map((f) => f.id)).toContain(free.id);
    const onPrivate = (await caller.compute.instances.interfaces({ id: vm })).interfaces.find(
      (i) => i.networkName === "private",
    );
    await caller.compute.instances.addFloatingIp({
      id: vm,
      portId: onPrivate?.portId ?? "",
      floatingIpId: free.id,
    });
    expect((await neutron.floatingIps.get(free.id)).port_id).toBe(onPrivate?.portId);
    await caller.compute.instances.removeFloatingIp({ id: vm, floatingIpId: free.id });
    expect((await neutron.floatingIps.get(free.id)).port_id).toBeNull();
    await neutron.floatingIps.delete(free.id);
  });

  it("sets the instance's security groups on every port through Nova", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const options = await caller.compute.launchOptions();
    const defaultGroup = options.network?.securityGroups.find((g) => g.name === "default");
    const [, times] = await announced(demoProjectId, () =>
      caller.compute.instances.setSecurityGroups({ id: vm, securityGroupIds: [defaultGroup?.id ?? ""] }),
    );
    expect(times).toBe(1);
    const { interfaces, securityGroups } = await caller.compute.instances.interfaces({ id: vm });
    expect(securityGroups.map((g) => g.name)).toEqual(["default"]);
    for (const i of interfaces) expect(i.securityGroups.map((g) => g.name)).toEqual(["default"]);
  });

  it("detaches an interface", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const { interfaces } = await caller.compute.instances.interfaces({ id: vm });
    const onPrivate = interfaces.find((i) => i.networkName === "private");
    const [, times] = await announced(demoProjectId, () =>
      caller.compute.instances.detachInterface({ id: vm, portId: onPrivate?.portId ?? "" }),
    );
    expect(times).toBe(1);
    const left = await waitFor("the detach", async () => {
      const now = await caller.compute.instances.interfaces({ id: vm });
      return now.interfaces.length === 1 ? now : undefined;
    });
    expect(left.interfaces[0]?.networkId).toBe(net2);
  });

  it("keeps tenants apart", async () => {
    const { caller: other } = await as(`${unique}-other`, OTHER_PASSWORD);
    const { caller: demo } = await as("demo", DEMO_PASSWORD);
    const demoOptions = await demo.compute.launchOptions();
    const privateNet = demoOptions.network?.networks.find((n) => n.name === "private")?.id ?? "";

    // Another tenant's instance is not there for the other tenant, whatever the procedure.
    expect(await codeOf(other.compute.instances.interfaces({ id: vm }))).toBe("NOT_FOUND");
    expect(await codeOf(other.compute.instances.interfaceOptions({ id: vm }))).toBe("NOT_FOUND");
    expect(await codeOf(other.compute.instances.attachInterface({ id: vm, networkId: net2 }))).toBe(
      "NOT_FOUND",
    );
    const port = (await demo.compute.instances.interfaces({ id: vm })).interfaces[0]?.portId ?? "";
    expect(await codeOf(other.compute.instances.detachInterface({ id: vm, portId: port }))).toBe("NOT_FOUND");
    expect(await codeOf(other.compute.instances.setSecurityGroups({ id: vm, securityGroupIds: [] }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await codeOf(other.compute.instances.addFloatingIp({ id: vm, portId: port, poolNetworkId: "x" })),
    ).toBe("NOT_FOUND");

    // The other tenant sees none of demo's networks, but a shared one; its own instance cannot be plugged into demo's.
    const adminNeutron = await neutronAs("admin", ADMIN_PASSWORD);
    const sharedNet = await adminNeutron.networks.create({ name: `${unique}-shared`, shared: true });
    const otherOptions = await other.compute.launchOptions();
    expect(otherOptions.network?.networks.map((n) => n.id)).not.toContain(privateNet);
    expect(otherOptions.network?.networks.map((n) => n.id)).toContain(sharedNet.id);
    expect(otherOptions.network?.networks.map((n) => n.name)).not.toContain("public");
    // An admin, who can list every network, is offered its own project's view only.
    const { caller: admin } = await as("admin", ADMIN_PASSWORD);
    const adminNets = (await admin.compute.launchOptions()).network?.networks.map((n) => n.id);
    expect(adminNets).toContain(sharedNet.id);
    expect(adminNets).not.toContain(privateNet);
    const { ids } = await other.compute.instances.launch({
      name: `${unique}-theirs`,
      imageId,
      flavorId,
      networks: "none",
    });
    const theirs = ids[0] ?? "";
    await activeInstance(other, theirs);
    const attachNet = other.compute.instances.attachInterface({ id: theirs, networkId: privateNet });
    expect(await codeOf(attachNet)).toBe("NOT_FOUND");
    expect((await other.compute.instances.interfaces({ id: theirs })).interfaces).toEqual([]);
    const neutron = await neutronAs("demo", DEMO_PASSWORD);
    const freePort = await neutron.ports.create({ network_id: net2, name: `${unique}-free` });
    expect(await codeOf(other.compute.instances.attachInterface({ id: theirs, portId: freePort.id }))).toBe(
      "NOT_FOUND",
    );
    expect((await neutron.ports.get(freePort.id)).device_id).toBe("");
    expect((await demo.compute.launchOptions()).network?.ports.map((p) => p.id)).toContain(freePort.id);

    // A member cannot list across projects.
    expect(await codeOf(demo.compute.instances.list({ allProjects: true }))).toBe("FORBIDDEN");
  });
});
