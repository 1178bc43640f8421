import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openstack, openstackJson, openstackOk } from "./cli.ts";
import { type CliCloud, startCliCloud } from "./cloud.ts";

// The real python-openstackclient (Debian, Zed) against the Network API core: networks, subnets, ports,
// extensions and quotas. Routers, floating IPs and security groups have their own suite.
const ADMIN_PASSWORD = "cli-admin-pw";
const DEMO_PASSWORD = "cli-demo-pw";

let cloud: CliCloud;
let admin: NodeJS.ProcessEnv;
let demo: NodeJS.ProcessEnv;

beforeAll(async () => {
  cloud = await startCliCloud("network-core", {
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    // This suite counts networks from an empty cloud.
    defaultNetworking: false,
  });
  ({ admin, demo } = cloud);
});

afterAll(async () => {
  await cloud?.close();
});

describe("openstack CLI: network core", () => {
  it("network create, list, show, set and delete", async () => {
    const created = await openstackJson<Record<string, unknown>>(["network", "create", "cli-net"], demo);
    expect(created).toMatchObject({ name: "cli-net", status: "ACTIVE", mtu: 1450, admin_state_up: true });
    const list = await openstackJson<Array<{ ID: string; Name: string }>>(["network", "list"], demo);
    expect(list.map((n) => n.Name)).toContain("cli-net");
    const shown = await openstackJson<Record<string, unknown>>(["network", "show", "cli-net"], demo);
    expect(shown.id).toBe(created.id);
    await openstackOk(
      ["network", "set", "--name", "cli-net-2", "--description", "renamed", "--tag", "red", "cli-net"],
      demo,
    );
    const renamed = await openstackJson<Record<string, unknown>>(["network", "show", "cli-net-2"], demo);
    expect(renamed).toMatchObject({ description: "renamed" });
    expect(renamed.tags).toEqual(["red"]);
    const provider = await openstackJson<Record<string, unknown>>(
      [
        "network",
        "create",
        "--external",
        "--provider-network-type",
        "flat",
        "--provider-physical-network",
        "cli",
        "cli-ext",
      ],
      admin,
    );
    expect(provider).toMatchObject({ "router:external": true, "provider:network_type": "flat" });
    const external = await openstackJson<Array<{ Name: string }>>(["network", "list", "--external"], demo);
    expect(external.map((n) => n.Name)).toEqual(["cli-ext"]);
    await openstackOk(["network", "delete", "cli-net-2"], demo);
    const gone = await openstack(["network", "show", "cli-net-2"], demo);
    expect(gone.code).not.toBe(0);
  });

  it("subnet create with a range, an allocation pool and a DNS server; port create, list, show, delete", async () => {
    await openstackJson(["network", "create", "cli-ports"], demo);
    const subnet = await openstackJson<Record<string, unknown>>(
      [
        "subnet",
        "create",
        "--network",
        "cli-ports",
        "--subnet-range",
        "10.77.0.0/24",
        "--allocation-pool",
        "start=10.77.0.10,end=10.77.0.20",
        "--dns-nameserver",
        "10.77.0.53",
        "cli-subnet",
      ],
      demo,
    );
    expect(subnet).toMatchObject({ cidr: "10.77.0.0/24", gateway_ip: "10.77.0.1", enable_dhcp: true });
    expect(JSON.stringify(subnet.allocation_pools)).toContain("10.77.0.10");
    expect(JSON.stringify(subnet.dns_nameservers)).toContain("10.77.0.53");

    // Outside the allocation pool (Neutron allows it): the DHCP port takes a random address from the pool.
    const port = await openstackJson<Record<string, unknown>>(
      [
        "port",
        "create",
        "--network",
        "cli-ports",
        "--fixed-ip",
        "subnet=cli-subnet,ip-address=10.77.0.150",
        "cli-port",
      ],
      demo,
    );
    expect(port).toMatchObject({ name: "cli-port", status: "DOWN" });
    expect(JSON.stringify(port.fixed_ips)).toContain("10.77.0.150");
    expect(String(port.mac_address)).toMatch(/^fa:16:3e/);
    const ports = await openstackJson<Array<{ Name: string; "Fixed IP Addresses": unknown }>>(
      ["port", "list", "--network", "cli-ports"],
      demo,
    );
    // The DHCP port and ours.
    expect(ports.map((p) => p.Name).sort()).toEqual(["", "cli-port"]);
    const shown = await openstackJson<Record<string, unknown>>(["port", "show", "cli-port"], demo);
    expect(shown.id).toBe(port.id);
    await openstackOk(["port", "delete", "cli-port"], demo);
    await openstackOk(["subnet", "delete", "cli-subnet"], demo);
    await openstackOk(["network", "delete", "cli-ports"], demo);
  });

  it("extension list --network lists what is served", async () => {
    const list = await openstackJson<Array<{ Alias: string }>>(["extension", "list", "--network"], demo);
    expect(list.map((e) => e.Alias)).toContain("quotas");
  });

  it("quota show includes network quotas, and quota set changes them", async () => {
    await openstackOk(["quota", "set", "--networks", "7", "--ports", "40", "demo"], admin);
    const quota = await openstackJson<Record<string, unknown>>(["quota", "show", "demo"], admin);
    expect(quota).toMatchObject({ networks: 7, ports: 40, subnets: 100 });
  });
});
