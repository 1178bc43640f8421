/**
 * The hub behind the real Network API: networks, subnets, ports and
 * security group rules made through /networking reach the host's agent
 * (every successful change publishes), and the port's status the API shows
 * follows what the agent reports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "./harness.ts";
import {
  FakeNetworkAgent,
  type NetworkTestEnv,
  seedInstance,
  startNetworkEnv,
} from "./network-hub-harness.ts";

const V2 = "/networking/v2.0";

describe("network hub behind the Network API", () => {
  let env: NetworkTestEnv;
  let agent: FakeNetworkAgent;
  let host = "";
  const ids = { net: "", subnet: "", port: "", group: "", instance: "" };

  beforeAll(async () => {
    env = await startNetworkEnv("network-hub-api");
    host = env.hostName("api-host");
    agent = new FakeNetworkAgent(env.control.url, {
      host,
      credential: await env.control.running.enrolHost(host),
      tunnelIp: "192.0.2.50",
    });
    await agent.connect();
    ids.instance = await seedInstance(env.prisma, { projectId: env.demoProjectId, name: "api-vm" });
  });
  afterAll(async () => {
    await agent?.close();
    await env?.close();
  });

  const api = async (method: string, path: string, body?: unknown, token = env.adminToken) => {
    const res = await env.control.request(method, `${V2}${path}`, { token, body });
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.body;
  };
  const desiredPort = () => agent.desired?.ports.find((p) => p.id === ids.port);

  it("a port bound to the host through the API is sent to its agent and shows ACTIVE once wired", async () => {
    const net = await api("POST", "/networks", { network: { name: "hub-api-net" } }, env.demoToken);
    ids.net = net.network.id;
    const subnet = await api(
      "POST",
      "/subnets",
      { subnet: { network_id: ids.net, cidr: "10.77.0.0/24", ip_version: 4 } },
      env.demoToken,
    );
    ids.subnet = subnet.subnet.id;
    const port = await api("POST", "/ports", {
      port: {
        network_id: ids.net,
        project_id: env.demoProjectId,
        device_id: ids.instance,
        device_owner: "compute:nova",
        "binding:host_id": host,
      },
    });
    ids.port = port.port.id;
    ids.group = port.port.security_groups[0];
    expect(port.port.status).toBe("DOWN");
    await waitFor(async () => desiredPort() !== undefined);
    expect(agent.desired?.networks.map((n) => n.id)).toContain(ids.net);
    expect(agent.desired?.dhcp.find((d) => d.networkId === ids.net)?.hosts).toContainEqual(
      expect.objectContaining({ address: port.port.fixed_ips[0].ip_address, hostname: "api-vm" }),
    );
    await waitFor(async () => (await api("GET", `/ports/${ids.port}`)).port.status === "ACTIVE");
    expect(await env.control.running.networkHub.wiring.portsWired(ids.instance)).toBe(true);
  });

  it("a security group rule made through the API reaches the port's rules at a new generation", async () => {
    const before = desiredPort()?.generation ?? -1;
    await api(
      "POST",
      "/security-group-rules",
      {
        security_group_rule: {
          security_group_id: ids.group,
          direction: "ingress",
          protocol: "tcp",
          port_range_min: 8080,
          port_range_max: 8080,
          remote_ip_prefix: "198.51.100.0/24",
        },
      },
      env.demoToken,
    );
    await waitFor(async () => (desiredPort()?.generation ?? -1) > before);
    expect(desiredPort()?.securityRules).toContainEqual(
      expect.objectContaining({ protocol: "tcp", portRangeMin: 8080, remotePrefixes: ["198.51.100.0/24"] }),
    );
    const gen = desiredPort()?.generation;
    await waitFor(
      async () =>
        (await env.prisma.port.findUniqueOrThrow({ where: { id: ids.port } })).wiredGeneration === gen,
    );
    expect((await api("GET", `/ports/${ids.port}`)).port.status).toBe("ACTIVE");
  });

  it("a port deleted through the API leaves the host's desired state", async () => {
    await api("DELETE", `/ports/${ids.port}`);
    await waitFor(async () => desiredPort() === undefined && agent.desired !== null);
    expect(agent.desired?.ports.map((p) => p.id)).not.toContain(ids.port);
  });
});
