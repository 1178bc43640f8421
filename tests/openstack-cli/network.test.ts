import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startComputeAgent, startNetworkAgent } from "./agent-process.ts";
import { openstack, openstackJson, openstackOk } from "./cli.ts";
import { type CliCloud, startCliCloud } from "./cloud.ts";

// The real python-openstackclient (Debian, Zed; the openstacksdk network
// proxy, novaclient for servers) against the real control plane's Network
// API, with a real compute agent and network agent process on one host
// (both fake drivers: nothing is wired for real, no packet is sent).
const ADMIN_PASSWORD = "cli-admin-pw";
const suffix = randomBytes(3).toString("hex");
const names = {
  network: `cli-net-${suffix}`,
  renamed: `cli-net2-${suffix}`,
  subnet: `cli-subnet-${suffix}`,
  port: `cli-port-${suffix}`,
  router: `cli-router-${suffix}`,
  group: `cli-sg-${suffix}`,
  pool: `cli-pool-${suffix}`,
  poolSubnet: `cli-pool-subnet-${suffix}`,
  server: `cli-vm-${suffix}`,
  portServer: `cli-vm-port-${suffix}`,
  userPort: `cli-user-port-${suffix}`,
  extraPort: `cli-extra-port-${suffix}`,
};
const HOST = `cli-nethost-${suffix}`;

type Row = Record<string, unknown>;

let cloud: CliCloud;
let compute: ReturnType<typeof startComputeAgent>;
let network: ReturnType<typeof startNetworkAgent>;
let admin: NodeJS.ProcessEnv;
const ids: Record<string, string> = {};

/** The CLI's raw JSON of a list-valued field (a list; anything else counts as empty). */
function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Polls a CLI read until `ok` holds on its JSON (the CLI's own --wait polls every 5 s too). */
async function waitForJson<T>(args: string[], ok: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await openstackJson<T>(args, admin);
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`openstack ${args.join(" ")}: never as wanted: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The addresses `server show` lists on one network (novaclient's `addresses`: {"net": ["10.0.0.5", …]}). */
function addressesOn(server: Row, networkName: string): string[] {
  const addresses = server.addresses;
  if (addresses && typeof addresses === "object" && !Array.isArray(addresses)) {
    const list = (addresses as Record<string, unknown>)[networkName];
    return Array.isArray(list) ? list.map(String) : [];
  }
  return [];
}

beforeAll(async () => {
  cloud = await startCliCloud("network", {
    adminPassword: ADMIN_PASSWORD,
    demoPassword: "cli-demo-pw",
  });
  const agents = cloud.agent(HOST);
  compute = startComputeAgent(agents);
  network = startNetworkAgent(agents);
  admin = cloud.admin;
});

afterAll(async () => {
  await network?.stop();
  await compute?.stop();
  await cloud?.close();
});

describe("openstack CLI: networks and subnets", () => {
  it("extension list --network lists what the API serves", async () => {
    const list = await openstackJson<Row[]>(["extension", "list", "--network"], admin);
    const aliases = list.map((e) => e.Alias);
    expect(aliases).toEqual(
      expect.arrayContaining(["router", "external-net", "security-group", "quotas", "subnet_allocation"]),
    );
  });

  it("network create, list, show, set", async () => {
    const created = await openstackJson<Row>(["network", "create", names.network], admin);
    expect(created.name).toBe(names.network);
    expect(created.status).toBe("ACTIVE");
    expect(created.admin_state_up).toBe(true);
    expect(created.shared).toBe(false);
    expect(created["router:external"]).toBe(false);
    expect(Number(created.mtu)).toBeGreaterThan(0);
    ids.network = String(created.id);

    const list = await openstackJson<Row[]>(["network", "list"], admin);
    expect(list).toContainEqual(expect.objectContaining({ ID: ids.network, Name: names.network }));
    // The bootstrap's external network is listed too.
    const external = await openstackJson<Row[]>(["network", "list", "--external"], admin);
    expect(external.map((n) => n.Name)).toContain("public");

    await openstackOk(
      ["network", "set", "--name", names.renamed, "--description", "renamed", names.network],
      admin,
    );
    const shown = await openstackJson<Row>(["network", "show", names.renamed], admin);
    expect(shown.id).toBe(ids.network);
    expect(shown.description).toBe("renamed");
    expect(shown["provider:network_type"]).toBe("vxlan");
  });

  it("subnet create --subnet-range --allocation-pool --dns-nameserver", async () => {
    const subnet = await openstackJson<Row>(
      [
        "subnet",
        "create",
        "--network",
        names.renamed,
        "--subnet-range",
        "10.77.0.0/24",
        "--allocation-pool",
        "start=10.77.0.100,end=10.77.0.150",
        "--dns-nameserver",
        "192.0.2.53",
        names.subnet,
      ],
      admin,
    );
    expect(subnet.cidr).toBe("10.77.0.0/24");
    expect(subnet.gateway_ip).toBe("10.77.0.1");
    expect(subnet.ip_version).toBe(4);
    expect(subnet.enable_dhcp).toBe(true);
    expect(listOf(subnet.allocation_pools)).toEqual([{ start: "10.77.0.100", end: "10.77.0.150" }]);
    expect(listOf(subnet.dns_nameservers)).toEqual(["192.0.2.53"]);
    ids.subnet = String(subnet.id);
    const net = await openstackJson<Row>(["network", "show", names.renamed], admin);
    expect(listOf(net.subnets)).toEqual([ids.subnet]);
  });

  it("port create, list, show, delete: the address comes from the allocation pool", async () => {
    const port = await openstackJson<Row>(["port", "create", "--network", names.renamed, names.port], admin);
    expect(port.name).toBe(names.port);
    expect(String(port.mac_address)).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    const fixed = listOf(port.fixed_ips) as Array<{ subnet_id: string; ip_address: string }>;
    expect(fixed).toHaveLength(1);
    expect(fixed[0]?.subnet_id).toBe(ids.subnet);
    const last = Number(fixed[0]?.ip_address.split(".")[3]);
    expect(last).toBeGreaterThanOrEqual(100);
    expect(last).toBeLessThanOrEqual(150);
    ids.port = String(port.id);

    const list = await openstackJson<Row[]>(["port", "list", "--network", names.renamed], admin);
    expect(list.map((p) => p.ID)).toContain(ids.port);
    const shown = await openstackJson<Row>(["port", "show", ids.port], admin);
    expect(shown.network_id).toBe(ids.network);
    expect(shown.status).toBe("DOWN");

    await openstackOk(["port", "delete", names.port], admin);
    const gone = await openstack(["port", "show", ids.port], admin);
    expect(gone.code).not.toBe(0);
  });

  it("subnet pool create, and a subnet allocated from it", async () => {
    const pool = await openstackJson<Row>(
      [
        "subnet",
        "pool",
        "create",
        "--pool-prefix",
        "10.120.0.0/16",
        "--default-prefix-length",
        "26",
        names.pool,
      ],
      admin,
    );
    expect(listOf(pool.prefixes)).toEqual(["10.120.0.0/16"]);
    expect(pool.default_prefixlen).toBe(26);
    const subnet = await openstackJson<Row>(
      ["subnet", "create", "--network", names.renamed, "--subnet-pool", names.pool, names.poolSubnet],
      admin,
    );
    expect(subnet.cidr).toBe("10.120.0.0/26");
    expect(subnet.subnetpool_id).toBe(pool.id);
    // A pool with a subnet cannot go; once the subnet is gone it can.
    const refused = await openstack(["subnet", "pool", "delete", names.pool], admin);
    expect(refused.code).not.toBe(0);
    await openstackOk(["subnet", "delete", names.poolSubnet], admin);
    await openstackOk(["subnet", "pool", "delete", names.pool], admin);
  });
});

describe("openstack CLI: routers and floating IPs", () => {
  it("router create, set --external-gateway, add subnet", async () => {
    const router = await openstackJson<Row>(["router", "create", names.router], admin);
    expect(router.name).toBe(names.router);
    expect(router.admin_state_up).toBe(true);
    ids.router = String(router.id);
    await openstackOk(["router", "set", "--external-gateway", "public", names.router], admin);
    await openstackOk(["router", "add", "subnet", names.router, names.subnet], admin);
    const shown = await openstackJson<Row>(["router", "show", names.router], admin);
    const gateway = shown.external_gateway_info as { network_id?: string; enable_snat?: boolean } | null;
    const publicNet = await openstackJson<Row>(["network", "show", "public"], admin);
    expect(gateway?.network_id).toBe(publicNet.id);
    expect(gateway?.enable_snat).toBe(true);
    const ports = await openstackJson<Row[]>(["port", "list", "--router", names.router, "--long"], admin);
    const interfaceIps = ports.flatMap(
      (p) => listOf(p["Fixed IP Addresses"]) as Array<{ ip_address: string }>,
    );
    // The interface takes the subnet's gateway address.
    expect(interfaceIps.map((f) => f.ip_address)).toContain("10.77.0.1");
  });

  it("floating ip create, list, delete", async () => {
    const fip = await openstackJson<Row>(["floating", "ip", "create", "public"], admin);
    expect(String(fip.floating_ip_address)).toMatch(/^172\.24\.4\.\d+$/);
    expect(fip.port_id).toBeNull();
    ids.fip = String(fip.id);
    const list = await openstackJson<Row[]>(["floating", "ip", "list"], admin);
    expect(list).toContainEqual(
      expect.objectContaining({ ID: ids.fip, "Floating IP Address": fip.floating_ip_address }),
    );
    await openstackOk(["floating", "ip", "delete", ids.fip], admin);
    const after = await openstackJson<Row[]>(["floating", "ip", "list"], admin);
    expect(after.map((f) => f.ID)).not.toContain(ids.fip);
  });
});

describe("openstack CLI: security groups and quotas", () => {
  it("security group create, rule create --protocol icmp and tcp --dst-port", async () => {
    const group = await openstackJson<Row>(["security", "group", "create", names.group], admin);
    expect(group.name).toBe(names.group);
    // A new group allows all egress (IPv4 and IPv6), as upstream.
    const rules = listOf(group.rules) as Row[];
    expect(rules.filter((r) => r.direction === "egress").map((r) => r.ethertype)).toEqual(
      expect.arrayContaining(["IPv4", "IPv6"]),
    );
    const icmp = await openstackJson<Row>(
      ["security", "group", "rule", "create", "--protocol", "icmp", "--ingress", names.group],
      admin,
    );
    expect(icmp.protocol).toBe("icmp");
    expect(icmp.direction).toBe("ingress");
    expect(icmp.remote_ip_prefix).toBe("0.0.0.0/0");
    const ssh = await openstackJson<Row>(
      ["security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22", names.group],
      admin,
    );
    expect(ssh.port_range_min).toBe(22);
    expect(ssh.port_range_max).toBe(22);
    const list = await openstackJson<Row[]>(["security", "group", "rule", "list", names.group], admin);
    expect(list.map((r) => r.ID)).toEqual(expect.arrayContaining([icmp.id, ssh.id]));
    await openstackOk(["security", "group", "delete", names.group], admin);
  });

  it("quota show includes the network quotas; quota set --networks changes them", async () => {
    await openstackOk(["quota", "set", "--networks", "7", "admin"], admin);
    const quota = await openstackJson<Row>(["quota", "show", "admin"], admin);
    expect(quota.networks).toBe(7);
    for (const key of ["ports", "subnets", "routers", "floating-ips", "secgroups", "secgroup-rules"]) {
      expect(typeof quota[key], `${key} in ${JSON.stringify(quota)}`).toBe("number");
    }
  });
});

describe("openstack CLI: servers on networks, agents", () => {
  it("network agent list shows the host's four agents alive", async () => {
    const agents = await waitForJson<Row[]>(
      ["network", "agent", "list", "--host", HOST],
      (list) => list.length >= 4,
    );
    expect(agents.map((a) => a["Agent Type"]).sort()).toEqual([
      "DHCP agent",
      "L3 agent",
      "Linux bridge agent",
      "Metadata agent",
    ]);
    for (const agent of agents) {
      expect(agent.Host).toBe(HOST);
      expect(agent.Alive).toBe(true);
      expect(agent.State).toBe(true);
    }
  });

  it("server create --network gets an address of the subnet once its port is wired", async () => {
    const server = await openstackJson<Row>(
      [
        "server",
        "create",
        "--image",
        "zenith-starter",
        "--flavor",
        "m1.tiny",
        "--network",
        names.renamed,
        "--wait",
        names.server,
      ],
      admin,
    );
    expect(server.status).toBe("ACTIVE");
    const shown = await openstackJson<Row>(["server", "show", names.server], admin);
    const [address] = addressesOn(shown, names.renamed);
    expect(address).toMatch(/^10\.77\.0\.\d+$/);
    const ports = await openstackJson<Row[]>(["port", "list", "--server", names.server, "--long"], admin);
    expect(ports).toHaveLength(1);
    expect(ports[0]?.Status).toBe("ACTIVE");
    ids.serverPort = String(ports[0]?.ID);
  });

  it("server add floating ip and server remove floating ip (through the router to public)", async () => {
    const fip = await openstackJson<Row>(["floating", "ip", "create", "public"], admin);
    ids.serverFip = String(fip.id);
    await openstackOk(
      ["server", "add", "floating", "ip", names.server, String(fip.floating_ip_address)],
      admin,
    );
    const associated = await openstackJson<Row>(["floating", "ip", "show", ids.serverFip], admin);
    expect(associated.port_id).toBe(ids.serverPort);
    expect(String(associated.fixed_ip_address)).toMatch(/^10\.77\.0\.\d+$/);
    expect(associated.router_id).toBe(ids.router);
    await openstackOk(
      ["server", "remove", "floating", "ip", names.server, String(fip.floating_ip_address)],
      admin,
    );
    const released = await openstackJson<Row>(["floating", "ip", "show", ids.serverFip], admin);
    expect(released.port_id).toBeNull();
    await openstackOk(["floating", "ip", "delete", ids.serverFip], admin);
  });

  it("server create --nic port-id= boots on the user's port; server add port plugs a second one", async () => {
    const port = await openstackJson<Row>(
      ["port", "create", "--network", names.renamed, names.userPort],
      admin,
    );
    const server = await openstackJson<Row>(
      [
        "server",
        "create",
        "--image",
        "zenith-starter",
        "--flavor",
        "m1.tiny",
        "--nic",
        `port-id=${String(port.id)}`,
        "--wait",
        names.portServer,
      ],
      admin,
    );
    expect(server.status).toBe("ACTIVE");
    const [fixed] = listOf(port.fixed_ips) as Array<{ ip_address: string }>;
    const shown = await openstackJson<Row>(["server", "show", names.portServer], admin);
    expect(addressesOn(shown, names.renamed)).toEqual([fixed?.ip_address]);
    const bound = await openstackJson<Row>(["port", "show", names.userPort], admin);
    expect(bound.device_id).toBe(server.id);
    expect(bound.device_owner).toBe("compute:nova");
    expect(bound.binding_host_id).toBe(HOST);

    const extra = await openstackJson<Row>(
      ["port", "create", "--network", names.renamed, names.extraPort],
      admin,
    );
    await openstackOk(["server", "add", "port", names.portServer, names.extraPort], admin);
    const plugged = await waitForJson<Row>(["port", "show", names.extraPort], (p) => p.status === "ACTIVE");
    expect(plugged.device_id).toBe(server.id);
    const [extraIp] = listOf(extra.fixed_ips) as Array<{ ip_address: string }>;
    const after = await waitForJson<Row>(["server", "show", names.portServer], (s) =>
      addressesOn(s, names.renamed).includes(String(extraIp?.ip_address)),
    );
    expect(addressesOn(after, names.renamed)).toHaveLength(2);
  });

  it("server delete removes the ports Nova made and keeps the user's, unbound", async () => {
    await openstackOk(["server", "delete", "--wait", names.server, names.portServer], admin);
    const gone = await openstack(["port", "show", ids.serverPort ?? ""], admin);
    expect(gone.code).not.toBe(0);
    const kept = await openstackJson<Row>(["port", "show", names.userPort], admin);
    expect(kept.device_id).toBe("");
    await openstackOk(["port", "delete", names.userPort, names.extraPort], admin);
  });

  it("router remove subnet, then router and network delete", async () => {
    await openstackOk(["router", "remove", "subnet", names.router, names.subnet], admin);
    // Only the gateway port on public is left on the router.
    const ports = await openstackJson<Row[]>(["port", "list", "--router", names.router], admin);
    const onSubnet = ports.flatMap((p) => listOf(p["Fixed IP Addresses"]) as Array<{ subnet_id: string }>);
    expect(onSubnet.filter((f) => f.subnet_id === ids.subnet)).toEqual([]);
    await openstackOk(["router", "delete", names.router], admin);
    await openstackOk(["network", "delete", names.renamed], admin);
    const list = await openstackJson<Row[]>(["network", "list"], admin);
    expect(list.map((n) => n.ID)).not.toContain(ids.network);
  });
});
