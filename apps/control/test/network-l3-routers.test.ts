import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rescheduleRouters, scheduleRouter } from "../src/services/network/l3/scheduler.ts";
import { type L3TestEnv, seedNetwork, seedPort, startL3Env } from "./network-l3-harness.ts";

const SAMPLES = "/work/shared/reference/neutron/v2/samples/routers";
const sample = (file: string) => JSON.parse(readFileSync(`${SAMPLES}/${file}`, "utf8"));
/** Attributes of extensions this cloud does not serve (l3-flavors, l3-conntrack-helper, dvr, l3-ha). */
const UNSERVED = ["conntrack_helpers", "flavor_id", "service_type_id", "distributed", "ha"];

describe("routers API", () => {
  let env: L3TestEnv;
  let publicId: string;
  beforeAll(async () => {
    env = await startL3Env();
    const pub = await env.control.running.db.prisma.network.findFirstOrThrow({ where: { name: "public" } });
    publicId = pub.id;
  });
  afterAll(async () => env?.close());

  const createRouter = (token: string, router: Record<string, unknown>) =>
    env.net("POST", "/routers", token, { router });

  it("creates routers with upstream's shape and an external gateway on router:external networks only", async () => {
    const res = await createRouter(env.admin, {
      name: "edge",
      external_gateway_info: { network_id: publicId },
      project_id: env.demoProjectId,
    });
    expect(res.status).toBe(201);
    const router = res.body.router;
    const upstream = Object.keys(sample("router-create-response.json").router).filter(
      (k) => !UNSERVED.includes(k),
    );
    expect(Object.keys(router).sort()).toEqual(upstream.sort());
    expect(router.external_gateway_info).toMatchObject({ network_id: publicId, enable_snat: true });
    const [gw] = router.external_gateway_info.external_fixed_ips;
    expect(gw.ip_address).toMatch(/^172\.24\.4\.\d+$/);
    // The gateway is a network:router_gateway port holding that address.
    const port = await env.control.running.db.prisma.port.findFirstOrThrow({
      where: { deviceId: router.id, deviceOwner: "network:router_gateway" },
      include: { fixedIps: true },
    });
    expect(port.fixedIps.map((a) => a.ipAddress)).toEqual([gw.ip_address]);

    // A member may not choose SNAT or addresses.
    const mine = await createRouter(env.demo, { name: "mine" });
    expect(mine.status).toBe(201);
    expect(mine.body.router.external_gateway_info).toBeNull();
    const snat = await env.net("PUT", `/routers/${mine.body.router.id}`, env.demo, {
      router: { external_gateway_info: { network_id: publicId, enable_snat: false } },
    });
    expect(snat.status).toBe(403);
    const set = await env.net("PUT", `/routers/${mine.body.router.id}`, env.demo, {
      router: { external_gateway_info: { network_id: publicId } },
    });
    expect(set.status).toBe(200);
    expect(set.body.router.external_gateway_info.network_id).toBe(publicId);
    const cleared = await env.net("PUT", `/routers/${mine.body.router.id}`, env.demo, {
      router: { external_gateway_info: {} },
    });
    expect(cleared.body.router.external_gateway_info).toBeNull();
    expect(await env.control.running.db.prisma.port.count({ where: { deviceId: mine.body.router.id } })).toBe(
      0,
    );

    const internal = await seedNetwork(env, { projectId: env.demoProjectId, cidr: "10.60.0.0/24" });
    const notExternal = await env.net("PUT", `/routers/${mine.body.router.id}`, env.demo, {
      router: { external_gateway_info: { network_id: internal.networkId } },
    });
    expect(notExternal.status).toBe(400);
    expect(notExternal.body.NeutronError.type).toBe("BadRequest");
    const foreign = await seedNetwork(env, { projectId: env.otherProjectId, cidr: "10.61.0.0/24" });
    const hidden = await env.net("PUT", `/routers/${mine.body.router.id}`, env.demo, {
      router: { external_gateway_info: { network_id: foreign.networkId } },
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.NeutronError.type).toBe("NetworkNotFound");
  });

  it("adds and removes interfaces by subnet and by port, with upstream's checks", async () => {
    const router = (await createRouter(env.demo, { name: "r-if" })).body.router;
    const a = await seedNetwork(env, { projectId: env.demoProjectId, cidr: "10.70.0.0/24" });
    const added = await env.net("PUT", `/routers/${router.id}/add_router_interface`, env.demo, {
      subnet_id: a.subnetId,
    });
    expect(added.status).toBe(200);
    expect(Object.keys(added.body).sort()).toEqual(
      Object.keys(sample("router-add-interface-response.json")).sort(),
    );
    expect(added.body).toMatchObject({
      id: router.id,
      subnet_id: a.subnetId,
      subnet_ids: [a.subnetId],
      network_id: a.networkId,
    });
    const port = await env.control.running.db.prisma.port.findUniqueOrThrow({
      where: { id: added.body.port_id },
      include: { fixedIps: true },
    });
    expect(port).toMatchObject({ deviceOwner: "network:router_interface", deviceId: router.id });
    expect(port.fixedIps.map((f) => f.ipAddress)).toEqual(["10.70.0.1"]);

    const again = await env.net("PUT", `/routers/${router.id}/add_router_interface`, env.demo, {
      subnet_id: a.subnetId,
    });
    expect(again.status).toBe(400);
    const overlap = await seedNetwork(env, { projectId: env.demoProjectId, cidr: "10.70.0.0/25" });
    const clash = await env.net("PUT", `/routers/${router.id}/add_router_interface`, env.demo, {
      subnet_id: overlap.subnetId,
    });
    expect(clash.status).toBe(400);
    expect(clash.body.NeutronError.message).toContain("overlaps");
    const noGateway = await seedNetwork(env, {
      projectId: env.demoProjectId,
      cidr: "10.71.0.0/24",
      gateway: null,
    });
    expect(
      (
        await env.net("PUT", `/routers/${router.id}/add_router_interface`, env.demo, {
          subnet_id: noGateway.subnetId,
        })
      ).status,
    ).toBe(400);
    const taken = await seedNetwork(env, { projectId: env.demoProjectId, cidr: "10.72.0.0/24" });
    // Another router already holds that subnet's gateway address.
    const holder = (await createRouter(env.demo, { name: "r-holder" })).body.router;
    await env.net("PUT", `/routers/${holder.id}/add_router_interface`, env.demo, {
      subnet_id: taken.subnetId,
    });
    const inUse = await env.net("PUT", `/routers/${router.id}/add_router_interface`, env.demo, {
      subnet_id: taken.subnetId,
    });
    expect(inUse.status).toBe(409);
    expect(inUse.body.NeutronError.type).toBe("IpAddressInUse");
    expect((await env.net("PUT", `/routers/${router.id}/add_router_interface`, env.demo, {})).status).toBe(
      400,
    );

    // By port: the port becomes the router's interface.
    const b = await seedNetwork(env, { projectId: env.demoProjectId, cidr: "10.73.0.0/24" });
    const portId = await seedPort(env, { projectId: env.demoProjectId, ...b, ip: "10.73.0.254" });
    const byPort = await env.net("PUT", `/routers/${router.id}/add_router_interface`, env.demo, {
      port_id: portId,
    });
    expect(byPort.status).toBe(200);
    expect(byPort.body).toMatchObject({ port_id: portId, subnet_ids: [b.subnetId] });
    const bound = await seedPort(env, {
      projectId: env.demoProjectId,
      ...b,
      ip: "10.73.0.20",
      deviceId: "vm-1",
    });
    const portInUse = await env.net("PUT", `/routers/${router.id}/add_router_interface`, env.demo, {
      port_id: bound,
    });
    expect(portInUse.status).toBe(409);
    expect(portInUse.body.NeutronError.type).toBe("PortInUse");

    // The router cannot go while interfaces remain.
    const busy = await env.net("DELETE", `/routers/${router.id}`, env.demo);
    expect(busy.status).toBe(409);
    expect(busy.body.NeutronError.type).toBe("RouterInUse");
    // A subnet with a router interface cannot be deleted, nor the interface port by the port API.
    const subnetGone = await env.net("DELETE", `/subnets/${a.subnetId}`, env.demo);
    expect(subnetGone.status).toBe(409);
    expect(subnetGone.body.NeutronError.type).toBe("SubnetInUse");
    const portGone = await env.net("DELETE", `/ports/${added.body.port_id}`, env.demo);
    expect(portGone.status).toBe(409);
    expect(portGone.body.NeutronError.type).toBe("ServicePortInUse");

    const notThere = await env.net("PUT", `/routers/${router.id}/remove_router_interface`, env.demo, {
      subnet_id: taken.subnetId,
    });
    expect(notThere.status).toBe(404);
    expect(notThere.body.NeutronError.type).toBe("RouterInterfaceNotFoundForSubnet");
    const removed = await env.net("PUT", `/routers/${router.id}/remove_router_interface`, env.demo, {
      subnet_id: a.subnetId,
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ port_id: added.body.port_id, subnet_id: a.subnetId });
    const byPortRemoved = await env.net("PUT", `/routers/${router.id}/remove_router_interface`, env.demo, {
      port_id: portId,
    });
    expect(byPortRemoved.status).toBe(200);
    expect((await env.net("DELETE", `/routers/${router.id}`, env.demo)).status).toBe(204);
    expect((await env.net("GET", `/routers/${router.id}`, env.demo)).status).toBe(404);
  });

  it("keeps static routes whose nexthop is on a connected subnet", async () => {
    const router = (await createRouter(env.demo, { name: "r-routes" })).body.router;
    const a = await seedNetwork(env, { projectId: env.demoProjectId, cidr: "10.80.0.0/24" });
    await env.net("PUT", `/routers/${router.id}/add_router_interface`, env.demo, { subnet_id: a.subnetId });
    const ok = await env.net("PUT", `/routers/${router.id}`, env.demo, {
      router: { routes: [{ destination: "192.168.50.7/24", nexthop: "10.80.0.10" }] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.router.routes).toEqual([{ destination: "192.168.50.0/24", nexthop: "10.80.0.10" }]);
    const far = await env.net("PUT", `/routers/${router.id}`, env.demo, {
      router: { routes: [{ destination: "192.168.51.0/24", nexthop: "10.99.0.10" }] },
    });
    expect(far.status).toBe(400);
    expect(far.body.NeutronError.type).toBe("InvalidRoutes");
    const own = await env.net("PUT", `/routers/${router.id}`, env.demo, {
      router: { routes: [{ destination: "192.168.51.0/24", nexthop: "10.80.0.1" }] },
    });
    expect(own.status).toBe(400);
    const more = await env.net("PUT", `/routers/${router.id}/add_extraroutes`, env.demo, {
      router: { routes: [{ destination: "192.168.52.0/24", nexthop: "10.80.0.11" }] },
    });
    expect(more.body.router.routes).toHaveLength(2);
    const needed = await env.net("PUT", `/routers/${router.id}/remove_router_interface`, env.demo, {
      subnet_id: a.subnetId,
    });
    expect(needed.status).toBe(409);
    expect(needed.body.NeutronError.type).toBe("RouterInterfaceInUseByRoute");
    const fewer = await env.net("PUT", `/routers/${router.id}/remove_extraroutes`, env.demo, {
      router: { routes: [{ destination: "192.168.50.0/24", nexthop: "10.80.0.10" }] },
    });
    expect(fewer.body.router.routes).toEqual([{ destination: "192.168.52.0/24", nexthop: "10.80.0.11" }]);
    // `routes: null` clears them all (Tempest's cleanup).
    const none = await env.net("PUT", `/routers/${router.id}`, env.demo, { router: { routes: null } });
    expect(none.body.router.routes).toEqual([]);
  });

  it("hides a project's routers from every other project, on every path", async () => {
    const router = (await createRouter(env.demo, { name: "private-r" })).body.router;
    const theirs = await seedNetwork(env, { projectId: env.otherProjectId, cidr: "10.90.0.0/24" });
    const calls = [
      await env.net("GET", `/routers/${router.id}`, env.other),
      await env.net("PUT", `/routers/${router.id}`, env.other, { router: { name: "x" } }),
      await env.net("DELETE", `/routers/${router.id}`, env.other),
      await env.net("PUT", `/routers/${router.id}/add_router_interface`, env.other, {
        subnet_id: theirs.subnetId,
      }),
      await env.net("PUT", `/routers/${router.id}/remove_router_interface`, env.other, {
        subnet_id: theirs.subnetId,
      }),
      await env.net("PUT", `/routers/${router.id}/add_extraroutes`, env.other, { router: { routes: [] } }),
    ];
    expect(calls.map((c) => c.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(calls[0]?.body.NeutronError.type).toBe("RouterNotFound");
    const list = await env.net("GET", "/routers", env.other);
    expect(list.body.routers.some((r: { id: string }) => r.id === router.id)).toBe(false);
    // Nor may a project wire another project's subnet into its own router.
    const subnet = await env.net("PUT", `/routers/${router.id}/add_router_interface`, env.demo, {
      subnet_id: theirs.subnetId,
    });
    expect(subnet.status).toBe(404);
    expect(subnet.body.NeutronError.type).toBe("SubnetNotFound");
    // A reader reads, a member of the project writes.
    expect((await env.net("GET", `/routers/${router.id}`, env.reader)).status).toBe(200);
    expect(
      (await env.net("PUT", `/routers/${router.id}`, env.reader, { router: { name: "y" } })).status,
    ).toBe(403);
    // Tags (standard-attr-tag) follow the router's own rules.
    expect((await env.net("PUT", `/routers/${router.id}/tags/red`, env.demo)).status).toBe(201);
    const tagged = await env.net("GET", "/routers?tags=red", env.demo);
    expect(tagged.body.routers.map((r: { id: string; tags: string[] }) => [r.id, r.tags])).toEqual([
      [router.id, ["red"]],
    ]);
    expect((await env.net("PUT", `/routers/${router.id}/tags/blue`, env.other)).status).toBe(404);
    expect((await env.net("PUT", `/routers/${router.id}/tags/blue`, env.reader)).status).toBe(403);
    // The admin sees every project's routers.
    const all = await env.net("GET", `/routers?name=private-r`, env.admin);
    expect(all.body.routers.map((r: { id: string }) => r.id)).toEqual([router.id]);
  });

  it("enforces the router quota with 409 OverQuota", async () => {
    const prisma = env.control.running.db.prisma;
    const projectId = env.otherProjectId;
    const used = await prisma.router.count({ where: { projectId } });
    await prisma.quota.create({ data: { projectId, resource: "router", hardLimit: used + 1 } });
    expect((await createRouter(env.other, { name: "one" })).status).toBe(201);
    const over = await createRouter(env.other, { name: "two" });
    expect(over.status).toBe(409);
    expect(over.body.NeutronError).toMatchObject({
      type: "OverQuota",
      message: "Quota exceeded for resources: ['router'].",
    });
  });

  it("places routers on a live network host that bridges their external network", async () => {
    const prisma = env.control.running.db.prisma;
    const now = new Date();
    await prisma.networkHost.createMany({
      data: [
        { id: "h-edge", host: "net-edge", tunnelIp: "192.0.2.1", physnets: ["public"], lastHeartbeat: now },
        { id: "h-core", host: "net-core", tunnelIp: "192.0.2.2", physnets: [], lastHeartbeat: now },
      ],
    });
    const withGateway = (
      await createRouter(env.demo, { name: "placed", external_gateway_info: { network_id: publicId } })
    ).body.router;
    expect((await prisma.router.findUniqueOrThrow({ where: { id: withGateway.id } })).host).toBe("net-edge");
    const bare = (await createRouter(env.demo, { name: "bare" })).body.router;
    expect(["net-edge", "net-core"]).toContain(
      (await prisma.router.findUniqueOrThrow({ where: { id: bare.id } })).host,
    );

    // The edge host goes silent: its gateway routers have nowhere to go, routers without gateway move.
    await prisma.networkHost.update({ where: { id: "h-edge" }, data: { lastHeartbeat: new Date(0) } });
    const moved = await rescheduleRouters(prisma);
    expect(moved).toContain(withGateway.id);
    expect((await prisma.router.findUniqueOrThrow({ where: { id: withGateway.id } })).host).toBeNull();
    expect((await prisma.router.findUniqueOrThrow({ where: { id: bare.id } })).host).toBe("net-core");
    // It comes back: the gateway router returns to it.
    await prisma.networkHost.update({ where: { id: "h-edge" }, data: { lastHeartbeat: new Date() } });
    expect(await scheduleRouter(prisma, withGateway.id)).toBe("net-edge");
    await prisma.networkHost.deleteMany({ where: { id: { in: ["h-edge", "h-core"] } } });
  });
});
