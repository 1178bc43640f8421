import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type L3TestEnv, seedNetwork, seedPort, startL3Env } from "./network-l3-harness.ts";

const SAMPLES = "/work/shared/reference/neutron/v2/samples/floatingips";
/** Attributes of extensions this cloud does not serve (dns-integration, qos-fip, floating-ip-port-forwarding). */
const UNSERVED = ["dns_domain", "dns_name", "qos_policy_id", "qos_network_policy_id", "port_forwardings"];

describe("floating IPs API", () => {
  let env: L3TestEnv;
  let publicId: string;
  /** demo's tenant network, joined to public by a router. */
  let routed: { networkId: string; subnetId: string; routerId: string };
  beforeAll(async () => {
    env = await startL3Env();
    publicId = (await env.control.running.db.prisma.network.findFirstOrThrow({ where: { name: "public" } }))
      .id;
    const net = await seedNetwork(env, { projectId: env.demoProjectId, cidr: "10.100.0.0/24" });
    const router = await env.net("POST", "/routers", env.demo, {
      router: { name: "fip-r", external_gateway_info: { network_id: publicId } },
    });
    const routerId = router.body.router.id;
    await env.net("PUT", `/routers/${routerId}/add_router_interface`, env.demo, { subnet_id: net.subnetId });
    routed = { ...net, routerId };
  });
  afterAll(async () => env?.close());

  const create = (token: string, floatingip: Record<string, unknown>) =>
    env.net("POST", "/floatingips", token, { floatingip: { floating_network_id: publicId, ...floatingip } });

  it("allocates from a router:external network, DOWN and unassociated, in upstream's shape", async () => {
    const res = await create(env.demo, { description: "web" });
    expect(res.status).toBe(201);
    const fip = res.body.floatingip;
    const upstream = Object.keys(
      JSON.parse(readFileSync(`${SAMPLES}/floatingip-create-response.json`, "utf8")).floatingip,
    ).filter((k) => !UNSERVED.includes(k));
    expect(Object.keys(fip).sort()).toEqual(upstream.sort());
    expect(fip).toMatchObject({
      floating_network_id: publicId,
      status: "DOWN",
      port_id: null,
      fixed_ip_address: null,
      router_id: null,
      port_details: null,
      project_id: env.demoProjectId,
      description: "web",
    });
    expect(fip.floating_ip_address).toMatch(/^172\.24\.4\.\d+$/);
    const holder = await env.control.running.db.prisma.port.findFirstOrThrow({
      where: { deviceOwner: "network:floatingip", deviceId: fip.id },
      include: { fixedIps: true },
    });
    expect(holder.fixedIps.map((a) => a.ipAddress)).toEqual([fip.floating_ip_address]);
    // Tenants never list the holder port.
    expect(holder.projectId).toBe("");

    const internal = await create(env.demo, { floating_network_id: routed.networkId });
    expect(internal.status).toBe(400);
    // Choosing the address is the admin's (create_floatingip:floating_ip_address).
    expect((await create(env.demo, { floating_ip_address: "172.24.4.200" })).status).toBe(403);
    const chosen = await create(env.admin, {
      floating_ip_address: "172.24.4.200",
      project_id: env.demoProjectId,
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.floatingip.floating_ip_address).toBe("172.24.4.200");
    const twice = await create(env.admin, { floating_ip_address: "172.24.4.200" });
    expect(twice.status).toBe(409);
    expect(twice.body.NeutronError.type).toBe("IpAddressInUse");
    expect((await env.net("DELETE", `/floatingips/${fip.id}`, env.demo)).status).toBe(204);
    expect(await env.control.running.db.prisma.port.count({ where: { id: holder.id } })).toBe(0);
  });

  it("associates only a port whose subnet a router joins to the external network, and disassociates", async () => {
    const portId = await seedPort(env, {
      projectId: env.demoProjectId,
      networkId: routed.networkId,
      subnetId: routed.subnetId,
      ip: "10.100.0.5",
      deviceId: "vm-a",
    });
    const made = await create(env.demo, { port_id: portId });
    expect(made.status).toBe(201);
    const fip = made.body.floatingip;
    expect(fip).toMatchObject({
      port_id: portId,
      fixed_ip_address: "10.100.0.5",
      router_id: routed.routerId,
      status: "DOWN",
    });
    expect(fip.port_details).toMatchObject({
      network_id: routed.networkId,
      device_id: "vm-a",
      device_owner: "compute:nova",
    });

    // The same fixed address cannot take a second floating IP of that network.
    const second = await create(env.demo, { port_id: portId });
    expect(second.status).toBe(409);
    expect(second.body.NeutronError.type).toBe("FloatingIPPortAlreadyAssociated");

    const unrouted = await seedNetwork(env, { projectId: env.demoProjectId, cidr: "10.101.0.0/24" });
    const lonely = await seedPort(env, { projectId: env.demoProjectId, ...unrouted, ip: "10.101.0.5" });
    const free = (await create(env.demo, {})).body.floatingip;
    const noRoute = await env.net("PUT", `/floatingips/${free.id}`, env.demo, {
      floatingip: { port_id: lonely },
    });
    expect(noRoute.status).toBe(404);
    expect(noRoute.body.NeutronError.type).toBe("ExternalGatewayForFloatingIPNotFound");
    const wrongIp = await env.net("PUT", `/floatingips/${free.id}`, env.demo, {
      floatingip: { port_id: portId, fixed_ip_address: "10.100.0.99" },
    });
    expect(wrongIp.status).toBe(400);

    // Removing the interface or the gateway the floating IP needs is refused.
    const iface = await env.net("PUT", `/routers/${routed.routerId}/remove_router_interface`, env.demo, {
      subnet_id: routed.subnetId,
    });
    expect(iface.status).toBe(409);
    expect(iface.body.NeutronError.type).toBe("RouterInterfaceInUseByFloatingIP");
    const gateway = await env.net("PUT", `/routers/${routed.routerId}`, env.demo, {
      router: { external_gateway_info: {} },
    });
    expect(gateway.status).toBe(409);
    expect(gateway.body.NeutronError.type).toBe("RouterExternalGatewayInUseByFloatingIp");

    const off = await env.net("PUT", `/floatingips/${fip.id}`, env.demo, { floatingip: { port_id: null } });
    expect(off.status).toBe(200);
    expect(off.body.floatingip).toMatchObject({
      port_id: null,
      fixed_ip_address: null,
      router_id: null,
      port_details: null,
    });
    const on = await env.net("PUT", `/floatingips/${free.id}`, env.demo, {
      floatingip: { port_id: portId, description: "moved" },
    });
    expect(on.status).toBe(200);
    expect(on.body.floatingip).toMatchObject({
      port_id: portId,
      router_id: routed.routerId,
      description: "moved",
    });

    // The hub marks it ACTIVE once wired; deleting the port disassociates it.
    expect((await env.net("DELETE", `/ports/${portId}`, env.demo)).status).toBe(204);
    const after = await env.net("GET", `/floatingips/${free.id}`, env.demo);
    expect(after.body.floatingip).toMatchObject({ port_id: null, fixed_ip_address: null, router_id: null });
    // …and no longer holds the router's interface.
    const gone = await env.net("PUT", `/routers/${routed.routerId}`, env.demo, {
      router: { external_gateway_info: {} },
    });
    expect(gone.status).toBe(200);
  });

  it("hides a project's floating IPs and ports from every other project", async () => {
    const fip = (await create(env.demo, {})).body.floatingip;
    const calls = [
      await env.net("GET", `/floatingips/${fip.id}`, env.other),
      await env.net("PUT", `/floatingips/${fip.id}`, env.other, { floatingip: { description: "x" } }),
      await env.net("DELETE", `/floatingips/${fip.id}`, env.other),
    ];
    expect(calls.map((c) => c.status)).toEqual([404, 404, 404]);
    expect(calls[0]?.body.NeutronError.type).toBe("FloatingIPNotFound");
    expect((await env.net("GET", "/floatingips", env.other)).body.floatingips).toEqual([]);
    // Another project's port cannot be associated, on create or update.
    const demoPort = await seedPort(env, { projectId: env.demoProjectId, ...routed, ip: "10.100.0.7" });
    const theirs = (await create(env.other, {})).body.floatingip;
    const steal = await env.net("PUT", `/floatingips/${theirs.id}`, env.other, {
      floatingip: { port_id: demoPort },
    });
    expect(steal.status).toBe(404);
    expect(steal.body.NeutronError.type).toBe("PortNotFound");
    expect((await create(env.other, { port_id: demoPort })).status).toBe(404);
    // Filters work on the visible set.
    const mine = await env.net(
      "GET",
      `/floatingips?floating_ip_address=${fip.floating_ip_address}`,
      env.demo,
    );
    expect(mine.body.floatingips.map((f: { id: string }) => f.id)).toEqual([fip.id]);
  });

  it("hands out distinct addresses to racing creations and never lets them pass the quota", async () => {
    const prisma = env.control.running.db.prisma;
    const projectId = env.demoProjectId;
    const used = await prisma.floatingIp.count({ where: { projectId } });
    await prisma.quota.create({ data: { projectId, resource: "floatingip", hardLimit: used + 5 } });
    const answers = await Promise.all(Array.from({ length: 10 }, () => create(env.demo, {})));
    const made = answers.filter((a) => a.status === 201);
    expect(made).toHaveLength(5);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.NeutronError.type)).toEqual(
      Array(5).fill("OverQuota"),
    );
    const addresses = made.map((a) => a.body.floatingip.floating_ip_address);
    expect(new Set(addresses).size).toBe(5);
    await prisma.quota.delete({ where: { projectId_resource: { projectId, resource: "floatingip" } } });
  });

  it("enforces the floatingip quota with 409 OverQuota", async () => {
    const prisma = env.control.running.db.prisma;
    const projectId = env.otherProjectId;
    const used = await prisma.floatingIp.count({ where: { projectId } });
    await prisma.quota.create({ data: { projectId, resource: "floatingip", hardLimit: used + 1 } });
    expect((await create(env.other, {})).status).toBe(201);
    const over = await create(env.other, {});
    expect(over.status).toBe(409);
    expect(over.body.NeutronError.type).toBe("OverQuota");
  });
});
