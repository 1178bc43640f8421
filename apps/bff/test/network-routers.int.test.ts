import { TRPCError } from "@trpc/server";
import type { KeystoneSession } from "@zenith/api-client/keystone";
import type { NeutronClient } from "@zenith/api-client/neutron";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onNetworkChange } from "../src/services/network/changes.ts";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type Harness,
  OTHER_PASSWORD,
  runName,
  startHarness,
} from "./cloud-harness.ts";

/**
 * network.routers.* against the real control plane with first-start
 * networking (`public`, demo's `private` and `router1`), as the demo
 * member, a member of another project and the cloud admin.
 */

const unique = runName("rint");
let cloud: Harness;

const as = (username: string, password: string) => cloud.as(username, password);
const neutronFor = (session: KeystoneSession): NeutronClient => cloud.neutronFor(session);

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TRPCError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("expected the call to fail");
}

/** A tenant network with one subnet, made straight through Neutron (the networks pages are not under test). */
async function networkWithSubnet(neutron: NeutronClient, name: string, cidr: string) {
  const network = await neutron.networks.create({ name });
  const subnet = await neutron.subnets.create({
    network_id: network.id,
    ip_version: 4,
    cidr,
    name: `${name}-subnet`,
  });
  return { network, subnet };
}

beforeAll(async () => {
  cloud = await startHarness({ name: "routers", unique, otherTenant: true });
});

afterAll(async () => {
  await cloud?.close();
});

describe("routers as the demo member", () => {
  it("lists the first-start router1 with its gateway on public and its interface", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const page = await caller.network.routers.list({ q: "router1" });
    expect(page.total).toBe(1);
    const row = page.items[0];
    expect(row).toMatchObject({ name: "router1", interfaceCount: 1, gateway: { networkName: "public" } });
    expect(row?.gateway?.ips).toHaveLength(1);
    expect(row?.projectName).toBeUndefined();
  });

  it("creates a router with a gateway, adds and removes interfaces, sets routes and deletes it", async () => {
    const { caller, session } = await as("demo", DEMO_PASSWORD);
    const projectId = session.project?.id ?? "";
    let announced = 0;
    const stop = onNetworkChange(projectId, () => announced++);
    const neutron = neutronFor(session);
    const a = await networkWithSubnet(neutron, `${unique}-a`, "10.20.0.0/24");
    const b = await networkWithSubnet(neutron, `${unique}-b`, "10.21.0.0/24");

    const createOptions = await caller.network.routers.options({});
    const publicNet = createOptions.externalNetworks.find((n) => n.name === "public");
    expect(publicNet).toBeDefined();
    if (!publicNet) return;
    // router1 holds private-subnet's gateway: offered, but only with a chosen address.
    expect(createOptions.subnets.find((s) => s.name === "private-subnet")).toMatchObject({
      gatewayFree: false,
    });

    const created = await caller.network.routers.create({
      name: `${unique}-r`,
      externalNetworkId: publicNet.id,
    });
    expect(created.projectId).toBe(projectId);
    expect(announced).toBe(1);
    const listed = await caller.network.routers.list({ q: unique });
    expect(listed.items.map((r) => r.id)).toEqual([created.id]);
    expect(listed.items[0]?.gateway).toMatchObject({ networkId: publicNet.id, networkName: "public" });

    const options = await caller.network.routers.options({ routerId: created.id });
    expect(options.subnets.find((s) => s.id === a.subnet.id)).toMatchObject({
      gatewayFree: true,
      blockedReason: null,
    });

    await caller.network.routers.addInterface({ routerId: created.id, subnetId: a.subnet.id });
    const withIp = await caller.network.routers.addInterface({
      routerId: created.id,
      subnetId: b.subnet.id,
      // Above the first 32 pool addresses, among which the DHCP port takes one at random.
      ipAddress: "10.21.0.250",
    });
    const detail = await caller.network.routers.get({ id: created.id });
    expect(detail.interfaces).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subnetId: a.subnet.id,
          subnetName: `${unique}-a-subnet`,
          cidr: "10.20.0.0/24",
          ipAddress: "10.20.0.1",
        }),
        expect.objectContaining({ portId: withIp.portId, cidr: "10.21.0.0/24", ipAddress: "10.21.0.250" }),
      ]),
    );
    expect(detail.gateway?.ips).toHaveLength(1);
    const overlapping = await networkWithSubnet(neutron, `${unique}-c`, "10.20.0.128/25");
    const attachedNow = await caller.network.routers.options({ routerId: created.id });
    expect(attachedNow.subnets.map((s) => s.id)).not.toContain(a.subnet.id);
    expect(attachedNow.subnets.find((s) => s.id === overlapping.subnet.id)?.blockedReason).toBe(
      `Overlaps 10.20.0.0/24 (${unique}-a-subnet), already on this router.`,
    );

    // A taken address is refused by Neutron, its message under the address field, and no port is left behind.
    const taken = await failure(
      caller.network.routers.addInterface({
        routerId: created.id,
        subnetId: a.subnet.id,
        ipAddress: "10.20.0.1",
      }),
    );
    expect(taken.code).not.toBe("INTERNAL_SERVER_ERROR");
    expect(taken.message).toMatch(/10\.20\.0\.1/);

    await caller.network.routers.setRoutes({
      id: created.id,
      routes: [{ destination: "192.168.50.0/24", nexthop: "10.20.0.10" }],
    });
    expect((await caller.network.routers.get({ id: created.id })).routes).toEqual([
      { destination: "192.168.50.0/24", nexthop: "10.20.0.10" },
    ]);
    const badNexthop = await failure(
      caller.network.routers.setRoutes({
        id: created.id,
        routes: [{ destination: "192.168.60.0/24", nexthop: "10.99.0.1" }],
      }),
    );
    expect(badNexthop).toMatchObject({ code: "BAD_REQUEST" });
    expect(badNexthop.message).toContain("the nexthop is not connected with router");
    const badCidr = await failure(
      caller.network.routers.setRoutes({
        id: created.id,
        routes: [{ destination: "192.168.60.0", nexthop: "10.20.0.10" }],
      }),
    );
    expect(badCidr).toMatchObject({ code: "BAD_REQUEST" });
    expect(badCidr.message).toContain("CIDR");

    const refused = await failure(caller.network.routers.delete({ id: created.id }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/still has 2 interfaces.*Remove its interfaces first/);

    await caller.network.routers.setRoutes({ id: created.id, routes: [] });
    await caller.network.routers.removeInterface({ routerId: created.id, subnetId: a.subnet.id });
    await caller.network.routers.removeInterface({ routerId: created.id, portId: withIp.portId });
    expect((await caller.network.routers.get({ id: created.id })).interfaces).toEqual([]);
    const ports = await neutron.ports.listAll({ network_id: [a.network.id, b.network.id] });
    expect(ports.filter((p) => p.device_owner.startsWith("network:router"))).toEqual([]);

    await caller.network.routers.update({ id: created.id, name: `${unique}-renamed`, adminStateUp: false });
    await caller.network.routers.clearGateway({ id: created.id });
    const cleared = await caller.network.routers.get({ id: created.id });
    expect(cleared).toMatchObject({ name: `${unique}-renamed`, adminStateUp: false, gateway: null });
    await caller.network.routers.setGateway({ id: created.id, externalNetworkId: publicNet.id });
    expect((await caller.network.routers.get({ id: created.id })).gateway?.networkName).toBe("public");
    const snat = await failure(
      caller.network.routers.setGateway({
        id: created.id,
        externalNetworkId: publicNet.id,
        enableSnat: false,
      }),
    );
    expect(snat.code).toBe("FORBIDDEN");

    const countBeforeDelete = announced;
    await caller.network.routers.delete({ id: created.id });
    expect(announced).toBe(countBeforeDelete + 1);
    expect((await failure(caller.network.routers.get({ id: created.id }))).code).toBe("NOT_FOUND");
    stop();
  });

  it("is refused allProjects and other projects", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    expect((await failure(caller.network.routers.list({ allProjects: true }))).code).toBe("FORBIDDEN");
    expect((await failure(caller.network.routers.list({ projectId: "another-project" }))).code).toBe(
      "FORBIDDEN",
    );
    const snat = await failure(caller.network.routers.create({ name: `${unique}-snat`, enableSnat: false }));
    expect(snat.code).toBe("FORBIDDEN");
    expect((await caller.network.routers.list({ q: `${unique}-snat` })).total).toBe(0);
  });
});

describe("tenant isolation", () => {
  it("another project's router is invisible and unchangeable through every procedure", async () => {
    const { caller: demo, session: demoSession } = await as("demo", DEMO_PASSWORD);
    const { caller: other, session: otherSession } = await as(`${unique}-other`, OTHER_PASSWORD);
    const demoSubnet = await networkWithSubnet(neutronFor(demoSession), `${unique}-iso`, "10.30.0.0/24");
    const victim = await demo.network.routers.create({ name: `${unique}-victim` });
    await demo.network.routers.addInterface({ routerId: victim.id, subnetId: demoSubnet.subnet.id });
    const own = await networkWithSubnet(neutronFor(otherSession), `${unique}-own`, "10.40.0.0/24");
    const ownRouter = await other.network.routers.create({ name: `${unique}-own` });
    const publicId = (await other.network.routers.options({})).externalNetworks[0]?.id ?? "";

    const listed = await other.network.routers.list({ pageSize: 100 });
    expect(listed.items.map((r) => r.id)).toEqual([ownRouter.id]);
    const id = victim.id;
    // Thunks, so each refusal is awaited as it happens (no unhandled rejections).
    const attempts: (() => Promise<unknown>)[] = [
      () => other.network.routers.get({ id }),
      () => other.network.routers.options({ routerId: id }),
      () => other.network.routers.update({ id, name: "taken" }),
      () => other.network.routers.setGateway({ id, externalNetworkId: publicId }),
      () => other.network.routers.clearGateway({ id }),
      () => other.network.routers.addInterface({ routerId: id, subnetId: own.subnet.id }),
      () =>
        other.network.routers.addInterface({ routerId: id, subnetId: own.subnet.id, ipAddress: "10.40.0.9" }),
      () => other.network.routers.removeInterface({ routerId: id, subnetId: demoSubnet.subnet.id }),
      () => other.network.routers.setRoutes({ id, routes: [] }),
      () => other.network.routers.delete({ id }),
      // Nor can another project's subnet be put on one's own router.
      () => other.network.routers.addInterface({ routerId: ownRouter.id, subnetId: demoSubnet.subnet.id }),
    ];
    for (const attempt of attempts) expect((await failure(attempt())).code).toBe("NOT_FOUND");

    const after = await demo.network.routers.get({ id });
    expect(after).toMatchObject({ name: `${unique}-victim`, interfaceCount: 1 });
    expect(after.interfaces.map((i) => i.subnetId)).toEqual([demoSubnet.subnet.id]);
    // The other project's options offer none of demo's subnets.
    const options = await other.network.routers.options({ routerId: ownRouter.id });
    expect(options.subnets.map((s) => s.id)).toEqual([own.subnet.id]);
  });
});

describe("routers as the cloud admin", () => {
  it("lists every project's routers with project names, and acts on another project's router", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const own = await caller.network.routers.list({ q: "router1" });
    expect(own.total).toBe(0);
    const all = await caller.network.routers.list({ allProjects: true, q: "router1" });
    expect(all.items).toEqual([expect.objectContaining({ name: "router1", projectName: "demo" })]);
    const id = all.items[0]?.id ?? "";
    const detail = await caller.network.routers.get({ id });
    expect(detail.projectName).toBe("demo");
    const options = await caller.network.routers.options({ routerId: id });
    // router1's own subnet is attached already; demo's other subnets are offered.
    expect(options.subnets.map((s) => s.name)).not.toContain("private-subnet");
    const publicId = options.externalNetworks.find((n) => n.name === "public")?.id ?? "";
    await caller.network.routers.setGateway({ id, externalNetworkId: publicId, enableSnat: false });
    expect((await caller.network.routers.get({ id })).gateway?.enableSnat).toBe(false);
    await caller.network.routers.setGateway({ id, externalNetworkId: publicId, enableSnat: true });
  });
});
