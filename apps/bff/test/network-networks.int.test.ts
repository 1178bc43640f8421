import { createNovaClient } from "@zenith/api-client/nova";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { onNetworkChange } from "../src/services/network/changes.ts";
import { getNetwork, PORT_SAMPLE } from "../src/services/network/networks.ts";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type Harness,
  OTHER_PASSWORD,
  runName,
  startHarness,
  waitFor,
} from "./cloud-harness.ts";

/**
 * network.networks / subnets / ports against the real control plane
 * (in-memory database): real Keystone logins, real Neutron answers.
 */

const unique = runName("nint");
let cloud: Harness;
let control: Harness["control"];

const login = (username: string, password: string) => cloud.login(username, password);
async function as(username: string, password: string) {
  return (await cloud.as(username, password)).caller;
}
/** A raw Neutron client with a user's token, for what another part's procedures do (routers). */
const neutronAs = (username: string, password: string) => cloud.neutronAs(username, password);
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; fields: unknown }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; message: string; cause?: unknown };
    // Input refused by zod carries its issues; a ZenithError carries its fields.
    const fields =
      e.cause instanceof ZodError
        ? e.cause.issues.map((i) => ({ path: i.path.join("."), message: i.message }))
        : (e.cause as { fields?: unknown } | undefined)?.fields;
    return { code: e.code ?? "", message: e.message, fields };
  }
  throw new Error("expected the call to fail");
}

let otherUser = "";

beforeAll(async () => {
  // A second tenant with its own member, and a compute agent for the ports instances take.
  cloud = await startHarness({
    name: "net-int",
    unique,
    computeAgent: { hostIp: "192.0.2.11" },
    otherTenant: true,
  });
  control = cloud.control;
  otherUser = cloud.other.username;
});

afterAll(async () => {
  await cloud?.close();
});

describe("networks as the demo member", () => {
  it("creates a network with its subnet in one call, lists, gets and announces the change", async () => {
    const demo = await as("demo", DEMO_PASSWORD);
    let announced = 0;
    const off = onNetworkChange(undefined, () => announced++);
    const created = await demo.network.networks.create({
      name: `${unique}-web`,
      subnet: {
        name: `${unique}-web-v4`,
        cidr: "10.20.0.0/24",
        gatewayIp: "10.20.0.1",
        dnsNameservers: ["192.0.2.53"],
        allocationPools: [{ start: "10.20.0.10", end: "10.20.0.99" }],
      },
    });
    off();
    expect(announced).toBeGreaterThan(0);
    expect(created.network).toMatchObject({
      name: `${unique}-web`,
      own: true,
      shared: false,
      external: false,
    });
    expect(created.subnet).toMatchObject({
      cidr: "10.20.0.0/24",
      gatewayIp: "10.20.0.1",
      enableDhcp: true,
      dnsNameservers: ["192.0.2.53"],
      allocationPools: [{ start: "10.20.0.10", end: "10.20.0.99" }],
    });

    const page = await demo.network.networks.list({ q: `${unique}-web` });
    expect(page.total).toBe(1);
    expect(page.items[0]?.subnets.map((s) => s.cidr)).toEqual(["10.20.0.0/24"]);
    // The project sees the shared external network too, never with project names.
    const all = await demo.network.networks.list({ pageSize: 100, sort: "name" });
    expect(all.items.map((n) => n.name)).toEqual(
      expect.arrayContaining(["public", "private", `${unique}-web`]),
    );
    expect(all.items.find((n) => n.name === "public")).toMatchObject({ external: true, own: false });
    expect(all.items.every((n) => n.projectName === undefined)).toBe(true);

    const detail = await demo.network.networks.get({ id: created.network.id });
    expect(detail.subnets.map((s) => s.cidr)).toEqual(["10.20.0.0/24"]);
    expect(detail.inUse).toBeNull();

    const renamed = await demo.network.networks.update({ id: created.network.id, name: `${unique}-web2` });
    expect(renamed.name).toBe(`${unique}-web2`);
  });

  it("pages and sorts on the server with a total", async () => {
    const demo = await as("demo", DEMO_PASSWORD);
    for (const n of ["b", "a", "c"]) await demo.network.networks.create({ name: `${unique}-p-${n}` });
    const first = await demo.network.networks.list({
      q: `${unique}-p-`,
      pageSize: 2,
      sort: "name",
      dir: "desc",
    });
    expect(first.total).toBe(3);
    expect(first.items.map((n) => n.name)).toEqual([`${unique}-p-c`, `${unique}-p-b`]);
    const second = await demo.network.networks.list({
      q: `${unique}-p-`,
      pageSize: 2,
      page: 2,
      sort: "name",
      dir: "desc",
    });
    expect(second.items.map((n) => n.name)).toEqual([`${unique}-p-a`]);
  });

  it("puts an overlapping CIDR's API message on the subnet field and leaves no network behind", async () => {
    const demo = await as("demo", DEMO_PASSWORD);
    const { network } = await demo.network.networks.create({
      name: `${unique}-ov`,
      subnet: { cidr: "10.30.0.0/24" },
    });
    const overlap = await failure(
      demo.network.subnets.create({ networkId: network.id, cidr: "10.30.0.128/25" }),
    );
    expect(overlap.code).toBe("BAD_REQUEST");
    expect(overlap.message).toMatch(/overlaps with another subnet/);
    expect(overlap.fields).toEqual([{ path: "cidr", message: overlap.message }]);

    // A subnet the API refuses (the gateway is the pool's first address) removes the new network again.
    const refused = await failure(
      demo.network.networks.create({
        name: `${unique}-rollback`,
        subnet: {
          cidr: "10.31.0.0/24",
          gatewayIp: "10.31.0.10",
          allocationPools: [{ start: "10.31.0.10", end: "10.31.0.20" }],
        },
      }),
    );
    expect(refused.fields).toEqual([{ path: "subnet.gatewayIp", message: refused.message }]);
    expect((await demo.network.networks.list({ q: `${unique}-rollback` })).total).toBe(0);
  });

  it("refuses a gateway outside the subnet and a bad pool before calling the API, on their fields", async () => {
    const demo = await as("demo", DEMO_PASSWORD);
    const bad = await failure(
      demo.network.networks.create({
        name: `${unique}-bad`,
        subnet: {
          cidr: "10.32.0.0/24",
          gatewayIp: "10.33.0.1",
          allocationPools: [{ start: "10.32.0.50", end: "10.32.0.10" }],
        },
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.fields).toEqual([
      { path: "subnet.gatewayIp", message: "The gateway must lie inside 10.32.0.0/24." },
      { path: "subnet.allocationPools.0", message: "The pool 10.32.0.50-10.32.0.10 ends before it starts." },
    ]);
    expect((await demo.network.networks.list({ q: `${unique}-bad` })).total).toBe(0);
  });

  it("refuses to delete a network in use, naming what uses it, then deletes it once free", async () => {
    const demo = await as("demo", DEMO_PASSWORD);
    const { network, subnet } = await demo.network.networks.create({
      name: `${unique}-used`,
      subnet: { cidr: "10.40.0.0/24" },
    });
    if (!subnet) throw new Error("subnet missing");
    const neutron = await neutronAs("demo", DEMO_PASSWORD);
    const router = await neutron.routers.create({ name: `${unique}-r` });
    await neutron.routers.addInterface(router.id, { subnet_id: subnet.id });

    const refused = await failure(demo.network.networks.delete({ id: network.id }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain(`Interface of router ${unique}-r.`);
    expect(await demo.network.networks.get({ id: network.id })).toMatchObject({
      inUse: { routerCount: 1, routers: `${unique}-r`, instanceCount: 0 },
      instanceCount: 0,
      more: false,
    });

    const ports = await demo.network.ports.list({ networkId: network.id });
    expect(ports.items.find((p) => p.owner.kind === "router-interface")).toMatchObject({
      owner: { id: router.id, name: `${unique}-r` },
      fixedIps: [{ ip: "10.40.0.1", subnetId: subnet.id }],
    });

    await neutron.routers.removeInterface(router.id, { subnet_id: subnet.id });
    await neutron.routers.delete(router.id);
    await demo.network.networks.delete({ id: network.id });
    expect((await demo.network.networks.list({ q: `${unique}-used` })).total).toBe(0);
  });

  it("edits and deletes a subnet, with the API's message on the field", async () => {
    const demo = await as("demo", DEMO_PASSWORD);
    const { network } = await demo.network.networks.create({ name: `${unique}-sub` });
    const subnet = await demo.network.subnets.create({
      networkId: network.id,
      cidr: "10.50.0.0/24",
      name: "one",
    });
    const edited = await demo.network.subnets.update({ id: subnet.id, name: "uno", enableDhcp: false });
    expect(edited).toMatchObject({ name: "uno", enableDhcp: false, cidr: "10.50.0.0/24" });
    const bad = await failure(demo.network.subnets.update({ id: subnet.id, gatewayIp: "10.51.0.1" }));
    expect(bad.fields).toEqual([{ path: "gatewayIp", message: bad.message }]);
    await demo.network.subnets.delete({ id: subnet.id });
    expect((await demo.network.networks.get({ id: network.id })).subnets).toEqual([]);
  });

  it("suggests free private CIDRs that avoid the project's subnets", async () => {
    const demo = await as("demo", DEMO_PASSWORD);
    const { cidrs } = await demo.network.networks.cidrSuggestions({ prefixLength: 24, count: 4 });
    expect(cidrs).toHaveLength(4);
    // private is 10.0.0.0/26 and this suite took 10.20.0.0/24 …
    expect(cidrs).not.toContain("10.0.0.0/24");
    expect(cidrs.every((c) => c.endsWith("/24"))).toBe(true);
    await demo.network.networks.create({ name: `${unique}-sugg`, subnet: { cidr: cidrs[0] ?? "" } });
    const after = await demo.network.networks.cidrSuggestions({ prefixLength: 24, count: 4 });
    expect(after.cidrs).not.toContain(cidrs[0]);
  });

  it("refuses a member allProjects, shared networks and provider attributes", async () => {
    const demo = await as("demo", DEMO_PASSWORD);
    expect((await failure(demo.network.networks.list({ allProjects: true }))).code).toBe("FORBIDDEN");
    expect((await failure(demo.network.networks.create({ name: `${unique}-s`, shared: true }))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (
        await failure(
          demo.network.networks.create({ name: `${unique}-pv`, provider: { networkType: "vxlan" } }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});

describe("instances on a network", () => {
  it("lists the instance on the network and refuses deletion naming it, until it is gone", async () => {
    const demo = await as("demo", DEMO_PASSWORD);
    const { network } = await demo.network.networks.create({
      name: `${unique}-apps`,
      subnet: { cidr: "10.70.0.0/24" },
    });
    const session = await login("demo", DEMO_PASSWORD);
    const nova = createNovaClient({ endpoint: `${control.url}/compute/v2.1`, token: session.token });
    const options = await demo.compute.launchOptions();
    const image = options.images.find((i) => i.name === "zenith-starter");
    const flavor = options.flavors.find(
      (f) => f.disabledReason === undefined && f.disk >= (image?.minDisk ?? 0),
    );
    if (!image || !flavor) throw new Error("no image or flavor to launch");
    const server = await nova.servers.create({
      name: `${unique}-vm`,
      imageRef: image.id,
      flavorRef: flavor.id,
      networks: [{ uuid: network.id }],
    });
    const serverId = "server" in server ? server.server.id : "";

    const detail = await waitFor("the instance's port", async () => {
      const d = await demo.network.networks.get({ id: network.id });
      return d.instanceCount > 0 ? d : undefined;
    });
    expect(detail).toMatchObject({ instanceCount: 1, more: false });
    expect((await demo.network.networks.instances({ networkId: network.id })).items).toEqual([
      {
        id: serverId,
        name: `${unique}-vm`,
        status: expect.any(String),
        addresses: [expect.stringMatching(/^10\.70\.0\./)],
      },
    ]);
    expect(detail.inUse).toEqual({
      instanceCount: 1,
      instances: `${unique}-vm`,
      routerCount: 0,
      routers: "",
      gatewayCount: 0,
      gateways: "",
      floatingIps: 0,
      otherPorts: 0,
    });
    const refused = await failure(demo.network.networks.delete({ id: network.id }));
    expect(refused).toMatchObject({
      code: "CONFLICT",
      message: `Network ${unique}-apps is in use. Instance on it: ${unique}-vm. Remove them first.`,
    });
    const ports = await demo.network.ports.list({ networkId: network.id, q: "10.70.0." });
    expect(ports.items.some((p) => p.owner.kind === "instance" && p.owner.name === `${unique}-vm`)).toBe(
      true,
    );

    await nova.servers.delete(serverId);
    await waitFor("the instance's port to go", async () => {
      const d = await demo.network.networks.get({ id: network.id });
      return d.inUse === null ? d : undefined;
    });
    await demo.network.networks.delete({ id: network.id });
  });
});

describe("a network with more ports than the first view reads", () => {
  it("reads one page of ports for its detail, pages its instances, and still refuses its deletion in full", async () => {
    const { caller: demo, session } = await cloud.as("demo", DEMO_PASSWORD);
    const neutron = await neutronAs("demo", DEMO_PASSWORD);
    const { network, subnet } = await demo.network.networks.create({
      name: `${unique}-big`,
      subnet: { cidr: "10.90.0.0/22", enableDhcp: false },
    });
    if (!subnet) throw new Error("subnet missing");
    // Instances' ports (made up owners, as Nova would make them), unowned ports past one page, one router.
    const instanceIds = Array.from({ length: 7 }, (_, i) => `${unique}-server-${i}`);
    for (const deviceId of instanceIds) {
      await neutron.ports.create({
        network_id: network.id,
        device_owner: "compute:nova",
        device_id: deviceId,
      });
    }
    const unowned = PORT_SAMPLE + 5 - instanceIds.length;
    for (let i = 0; i < unowned; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, unowned - i) }, (_, k) =>
          neutron.ports.create({ network_id: network.id, name: `${unique}-p${i + k}` }),
        ),
      );
    }
    const router = await neutron.routers.create({ name: `${unique}-big-r` });
    await neutron.routers.addInterface(router.id, { subnet_id: subnet.id });
    const total = PORT_SAMPLE + 5 + 1;

    // The first view, through the BFF's own clients with every request seen.
    const requests: URL[] = [];
    const counting: typeof fetch = (input, init) => {
      requests.push(new URL(input instanceof Request ? input.url : String(input)));
      return fetch(input, init);
    };
    const scope = { token: session.token, projectId: session.project?.id ?? "", isAdmin: false };
    const detail = await getNetwork(cloud.cloudFor(session, counting), scope, network.id);
    expect(detail.portCount).toBe(PORT_SAMPLE);
    expect(detail.more).toBe(true);
    expect(detail.inUse).toMatchObject({ routerCount: 1, routers: `${unique}-big-r` });
    // Ports come in id order: how many instances the page holds depends on their ids, never more than there are.
    expect(detail.instanceCount).toBeLessThanOrEqual(instanceIds.length);
    expect(detail.inUse?.instanceCount).toBe(detail.instanceCount);
    // The page's ports are instances' and unowned ones, but for the router's interface if it falls in it.
    const counted = (detail.inUse?.otherPorts ?? 0) + detail.instanceCount;
    expect(counted).toBeGreaterThanOrEqual(PORT_SAMPLE - 1);
    expect(counted).toBeLessThanOrEqual(PORT_SAMPLE);
    const portReads = requests.filter((u) => u.pathname.endsWith("/v2.0/ports"));
    // Only reads that are bounded: a page of ports, and the few router and floating IP ports by owner.
    expect(portReads).toHaveLength(2);
    for (const read of portReads) {
      const limit = Number(read.searchParams.get("limit") ?? "0");
      const owners = read.searchParams.getAll("device_owner");
      expect(limit === PORT_SAMPLE + 1 || owners.includes("network:router_interface")).toBe(true);
      if (limit === 0) expect(owners.every((o) => o.startsWith("network:"))).toBe(true);
    }
    // The instances' names: at most five GETs by id, never a list of the project's servers.
    expect(requests.filter((u) => /\/servers(\/detail)?$/.test(u.pathname))).toEqual([]);
    expect(requests.filter((u) => /\/servers\/[^/]+$/.test(u.pathname)).length).toBeLessThanOrEqual(5);

    // The instances tab: a page of them with the exact total; gone servers keep their id.
    const page = await demo.network.networks.instances({ networkId: network.id, page: 2, pageSize: 3 });
    expect(page.total).toBe(instanceIds.length);
    expect(page.items).toHaveLength(3);
    expect(page.items.every((i) => instanceIds.includes(i.id) && i.name === "")).toBe(true);
    const all = await demo.network.networks.instances({ networkId: network.id, pageSize: 100 });
    expect(all.items.map((i) => i.id).sort()).toEqual([...instanceIds].sort());
    const addresses = all.items.map((i) => i.addresses[0] ?? "");
    expect(addresses).toEqual([...addresses].sort((a, b) => a.localeCompare(b, "en", { numeric: true })));

    // The delete still checks every port: refused with the exact counts.
    const refused = await failure(demo.network.networks.delete({ id: network.id }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain(`${instanceIds.length} instances on it:`);
    expect(refused.message).toContain(`Interface of router ${unique}-big-r.`);
    expect(refused.message).toContain(`${total - 1 - instanceIds.length} other ports.`);
  });
});

describe("tenant isolation", () => {
  it("hides another tenant's network from list and get and refuses its deletion", async () => {
    const other = await as(otherUser, OTHER_PASSWORD);
    const { network } = await other.network.networks.create({
      name: `${unique}-secret`,
      subnet: { cidr: "10.60.0.0/24" },
    });
    const demo = await as("demo", DEMO_PASSWORD);
    expect((await demo.network.networks.list({ q: `${unique}-secret` })).total).toBe(0);
    expect((await failure(demo.network.networks.get({ id: network.id }))).code).toBe("NOT_FOUND");
    expect((await failure(demo.network.networks.delete({ id: network.id }))).code).toBe("NOT_FOUND");
    expect((await failure(demo.network.ports.list({ networkId: network.id }))).code).toBe("NOT_FOUND");
    expect(
      (await failure(demo.network.subnets.create({ networkId: network.id, cidr: "10.61.0.0/24" }))).code,
    ).toBe("NOT_FOUND");
    expect((await other.network.networks.get({ id: network.id })).network.name).toBe(`${unique}-secret`);
  });
});

describe("networks as the cloud admin", () => {
  it("creates an external flat provider network and a shared vxlan one for a project, listed across projects", async () => {
    const admin = await as("admin", ADMIN_PASSWORD);
    const projects = await admin.identity.projects.list({ q: "demo" });
    const demoProject = projects.items.find((p) => p.name === "demo");
    if (!demoProject) throw new Error("demo project missing");
    const ext = await admin.network.networks.create({
      name: `${unique}-ext`,
      external: true,
      provider: { networkType: "flat", physicalNetwork: `${unique.slice(-8)}-phys` },
      subnet: { cidr: "198.51.100.0/24", enableDhcp: false },
    });
    expect(ext.network).toMatchObject({ external: true, networkType: "flat" });
    const vx = await admin.network.networks.create({
      name: `${unique}-vx`,
      shared: true,
      provider: { networkType: "vxlan", segmentationId: 4242 },
      projectId: demoProject.id,
    });
    expect(vx.network).toMatchObject({
      shared: true,
      networkType: "vxlan",
      segmentationId: 4242,
      projectId: demoProject.id,
    });

    // The same VNI again: the API's refusal lands on the segmentation id field.
    const taken = await failure(
      admin.network.networks.create({
        name: `${unique}-vx2`,
        provider: { networkType: "vxlan", segmentationId: 4242 },
      }),
    );
    expect(taken.fields).toEqual([{ path: "provider.segmentationId", message: taken.message }]);

    const all = await admin.network.networks.list({ allProjects: true, q: unique, pageSize: 100 });
    expect(all.items.find((n) => n.name === `${unique}-vx`)?.projectName).toBe("demo");
    expect(all.items.map((n) => n.name)).toContain(`${unique}-secret`);
    // Without allProjects the admin sees its own project's view, not the others' networks.
    const own = await admin.network.networks.list({ q: `${unique}-secret` });
    expect(own.total).toBe(0);

    // The demo member sees the shared network (not its own to share) and the external one.
    const demo = await as("demo", DEMO_PASSWORD);
    const seen = await demo.network.networks.list({ q: unique, pageSize: 100 });
    expect(seen.items.map((n) => n.name)).toEqual(expect.arrayContaining([`${unique}-ext`, `${unique}-vx`]));
    // … but cannot delete the external one it does not own.
    const refused = await failure(demo.network.networks.delete({ id: ext.network.id }));
    expect(refused).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("belongs to another project"),
    });
  });
});
