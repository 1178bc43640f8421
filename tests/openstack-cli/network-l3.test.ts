import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openstack, openstackJson, openstackOk } from "./cli.ts";
import { type CliCloud, startCliCloud } from "./cloud.ts";

// The real python-openstackclient (Debian, Zed) against routers, floating IPs and security groups, on a
// cloud bootstrapped as DevStack's (external network `public`, demo's `private` and `router1`).
const ADMIN_PASSWORD = "cli-admin-pw";
const DEMO_PASSWORD = "cli-demo-pw";

let cloud: CliCloud;
let demo: NodeJS.ProcessEnv;

beforeAll(async () => {
  cloud = await startCliCloud("network-l3", {
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
  });
  demo = cloud.demo;
});

afterAll(async () => {
  await cloud?.close();
});

describe("openstack CLI: routers, floating IPs, security groups", () => {
  it("finds DevStack's networking, and lists the L3 extensions", async () => {
    const routers = await openstackJson<Array<{ Name: string }>>(["router", "list"], demo);
    expect(routers.map((r) => r.Name)).toEqual(["router1"]);
    const external = await openstackJson<Array<{ Name: string }>>(["network", "list", "--external"], demo);
    expect(external.map((n) => n.Name)).toEqual(["public"]);
    const aliases = await openstackJson<Array<{ Alias: string }>>(["extension", "list", "--network"], demo);
    expect(aliases.map((a) => a.Alias)).toEqual(
      expect.arrayContaining(["router", "external-net", "ext-gw-mode", "extraroute", "security-group"]),
    );
  });

  it("router create, set --external-gateway, add subnet, add route, remove subnet, unset, delete", async () => {
    await openstackJson(["network", "create", "cli-l3-net"], demo);
    await openstackJson(
      ["subnet", "create", "--network", "cli-l3-net", "--subnet-range", "10.9.0.0/24", "cli-l3-sub"],
      demo,
    );
    const router = await openstackJson<Record<string, unknown>>(["router", "create", "cli-r"], demo);
    expect(router).toMatchObject({ name: "cli-r", status: "ACTIVE", external_gateway_info: null });
    await openstackOk(["router", "set", "--external-gateway", "public", "cli-r"], demo);
    await openstackOk(["router", "add", "subnet", "cli-r", "cli-l3-sub"], demo);
    const shown = await openstackJson<{
      external_gateway_info: {
        network_id: string;
        enable_snat: boolean;
        external_fixed_ips: Array<{ ip_address: string }>;
      };
      interfaces_info: Array<{ ip_address: string }>;
    }>(["router", "show", "cli-r"], demo);
    expect(shown.external_gateway_info.enable_snat).toBe(true);
    expect(shown.external_gateway_info.external_fixed_ips[0]?.ip_address).toMatch(/^172\.24\.4\.\d+$/);
    expect(shown.interfaces_info.map((i) => i.ip_address)).toEqual(["10.9.0.1"]);
    const routed = await openstackJson<{ routes: Array<{ destination: string; nexthop: string }> }>(
      ["router", "add", "route", "--route", "destination=10.20.0.0/24,gateway=10.9.0.30", "cli-r"],
      demo,
    );
    expect(routed.routes).toEqual([{ destination: "10.20.0.0/24", nexthop: "10.9.0.30" }]);
    const inUse = await openstack(["router", "delete", "cli-r"], demo);
    expect(inUse.code).not.toBe(0);
    await openstackOk(
      ["router", "remove", "route", "--route", "destination=10.20.0.0/24,gateway=10.9.0.30", "cli-r"],
      demo,
    );
    await openstackOk(["router", "remove", "subnet", "cli-r", "cli-l3-sub"], demo);
    await openstackOk(["router", "unset", "--external-gateway", "cli-r"], demo);
    await openstackOk(["router", "delete", "cli-r"], demo);
    const gone = await openstack(["router", "show", "cli-r"], demo);
    expect(gone.code).not.toBe(0);
  });

  it("floating ip create, set --port, unset --port, list, delete", async () => {
    const fip = await openstackJson<Record<string, unknown>>(["floating", "ip", "create", "public"], demo);
    expect(fip).toMatchObject({ status: "DOWN", port_id: null });
    expect(String(fip.floating_ip_address)).toMatch(/^172\.24\.4\.\d+$/);
    const port = await openstackJson<{ id: string }>(
      [
        "port",
        "create",
        "--network",
        "private",
        "--fixed-ip",
        // Near the end of private-subnet (10.0.0.0/26): other ports draw at random among the first 32 free addresses.
        "subnet=private-subnet,ip-address=10.0.0.60",
        "cli-port",
      ],
      demo,
    );
    await openstackOk(["floating", "ip", "set", "--port", port.id, String(fip.id)], demo);
    const associated = await openstackJson<Record<string, unknown>>(
      ["floating", "ip", "show", String(fip.id)],
      demo,
    );
    expect(associated).toMatchObject({ port_id: port.id, fixed_ip_address: "10.0.0.60" });
    await openstackOk(["floating", "ip", "unset", "--port", String(fip.id)], demo);
    const list = await openstackJson<Array<{ ID: string; Port: string | null }>>(
      ["floating", "ip", "list"],
      demo,
    );
    expect(list).toEqual([expect.objectContaining({ ID: fip.id, Port: null })]);
    await openstackOk(["floating", "ip", "delete", String(fip.id)], demo);
    expect(await openstackJson<unknown[]>(["floating", "ip", "list"], demo)).toEqual([]);
  });

  it("security group create, rule create --protocol icmp and tcp --dst-port, duplicate refused, delete", async () => {
    const group = await openstackJson<Record<string, unknown>>(
      ["security", "group", "create", "cli-web"],
      demo,
    );
    expect(group.name).toBe("cli-web");
    await openstackOk(["security", "group", "rule", "create", "--protocol", "icmp", "cli-web"], demo);
    const ssh = await openstackJson<Record<string, unknown>>(
      ["security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22", "cli-web"],
      demo,
    );
    expect(ssh).toMatchObject({
      protocol: "tcp",
      port_range_min: 22,
      port_range_max: 22,
      direction: "ingress",
    });
    const again = await openstack(
      ["security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22", "cli-web"],
      demo,
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("Security group rule already exists");
    const rules = await openstackJson<Array<{ "IP Protocol": string | null }>>(
      ["security", "group", "rule", "list", "cli-web"],
      demo,
    );
    expect(rules.map((r) => r["IP Protocol"]).sort()).toEqual(["icmp", "tcp", null, null].sort());
    const renameDefault = await openstack(["security", "group", "set", "--name", "x", "default"], demo);
    expect(renameDefault.code).not.toBe(0);
    await openstackOk(["security", "group", "delete", "cli-web"], demo);
    const groups = await openstackJson<Array<{ Name: string }>>(["security", "group", "list"], demo);
    expect(groups.map((g) => g.Name)).toEqual(["default"]);
  });
});
