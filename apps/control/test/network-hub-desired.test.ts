import { randomUUID } from "node:crypto";
import { tapDeviceName } from "@zenith/agent-protocol/network";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOWN_AFTER_S } from "../src/services/compute/host-liveness.ts";
import { waitFor } from "./harness.ts";
import {
  emptyApplied,
  FakeNetworkAgent,
  type NetworkTestEnv,
  seedInstance,
  seedNetwork,
  seedPort,
  startNetworkEnv,
} from "./network-hub-harness.ts";

describe("network hub: desired state across two hosts, reports and port wiring", () => {
  let env: NetworkTestEnv;
  let a: FakeNetworkAgent;
  let b: FakeNetworkAgent;
  let hostA = "";
  let hostB = "";
  const activated: string[] = [];
  const ids = {
    group: randomUUID(),
    net: "",
    subnet: "",
    web: "",
    db: "",
    portWeb: "",
    portDb: "",
    router: "",
  };

  beforeAll(async () => {
    env = await startNetworkEnv("network-hub-desired");
    env.control.running.networkHub.wiring.onInstancePortsActive((id) => {
      activated.push(id);
    });
    hostA = env.hostName("hub-a");
    hostB = env.hostName("hub-b");
    a = new FakeNetworkAgent(env.control.url, {
      host: hostA,
      credential: await env.control.running.enrolHost(hostA),
      tunnelIp: "192.0.2.1",
      physicalNetworks: ["public"],
    });
    b = new FakeNetworkAgent(env.control.url, {
      host: hostB,
      credential: await env.control.running.enrolHost(hostB),
      tunnelIp: "192.0.2.2",
    });
    await a.connect();
    await b.connect();

    const p = env.demoProjectId;
    await env.prisma.securityGroup.create({
      data: {
        id: ids.group,
        projectId: p,
        name: "web",
        rules: {
          create: [
            {
              id: randomUUID(),
              projectId: p,
              direction: "ingress",
              ethertype: "IPv4",
              protocol: "tcp",
              portRangeMin: 22,
              portRangeMax: 22,
              remoteIpPrefix: "0.0.0.0/0",
            },
            {
              id: randomUUID(),
              projectId: p,
              direction: "ingress",
              ethertype: "IPv4",
              remoteGroupId: ids.group,
            },
            { id: randomUUID(), projectId: p, direction: "egress", ethertype: "IPv4" },
          ],
        },
      },
    });
    const net = await seedNetwork(env.prisma, { projectId: p, cidr: "10.10.0.0/24", gateway: "10.10.0.1" });
    ids.net = net.networkId;
    ids.subnet = net.subnetId;
    ids.web = await seedInstance(env.prisma, { projectId: p, name: "web-1" });
    ids.db = await seedInstance(env.prisma, { projectId: p, name: "db-1" });
    ids.portWeb = await seedPort(env.prisma, {
      ...net,
      projectId: p,
      address: "10.10.0.5",
      host: hostA,
      deviceId: ids.web,
      securityGroupIds: [ids.group],
    });
    ids.portDb = await seedPort(env.prisma, {
      ...net,
      projectId: p,
      address: "10.10.0.6",
      host: hostB,
      deviceId: ids.db,
      securityGroupIds: [ids.group],
    });
    await env.publish(a, b);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await env?.close();
  });

  const port = (id: string) => env.prisma.port.findUniqueOrThrow({ where: { id } });
  const dhcpHostOf = async (networkId: string) =>
    (await env.prisma.port.findFirst({ where: { networkId, deviceOwner: "network:dhcp" } }))?.bindingHost;

  it("each host gets its own ports, with resolved security rules, and the network with the other host as VXLAN peer", () => {
    const da = a.desired;
    const db = b.desired;
    expect(da?.networks.find((n) => n.id === ids.net)).toMatchObject({
      type: "vxlan",
      peers: ["192.0.2.2"],
      external: false,
    });
    expect(db?.networks.find((n) => n.id === ids.net)?.peers).toEqual(["192.0.2.1"]);
    expect(da?.ports.map((p) => p.id)).toEqual([ids.portWeb]);
    expect(db?.ports.map((p) => p.id)).toEqual([ids.portDb]);
    const web = da?.ports[0];
    expect(web).toMatchObject({
      networkId: ids.net,
      device: tapDeviceName(ids.portWeb),
      fixedIps: [{ subnetId: ids.subnet, address: "10.10.0.5", prefixLength: 24, ipVersion: 4 }],
      portSecurity: true,
      generation: 0,
    });
    expect(web?.securityRules).toEqual(
      expect.arrayContaining([
        {
          direction: "ingress",
          ethertype: "IPv4",
          protocol: "tcp",
          portRangeMin: 22,
          portRangeMax: 22,
          remotePrefixes: ["0.0.0.0/0"],
        },
        {
          direction: "ingress",
          ethertype: "IPv4",
          protocol: null,
          portRangeMin: null,
          portRangeMax: null,
          remotePrefixes: ["10.10.0.5/32", "10.10.0.6/32"],
        },
        {
          direction: "egress",
          ethertype: "IPv4",
          protocol: null,
          portRangeMin: null,
          portRangeMax: null,
          remotePrefixes: null,
        },
      ]),
    );
  });

  it("one host serves the network's DHCP, with a static lease and host name for every port", async () => {
    const server = await dhcpHostOf(ids.net);
    expect([hostA, hostB]).toContain(server);
    const [serving, other] = server === hostA ? [a, b] : [b, a];
    expect(other.desired?.dhcp.map((d) => d.networkId)).not.toContain(ids.net);
    const dhcp = serving.desired?.dhcp.find((d) => d.networkId === ids.net);
    expect(dhcp?.subnets).toEqual([
      expect.objectContaining({ id: ids.subnet, cidr: "10.10.0.0/24", gatewayIp: "10.10.0.1", ipVersion: 4 }),
    ]);
    expect(dhcp?.metadata).toBe(true);
    const servingHost = await env.prisma.networkHost.findUniqueOrThrow({ where: { host: server ?? "" } });
    const dhcpRow = await env.prisma.port.findUniqueOrThrow({ where: { id: dhcp?.port.id ?? "" } });
    expect(dhcpRow.deviceId).toBe(`dhcp${servingHost.id}-${ids.net}`);
    const dhcpAddress = dhcp?.port.fixedIps[0]?.address ?? "";
    expect(dhcp?.port.fixedIps.map((ip) => ip.subnetId)).toEqual([ids.subnet]);
    expect(dhcp?.hosts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ address: "10.10.0.5", hostname: "web-1" }),
        expect.objectContaining({ address: "10.10.0.6", hostname: "db-1" }),
        expect.objectContaining({
          address: dhcpAddress,
          hostname: `host-${dhcpAddress.replaceAll(".", "-")}`,
        }),
      ]),
    );
  });

  it("a second DHCP network goes to the less loaded host", async () => {
    const first = await dhcpHostOf(ids.net);
    const second = await seedNetwork(env.prisma, {
      projectId: env.demoProjectId,
      cidr: "10.20.0.0/24",
      gateway: "10.20.0.1",
    });
    await env.publish(a, b);
    const placed = await dhcpHostOf(second.networkId);
    expect(placed).toBeDefined();
    expect(placed).not.toBe(first);
    // The host serving it carries the network though it has no port on it.
    const serving = placed === hostA ? a : b;
    expect(serving.desired?.networks.map((n) => n.id)).toContain(second.networkId);
  });

  it("ports wired at their generation become ACTIVE and the instance's ports-active hook fires", async () => {
    await waitFor(
      async () =>
        (await port(ids.portWeb)).status === "ACTIVE" && (await port(ids.portDb)).status === "ACTIVE",
    );
    expect((await port(ids.portWeb)).wiredGeneration).toBe(0);
    const wiring = env.control.running.networkHub.wiring;
    expect(await wiring.portsWired(ids.web)).toBe(true);
    await waitFor(async () => activated.includes(ids.web) && activated.includes(ids.db));
    const dhcpPort = await env.prisma.port.findFirstOrThrow({
      where: { networkId: ids.net, deviceOwner: "network:dhcp" },
    });
    await waitFor(async () => (await port(dhcpPort.id)).status === "ACTIVE");
  });

  it("a security group change bumps its members' generations; ACTIVE follows the newest generation wired", async () => {
    a.hold();
    await env.control.running.networkHub.portsChanged({ securityGroupIds: [ids.group] });
    await env.settle(a, b);
    expect((await port(ids.portWeb)).generation).toBe(1);
    expect(a.desired?.ports.find((p) => p.id === ids.portWeb)?.generation).toBe(1);
    // Wired at the old generation only (and an error on the way): still ACTIVE, not yet wired at 1.
    a.send({
      type: "report",
      applied: {
        ...emptyApplied(),
        ports: [{ id: ids.portWeb, generation: 0 }],
        errors: [{ kind: "port", id: ids.portWeb, message: "nft: rule set still loading" }],
      },
    });
    const hub = env.control.running.networkHub.hub;
    await waitFor(async () => hub.errorsOf(hostA).length === 1);
    expect(await port(ids.portWeb)).toMatchObject({ status: "ACTIVE", wiredGeneration: 0 });
    const listed = await env.control.request(
      "GET",
      `/networking/v2.0/agents?host=${hostA}&agent_type=Linux bridge agent`,
      {
        token: env.adminToken,
      },
    );
    expect(listed.body.agents[0].configurations.errors).toEqual([
      { kind: "port", id: ids.portWeb, message: "nft: rule set still loading" },
    ]);
    a.release();
    await waitFor(async () => (await port(ids.portWeb)).wiredGeneration === 1);
    expect(hub.errorsOf(hostA)).toEqual([]);
  });

  it("a rule added behind the services' back still bumps its ports' generations when published", async () => {
    const before = (await port(ids.portWeb)).generation;
    await env.prisma.securityGroupRule.create({
      data: {
        id: randomUUID(),
        securityGroupId: ids.group,
        projectId: env.demoProjectId,
        direction: "ingress",
        ethertype: "IPv4",
        protocol: "icmp",
      },
    });
    await env.publish(a, b);
    expect((await port(ids.portWeb)).generation).toBe(before + 1);
    const web = a.desired?.ports.find((p) => p.id === ids.portWeb);
    expect(web?.generation).toBe(before + 1);
    expect(web?.securityRules).toContainEqual(
      expect.objectContaining({ protocol: "icmp", remotePrefixes: null }),
    );
    await waitFor(async () => (await port(ids.portWeb)).wiredGeneration === before + 1);
  });

  it("a port its host no longer reports wired goes DOWN, and the instance's ports are not wired", async () => {
    a.reportOverride = (d) => ({
      ...emptyApplied(),
      dhcp: d.dhcp.map((x) => ({ networkId: x.networkId, generation: x.generation })),
    });
    const d = a.desired;
    if (d) a.report(d);
    await waitFor(async () => (await port(ids.portWeb)).status === "DOWN");
    expect(await env.control.running.networkHub.wiring.portsWired(ids.web)).toBe(false);
    expect((await port(ids.portDb)).status).toBe("ACTIVE");
    // A compromised host B cannot mark host A's port wired: reports only touch the reporter's own ports.
    const web = await port(ids.portWeb);
    b.send({
      type: "report",
      applied: { ...emptyApplied(), ports: [{ id: web.id, generation: web.generation }] },
    });
    await env.settle(a, b);
    expect((await port(ids.portWeb)).status).toBe("DOWN");
    a.reportOverride = null;
    if (d) a.report(d);
    await waitFor(async () => (await port(ids.portWeb)).status === "ACTIVE");
  });

  it("a router placed on a host comes with its gateway, interfaces and floating IPs, which become ACTIVE once applied", async () => {
    const p = env.demoProjectId;
    const ext = await seedNetwork(env.prisma, {
      projectId: env.adminProjectId,
      cidr: "172.24.4.0/24",
      gateway: "172.24.4.1",
      dhcp: false,
      external: true,
    });
    const routerId = randomUUID();
    ids.router = routerId;
    await env.prisma.router.create({
      data: { id: routerId, projectId: p, host: hostA, gatewayNetworkId: ext.networkId },
    });
    await seedPort(env.prisma, {
      ...ext,
      projectId: p,
      address: "172.24.4.10",
      deviceId: routerId,
      deviceOwner: "network:router_gateway",
    });
    const iface = await seedPort(env.prisma, {
      networkId: ids.net,
      subnetId: ids.subnet,
      projectId: p,
      address: "10.10.0.1",
      deviceId: routerId,
      deviceOwner: "network:router_interface",
    });
    const fipPort = await seedPort(env.prisma, {
      ...ext,
      projectId: p,
      address: "172.24.4.20",
      deviceOwner: "network:floatingip",
    });
    const fipId = randomUUID();
    await env.prisma.floatingIp.create({
      data: {
        id: fipId,
        projectId: p,
        floatingNetworkId: ext.networkId,
        floatingIpAddress: "172.24.4.20",
        floatingPortId: fipPort,
        portId: ids.portWeb,
        fixedIpAddress: "10.10.0.5",
        routerId,
      },
    });
    await env.publish(a, b);
    const router = a.desired?.routers.find((r) => r.id === routerId);
    expect(router).toMatchObject({
      enableSnat: true,
      gateway: expect.objectContaining({ networkId: ext.networkId, nexthop: "172.24.4.1" }),
      interfaces: [expect.objectContaining({ portId: iface, networkId: ids.net })],
      floatingIps: [{ id: fipId, floatingIp: "172.24.4.20", fixedIp: "10.10.0.5" }],
    });
    expect(a.desired?.networks.find((n) => n.id === ext.networkId)).toMatchObject({
      type: "flat",
      physicalNetwork: "public",
      external: true,
      peers: [],
    });
    expect(b.desired?.routers).toEqual([]);
    await waitFor(
      async () =>
        (await env.prisma.floatingIp.findUniqueOrThrow({ where: { id: fipId } })).status === "ACTIVE",
    );
    expect((await port(iface)).status).toBe("ACTIVE");
  });

  it("DHCP moves off a host that is down past the liveness window, and peers forget it", async () => {
    const server = await dhcpHostOf(ids.net);
    const [gone, stays, staysAgent] = server === hostA ? [a, hostB, b] : [b, hostA, a];
    const goneHost = server ?? "";
    const goneTunnel = goneHost === hostA ? "192.0.2.1" : "192.0.2.2";
    await gone.close();
    await env.prisma.networkHost.update({
      where: { host: goneHost },
      data: { lastHeartbeat: new Date(Date.now() - (DOWN_AFTER_S + 5) * 1000) },
    });
    await env.control.running.networkHub.hub.sweep();
    await env.settle(staysAgent);
    expect(await dhcpHostOf(ids.net)).toBe(stays);
    expect(staysAgent.desired?.dhcp.map((d) => d.networkId)).toContain(ids.net);
    expect(staysAgent.desired?.networks.find((n) => n.id === ids.net)?.peers).not.toContain(goneTunnel);
  });

  it("a host with the linux driver takes DHCP and routers over from fake ones, and peers only with linux hosts", async () => {
    const fakeServer = await dhcpHostOf(ids.net);
    const fakeAgent = fakeServer === hostA ? a : b;
    const hostR = env.hostName("hub-real");
    const real = new FakeNetworkAgent(env.control.url, {
      host: hostR,
      credential: await env.control.running.enrolHost(hostR),
      tunnelIp: "192.0.2.3",
      physicalNetworks: ["public"],
      driver: "linux",
    });
    try {
      await real.connect();
      await env.settle(real, fakeAgent);
      expect(await dhcpHostOf(ids.net)).toBe(hostR);
      expect(real.desired?.dhcp.map((d) => d.networkId)).toContain(ids.net);
      expect(real.desired?.networks.find((n) => n.id === ids.net)?.peers).toEqual([]);
      expect(fakeAgent.desired?.dhcp.map((d) => d.networkId)).not.toContain(ids.net);
      expect(fakeAgent.desired?.networks.find((n) => n.id === ids.net)?.peers).not.toContain("192.0.2.3");
      expect((await env.prisma.router.findUniqueOrThrow({ where: { id: ids.router } })).host).toBe(hostR);
      expect(real.desired?.routers.map((r) => r.id)).toContain(ids.router);
      // What `openstack network agent list --network/--router` shows.
      const dhcpAgents = await env.control.request(
        "GET",
        `/networking/v2.0/networks/${ids.net}/dhcp-agents`,
        {
          token: env.adminToken,
        },
      );
      expect(dhcpAgents.body.agents).toEqual([
        expect.objectContaining({ host: hostR, agent_type: "DHCP agent" }),
      ]);
      const l3Agents = await env.control.request("GET", `/networking/v2.0/routers/${ids.router}/l3-agents`, {
        token: env.adminToken,
      });
      expect(l3Agents.body.agents).toEqual([
        expect.objectContaining({ host: hostR, agent_type: "L3 agent" }),
      ]);
      const hidden = await env.control.request("GET", `/networking/v2.0/routers/${ids.router}/l3-agents`, {
        token: env.demoToken,
      });
      expect(hidden.body.agents).toEqual([]);
    } finally {
      await real.close();
    }
  });
});
