import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetworkTestCloud, networkTargets } from "./network-harness.ts";

const SAMPLES = "/work/shared/reference/neutron/v2/samples";
const sample = (path: string) => JSON.parse(readFileSync(`${SAMPLES}/${path}`, "utf8"));
/** Attributes of upstream's samples that belong to extensions this cloud does not serve. */
const UNSERVED = new Set([
  "dns_domain",
  "qos_policy_id",
  "qos_network_policy_id",
  "pvlan",
  "pvlan_type",
  "pvlan_community",
  "qinq",
  "vlan_transparent",
  "is_default",
  "segment_id",
  "dns_publish_fixed_ip",
  "router:external",
  "data_plane_status",
  "dns_assignment",
  "extra_dhcp_opts",
  "propagate_uplink_status",
  "hardware_offload_type",
  "resource_request",
  "trusted",
]);
const servedKeys = (obj: Record<string, unknown>) =>
  Object.keys(obj)
    .filter((k) => !UNSERVED.has(k))
    .sort();

for (const target of networkTargets) {
  describe(`Network API core on ${target.label}`, () => {
    let cloud: NetworkTestCloud;
    beforeAll(async () => {
      cloud = await NetworkTestCloud.start(target, "network_api");
    });
    afterAll(async () => {
      await cloud?.close();
    });

    it("is in the catalog as `network` and answers version discovery as upstream", async () => {
      const token = await cloud.cp.passwordAuth("demo", "demo-secret", { project: "demo" });
      const network = token.body.token.catalog.find((s: { type: string }) => s.type === "network");
      expect(network.endpoints[0].url).toBe(`${cloud.cp.url}/networking`);
      const versions = await cloud.cp.request("GET", "/networking");
      expect(versions.status).toBe(200);
      expect(versions.body).toEqual({
        versions: [
          {
            status: "CURRENT",
            id: "v2.0",
            links: [{ href: `${cloud.cp.url}/networking/v2.0/`, rel: "self" }],
          },
        ],
      });
      const v2 = await cloud.cp.request("GET", "/networking/v2.0");
      expect(v2.body.resources.map((r: { collection: string }) => r.collection).sort()).toEqual(
        sample("networks/version-show-response.json")
          .resources.map((r: { collection: string }) => r.collection)
          .sort(),
      );
    });

    it("lists the extensions it serves, each showable by alias", async () => {
      const list = await cloud.net(cloud.demo, "GET", "/extensions");
      const aliases = list.body.extensions.map((e: { alias: string }) => e.alias);
      expect(aliases).toContain("provider");
      expect(aliases).toContain("quotas");
      expect(Object.keys(list.body.extensions[0]).sort()).toEqual(
        Object.keys(sample("extensions/extension-show-response.json").extension).sort(),
      );
      const one = await cloud.net(cloud.demo, "GET", "/extensions/port-security");
      expect(one.body.extension.alias).toBe("port-security");
      const missing = await cloud.net(cloud.demo, "GET", "/extensions/router-nope");
      expect(missing.status).toBe(404);
      expect(missing.body.NeutronError.type).toBeDefined();
    });

    it("creates, shows, updates and deletes a network in upstream's shape", async () => {
      const created = await cloud.create(cloud.demo, "network", { name: "net-a" });
      expect(created).toMatchObject({
        name: "net-a",
        admin_state_up: true,
        shared: false,
        "router:external": false,
        status: "ACTIVE",
        mtu: 1450,
        port_security_enabled: true,
        subnets: [],
        project_id: cloud.demo.project,
        tenant_id: cloud.demo.project,
        revision_number: 1,
        availability_zones: ["nova"],
      });
      expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      // Members do not see provider attributes; the upstream sample's keys are all there otherwise.
      expect(created["provider:network_type"]).toBeUndefined();
      const expected = servedKeys(sample("networks/network-show-response.json").network);
      expect(servedKeys(created).filter((k) => k !== "description")).toEqual(
        expected.filter((k) => k !== "description"),
      );
      const asAdmin = await cloud.net(cloud.admin, "GET", `/networks/${created.id}`);
      expect(asAdmin.body.network["provider:network_type"]).toBe("vxlan");
      expect(asAdmin.body.network["provider:segmentation_id"]).toBeGreaterThan(0);
      expect(asAdmin.body.network["provider:physical_network"]).toBeNull();

      const updated = await cloud.net(cloud.demo, "PUT", `/networks/${created.id}`, {
        network: { name: "net-b", mtu: 1400 },
      });
      expect(updated.status).toBe(200);
      expect(updated.body.network).toMatchObject({ name: "net-b", mtu: 1400, revision_number: 2 });
      const tooBig = await cloud.net(cloud.demo, "PUT", `/networks/${created.id}`, {
        network: { mtu: 1500 },
      });
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.NeutronError.type).toBe("InvalidInput");

      expect((await cloud.net(cloud.demo, "DELETE", `/networks/${created.id}`)).status).toBe(204);
      const gone = await cloud.net(cloud.demo, "GET", `/networks/${created.id}`);
      expect(gone.status).toBe(404);
      expect(gone.body).toEqual({
        NeutronError: {
          type: "NetworkNotFound",
          message: `Network ${created.id} could not be found.`,
          detail: "",
        },
      });
    });

    it("keeps shared, external and provider attributes for admins, and allocates distinct VNIs", async () => {
      const shared = await cloud.net(cloud.demo, "POST", "/networks", {
        network: { name: "x", shared: true },
      });
      expect(shared.status).toBe(403);
      expect(shared.body.NeutronError.type).toBe("PolicyNotAuthorized");
      const provider = await cloud.net(cloud.demo, "POST", "/networks", {
        network: { "provider:network_type": "flat", "provider:physical_network": "public" },
      });
      expect(provider.status).toBe(403);

      const flat = await cloud.create(cloud.admin, "network", {
        name: "ext",
        "router:external": true,
        "provider:network_type": "flat",
        "provider:physical_network": `physnet-${Date.now()}`,
      });
      expect(flat).toMatchObject({ mtu: 1500, "provider:segmentation_id": null, "router:external": true });
      const second = await cloud.net(cloud.admin, "POST", "/networks", {
        network: {
          "provider:network_type": "flat",
          "provider:physical_network": flat["provider:physical_network"],
        },
      });
      expect(second.status).toBe(409);
      expect(second.body.NeutronError.type).toBe("FlatNetworkInUse");
      const noPhysnet = await cloud.net(cloud.admin, "POST", "/networks", {
        network: { "provider:network_type": "flat" },
      });
      expect(noPhysnet.status).toBe(400);

      const fixed = await cloud.create(cloud.admin, "network", {
        "provider:network_type": "vxlan",
        "provider:segmentation_id": 4242,
      });
      expect(fixed["provider:segmentation_id"]).toBe(4242);
      const clash = await cloud.net(cloud.admin, "POST", "/networks", {
        network: { "provider:network_type": "vxlan", "provider:segmentation_id": 4242 },
      });
      expect(clash.status).toBe(409);
      expect(clash.body.NeutronError.type).toBe("TunnelIdInUse");

      const many = await Promise.all(
        Array.from({ length: 6 }, () => cloud.net(cloud.admin, "POST", "/networks", { network: {} })),
      );
      const vnis = many.map((r) => r.body.network["provider:segmentation_id"]);
      expect(new Set(vnis).size).toBe(6);
      const local = await cloud.create(cloud.admin, "network", { "provider:network_type": "local" });
      expect(local.mtu).toBe(1500);
      const changeType = await cloud.net(cloud.admin, "PUT", `/networks/${local.id}`, {
        network: { "provider:network_type": "vxlan" },
      });
      expect(changeType.status).toBe(400);
    });

    it("refuses unknown attributes, malformed bodies and bad values with NeutronError bodies", async () => {
      const unknown = await cloud.net(cloud.demo, "POST", "/networks", {
        network: { name: "x", colour: "red" },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.NeutronError.type).toBe("HTTPBadRequest");
      const malformed = await cloud.cp.request("POST", "/networking/v2.0/networks", {
        token: cloud.demo.token,
        rawBody: "{not json",
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.NeutronError).toBeDefined();
      const noAuth = await cloud.cp.request("GET", "/networking/v2.0/networks");
      expect(noAuth.status).toBe(401);
      const route = await cloud.net(cloud.demo, "GET", "/nothing-here");
      expect(route.status).toBe(404);
      expect(route.body.NeutronError.type).toBe("HTTPNotFound");
    });

    it("creates subnets with upstream's defaults and validates CIDR, gateway, pools, DNS and routes", async () => {
      const net = await cloud.create(cloud.demo, "network", { name: "subnets" });
      const subnet = await cloud.create(cloud.demo, "subnet", {
        network_id: net.id,
        cidr: "10.10.0.0/24",
        ip_version: 4,
        name: "s1",
      });
      expect(subnet).toMatchObject({
        cidr: "10.10.0.0/24",
        gateway_ip: "10.10.0.1",
        allocation_pools: [{ start: "10.10.0.2", end: "10.10.0.254" }],
        enable_dhcp: true,
        dns_nameservers: [],
        host_routes: [],
        ip_version: 4,
        network_id: net.id,
        project_id: cloud.demo.project,
      });
      expect(servedKeys(subnet)).toEqual(servedKeys(sample("subnets/subnet-show-response.json").subnet));
      const shown = await cloud.net(cloud.demo, "GET", `/networks/${net.id}`);
      expect(shown.body.network.subnets).toEqual([subnet.id]);

      // The first DHCP-enabled subnet gets the network its DHCP port, with an address from the pool.
      const dhcp = await cloud.net(
        cloud.admin,
        "GET",
        `/ports?network_id=${net.id}&device_owner=network:dhcp`,
      );
      expect(dhcp.body.ports).toHaveLength(1);
      expect(dhcp.body.ports[0]).toMatchObject({
        "binding:host_id": "",
        status: "DOWN",
        security_groups: [],
      });
      expect(dhcp.body.ports[0].fixed_ips).toEqual([
        { subnet_id: subnet.id, ip_address: expect.stringMatching(/^10\.10\.0\./) },
      ]);

      const bad = async (attrs: Record<string, unknown>, type: string, status = 400) => {
        const res = await cloud.net(cloud.demo, "POST", "/subnets", {
          subnet: { network_id: net.id, ip_version: 4, ...attrs },
        });
        expect(res.status, JSON.stringify(attrs)).toBe(status);
        expect(res.body.NeutronError.type, JSON.stringify(attrs)).toBe(type);
      };
      await bad({ cidr: "10.10.0.0/25" }, "InvalidInput"); // overlaps s1
      await bad({ cidr: "10.11.0.5/24" }, "InvalidInput"); // not a network address
      await bad({ cidr: "10.11.0.0/33" }, "InvalidInput");
      await bad({ cidr: "fd00::/64" }, "InvalidInput"); // ip_version 4
      await bad({ cidr: "10.11.0.0/24", gateway_ip: "10.12.0.1" }, "InvalidInput");
      await bad(
        { cidr: "10.11.0.0/24", allocation_pools: [{ start: "10.11.0.10", end: "10.11.1.5" }] },
        "HTTPBadRequest",
      );
      await bad(
        {
          cidr: "10.11.0.0/24",
          allocation_pools: [
            { start: "10.11.0.10", end: "10.11.0.20" },
            { start: "10.11.0.15", end: "10.11.0.30" },
          ],
        },
        "HTTPBadRequest",
      );
      await bad(
        { cidr: "10.11.0.0/24", allocation_pools: [{ start: "10.11.0.1", end: "10.11.0.9" }] },
        "GatewayConflictWithAllocationPools",
        409,
      );
      await bad({ cidr: "10.11.0.0/24", dns_nameservers: ["1.1.1.1", "1.1.1.1"] }, "InvalidInput");
      await bad(
        { cidr: "10.11.0.0/24", host_routes: [{ destination: "nope", nexthop: "10.11.0.9" }] },
        "InvalidInput",
      );

      const custom = await cloud.create(cloud.demo, "subnet", {
        network_id: net.id,
        cidr: "10.11.0.0/24",
        ip_version: 4,
        gateway_ip: "10.11.0.254",
        allocation_pools: [{ start: "10.11.0.100", end: "10.11.0.110" }],
        dns_nameservers: ["10.11.0.53"],
        host_routes: [{ destination: "10.20.0.0/16", nexthop: "10.11.0.200" }],
      });
      expect(custom).toMatchObject({
        gateway_ip: "10.11.0.254",
        allocation_pools: [{ start: "10.11.0.100", end: "10.11.0.110" }],
        dns_nameservers: ["10.11.0.53"],
        host_routes: [{ destination: "10.20.0.0/16", nexthop: "10.11.0.200" }],
      });
      // The DHCP port gets an address on the second DHCP subnet too.
      const dhcp2 = await cloud.net(
        cloud.admin,
        "GET",
        `/ports?network_id=${net.id}&device_owner=network:dhcp`,
      );
      expect(dhcp2.body.ports[0].fixed_ips).toHaveLength(2);

      const noGateway = await cloud.create(cloud.demo, "subnet", {
        network_id: net.id,
        cidr: "10.12.0.0/29",
        ip_version: 4,
        gateway_ip: null,
        enable_dhcp: false,
      });
      expect(noGateway).toMatchObject({
        gateway_ip: null,
        allocation_pools: [{ start: "10.12.0.1", end: "10.12.0.6" }],
      });

      const v6 = await cloud.create(cloud.demo, "subnet", {
        network_id: net.id,
        cidr: "fd00:10::/64",
        ip_version: 6,
      });
      expect(v6).toMatchObject({ gateway_ip: "fd00:10::1", ip_version: 6 });
      expect(v6.allocation_pools).toEqual([{ start: "fd00:10::2", end: "fd00:10::ffff:ffff:ffff:ffff" }]);

      const updated = await cloud.net(cloud.demo, "PUT", `/subnets/${custom.id}`, {
        subnet: { name: "renamed", dns_nameservers: [], enable_dhcp: false, gateway_ip: "10.11.0.1" },
      });
      expect(updated.status, updated.text).toBe(200);
      expect(updated.body.subnet).toMatchObject({
        name: "renamed",
        dns_nameservers: [],
        enable_dhcp: false,
        gateway_ip: "10.11.0.1",
      });
      const cidrChange = await cloud.net(cloud.demo, "PUT", `/subnets/${custom.id}`, {
        subnet: { cidr: "10.99.0.0/24" },
      });
      expect(cidrChange.status).toBe(400);
      const dhcp3 = await cloud.net(
        cloud.admin,
        "GET",
        `/ports?network_id=${net.id}&device_owner=network:dhcp`,
      );
      expect(dhcp3.body.ports[0].fixed_ips.map((ip: { subnet_id: string }) => ip.subnet_id)).toEqual(
        [subnet.id, v6.id].sort(),
      );
    });

    it("creates ports with an address, a fa:16:3e MAC and the default security group", async () => {
      const net = await cloud.create(cloud.demo, "network", { name: "ports" });
      const subnet = await cloud.create(cloud.demo, "subnet", {
        network_id: net.id,
        cidr: "10.30.0.0/28",
        ip_version: 4,
        enable_dhcp: false,
        // Addresses above the pool are free for the fixed-IP cases below.
        allocation_pools: [{ start: "10.30.0.2", end: "10.30.0.8" }],
      });
      const port = await cloud.create(cloud.demo, "port", { network_id: net.id, name: "p1" });
      expect(port).toMatchObject({
        name: "p1",
        status: "DOWN",
        admin_state_up: true,
        network_id: net.id,
        device_owner: "",
        device_id: "",
        "binding:vnic_type": "normal",
        port_security_enabled: true,
        allowed_address_pairs: [],
        project_id: cloud.demo.project,
      });
      expect(port.mac_address).toMatch(/^fa:16:3e(:[0-9a-f]{2}){3}$/);
      expect(port.fixed_ips).toEqual([
        { subnet_id: subnet.id, ip_address: expect.stringMatching(/^10\.30\.0\.[2-8]$/) },
      ]);
      expect(port.security_groups).toHaveLength(1);
      // Binding details are the admin's.
      expect(port["binding:host_id"]).toBeUndefined();
      const asAdmin = (await cloud.net(cloud.admin, "GET", `/ports/${port.id}`)).body.port;
      expect(asAdmin).toMatchObject({
        "binding:host_id": "",
        "binding:vif_type": "unbound",
        "binding:profile": {},
      });
      const expected = servedKeys(sample("ports/ports-bind-list-response.json").ports[0]);
      expect(servedKeys(asAdmin)).toEqual(expected);

      const group = await cloud.cp.running.db.prisma.securityGroup.findUniqueOrThrow({
        where: { id: port.security_groups[0] },
        include: { rules: true },
      });
      expect(group.name).toBe("default");
      expect(
        group.rules
          .map((r) => `${r.direction} ${r.ethertype} ${r.remoteGroupId === group.id ? "self" : "any"}`)
          .sort(),
      ).toEqual(["egress IPv4 any", "egress IPv6 any", "ingress IPv4 self", "ingress IPv6 self"]);
      const second = await cloud.create(cloud.demo, "port", { network_id: net.id });
      expect(second.security_groups).toEqual(port.security_groups);

      // A given address: taken once only.
      const fixed = await cloud.create(cloud.demo, "port", {
        network_id: net.id,
        fixed_ips: [{ subnet_id: subnet.id, ip_address: "10.30.0.9" }],
        mac_address: "FA:16:3E:00:00:09",
      });
      expect(fixed.fixed_ips[0].ip_address).toBe("10.30.0.9");
      expect(fixed.mac_address).toBe("fa:16:3e:00:00:09");
      const again = await cloud.net(cloud.demo, "POST", "/ports", {
        port: { network_id: net.id, fixed_ips: [{ ip_address: "10.30.0.9" }] },
      });
      expect(again.status).toBe(409);
      expect(again.body.NeutronError.type).toBe("IpAddressInUse");
      const sameMac = await cloud.net(cloud.demo, "POST", "/ports", {
        port: { network_id: net.id, mac_address: "fa:16:3e:00:00:09" },
      });
      expect(sameMac.status).toBe(409);
      expect(sameMac.body.NeutronError.type).toBe("MacAddressInUse");
      const gateway = await cloud.net(cloud.demo, "POST", "/ports", {
        port: { network_id: net.id, fixed_ips: [{ ip_address: "10.30.0.1" }] },
      });
      expect(gateway.status).toBe(409);
      const outside = await cloud.net(cloud.demo, "POST", "/ports", {
        port: { network_id: net.id, fixed_ips: [{ subnet_id: subnet.id, ip_address: "10.31.0.9" }] },
      });
      expect(outside.status).toBe(400);
      expect(outside.body.NeutronError.type).toBe("InvalidInput");
      const networkOwner = await cloud.net(cloud.demo, "POST", "/ports", {
        port: { network_id: net.id, device_owner: "network:dhcp" },
      });
      expect(networkOwner.status).toBe(403);

      // Port security off: no groups, no address pairs.
      const insecure = await cloud.create(cloud.demo, "port", {
        network_id: net.id,
        port_security_enabled: false,
      });
      expect(insecure.security_groups).toEqual([]);
      const pairs = await cloud.net(cloud.demo, "PUT", `/ports/${insecure.id}`, {
        port: { allowed_address_pairs: [{ ip_address: "10.30.0.200" }] },
      });
      expect(pairs.status).toBe(409);
      expect(pairs.body.NeutronError.type).toBe("AddressPairAndPortSecurityRequired");
      const disable = await cloud.net(cloud.demo, "PUT", `/ports/${port.id}`, {
        port: { port_security_enabled: false },
      });
      expect(disable.status).toBe(409);
      expect(disable.body.NeutronError.type).toBe("PortSecurityPortHasSecurityGroup");
      const both = await cloud.net(cloud.demo, "POST", "/ports", {
        port: { network_id: net.id, port_security_enabled: false, security_groups: port.security_groups },
      });
      expect(both.status).toBe(400);

      const pair = await cloud.net(cloud.demo, "PUT", `/ports/${port.id}`, {
        port: {
          allowed_address_pairs: [{ ip_address: "10.30.0.0/28" }],
          name: "renamed",
          fixed_ips: [{ subnet_id: subnet.id, ip_address: "10.30.0.12" }],
        },
      });
      expect(pair.status, pair.text).toBe(200);
      expect(pair.body.port).toMatchObject({
        name: "renamed",
        allowed_address_pairs: [{ ip_address: "10.30.0.0/28", mac_address: port.mac_address }],
        fixed_ips: [{ subnet_id: subnet.id, ip_address: "10.30.0.12" }],
      });
      const bound = await cloud.net(cloud.admin, "PUT", `/ports/${port.id}`, {
        port: { "binding:host_id": "host-1" },
      });
      expect(bound.body.port).toMatchObject({ "binding:host_id": "host-1", "binding:vif_type": "bridge" });
      const memberBinds = await cloud.net(cloud.demo, "PUT", `/ports/${port.id}`, {
        port: { "binding:host_id": "h" },
      });
      expect(memberBinds.status).toBe(403);

      // The network is in use while ports other than its DHCP port remain.
      const inUse = await cloud.net(cloud.demo, "DELETE", `/networks/${net.id}`);
      expect(inUse.status).toBe(409);
      expect(inUse.body.NeutronError.type).toBe("NetworkInUse");
      const subnetInUse = await cloud.net(cloud.demo, "DELETE", `/subnets/${subnet.id}`);
      expect(subnetInUse.status).toBe(409);
      expect(subnetInUse.body.NeutronError.type).toBe("SubnetInUse");
      for (const p of [port, second, fixed, insecure]) {
        expect((await cloud.net(cloud.demo, "DELETE", `/ports/${p.id}`)).status).toBe(204);
      }
      expect((await cloud.net(cloud.demo, "GET", `/ports/${port.id}`)).body.NeutronError.type).toBe(
        "PortNotFound",
      );
      expect((await cloud.net(cloud.demo, "DELETE", `/networks/${net.id}`)).status).toBe(204);
      expect((await cloud.net(cloud.demo, "GET", `/subnets/${subnet.id}`)).status).toBe(404);
    });

    it("removes the DHCP port with its network and runs out of addresses with IpAddressGenerationFailure", async () => {
      const net = await cloud.create(cloud.demo, "network", {});
      await cloud.create(cloud.demo, "subnet", { network_id: net.id, cidr: "10.40.0.0/29", ip_version: 4 });
      // 6 hosts: gateway, DHCP port, then 4 ports.
      for (let i = 0; i < 4; i++) await cloud.create(cloud.demo, "port", { network_id: net.id });
      const full = await cloud.net(cloud.demo, "POST", "/ports", { port: { network_id: net.id } });
      expect(full.status).toBe(409);
      expect(full.body.NeutronError.type).toBe("IpAddressGenerationFailure");
      const ports = (await cloud.net(cloud.demo, "GET", `/ports?network_id=${net.id}`)).body.ports;
      for (const p of ports.filter((p: { device_owner: string }) => p.device_owner === "")) {
        await cloud.net(cloud.demo, "DELETE", `/ports/${p.id}`);
      }
      expect((await cloud.net(cloud.demo, "DELETE", `/networks/${net.id}`)).status).toBe(204);
      expect(await cloud.cp.running.db.prisma.port.count({ where: { networkId: net.id } })).toBe(0);
    });

    it("keeps a network with a router's port in use and leaves router ports to their router", async () => {
      const net = await cloud.create(cloud.demo, "network", {});
      await cloud.create(cloud.demo, "subnet", { network_id: net.id, cidr: "10.45.0.0/24", ip_version: 4 });
      const routerPort = await cloud.create(cloud.admin, "port", {
        network_id: net.id,
        project_id: cloud.demo.project,
        device_owner: "network:router_interface",
        device_id: "router-1",
        fixed_ips: [{ ip_address: "10.45.0.1" }],
      });
      expect(routerPort.fixed_ips[0].ip_address).toBe("10.45.0.1");
      const inUse = await cloud.net(cloud.demo, "DELETE", `/networks/${net.id}`);
      expect(inUse.status).toBe(409);
      expect(inUse.body.NeutronError.message).toContain(routerPort.id);
      const direct = await cloud.net(cloud.admin, "DELETE", `/ports/${routerPort.id}`);
      expect(direct.status).toBe(409);
      expect(direct.body.NeutronError.type).toBe("ServicePortInUse");
      await cloud.cp.running.db.prisma.port.delete({ where: { id: routerPort.id } });
      expect((await cloud.net(cloud.demo, "DELETE", `/networks/${net.id}`)).status).toBe(204);
    });

    it("serves the tag API on networks, subnets and ports, under each one's policy", async () => {
      const net = await cloud.create(cloud.demo, "network", { tags: ["blue"] });
      const tags = `/networks/${net.id}/tags`;
      expect((await cloud.net(cloud.demo, "GET", tags)).body).toEqual({ tags: ["blue"] });
      expect((await cloud.net(cloud.demo, "PUT", `${tags}/red`)).status).toBe(201);
      expect((await cloud.net(cloud.demo, "GET", `${tags}/red`)).status).toBe(204);
      const missing = await cloud.net(cloud.demo, "GET", `${tags}/green`);
      expect(missing.status).toBe(404);
      expect(missing.body.NeutronError.type).toBe("TagNotFound");
      const replaced = await cloud.net(cloud.demo, "PUT", tags, { tags: ["a", "b", "a"] });
      expect(replaced.body).toEqual({ tags: ["a", "b"] });
      expect(
        (await cloud.net(cloud.demo, "GET", "/networks?tags=a,b")).body.networks.map(
          (n: { id: string }) => n.id,
        ),
      ).toEqual([net.id]);
      expect((await cloud.net(cloud.demo, "DELETE", `${tags}/a`)).status).toBe(204);
      expect((await cloud.net(cloud.demo, "PUT", tags, { tags: ["bad,tag"] })).status).toBe(400);
      expect((await cloud.net(cloud.other, "PUT", `${tags}/mine`)).status).toBe(404);
      expect((await cloud.net(cloud.demo, "DELETE", tags)).status).toBe(204);
      expect((await cloud.net(cloud.demo, "GET", `/networks/${net.id}`)).body.network.tags).toEqual([]);
      const subnet = await cloud.create(cloud.demo, "subnet", {
        network_id: net.id,
        cidr: "10.46.0.0/24",
        ip_version: 4,
      });
      expect((await cloud.net(cloud.demo, "PUT", `/subnets/${subnet.id}/tags/s`)).status).toBe(201);
      const port = await cloud.create(cloud.demo, "port", { network_id: net.id });
      expect(
        (await cloud.net(cloud.demo, "PUT", `/ports/${port.id}/tags`, { tags: ["p"] })).body.tags,
      ).toEqual(["p"]);
      expect((await cloud.net(cloud.demo, "GET", `/ports/${port.id}`)).body.port.tags).toEqual(["p"]);
    });

    it("gives ports on SLAAC subnets their EUI-64 address besides an IPv4 one", async () => {
      const net = await cloud.create(cloud.demo, "network", {});
      const v4 = await cloud.create(cloud.demo, "subnet", {
        network_id: net.id,
        cidr: "10.47.0.0/24",
        ip_version: 4,
      });
      const v6 = await cloud.create(cloud.demo, "subnet", {
        network_id: net.id,
        cidr: "fd00:47::/64",
        ip_version: 6,
        ipv6_ra_mode: "slaac",
        ipv6_address_mode: "slaac",
      });
      expect(v6).toMatchObject({ ipv6_ra_mode: "slaac", ipv6_address_mode: "slaac" });
      const port = await cloud.create(cloud.demo, "port", {
        network_id: net.id,
        mac_address: "fa:16:3e:12:34:56",
      });
      expect(port.fixed_ips).toEqual(
        [
          { subnet_id: v4.id, ip_address: expect.stringMatching(/^10\.47\.0\./) },
          // fa ^ 02 = f8; ff:fe in the middle.
          { subnet_id: v6.id, ip_address: "fd00:47::f816:3eff:fe12:3456" },
        ].sort((a, b) => (a.subnet_id < b.subnet_id ? -1 : 1)),
      );
      const notSixtyFour = await cloud.net(cloud.demo, "POST", "/subnets", {
        subnet: { network_id: net.id, cidr: "fd00:48::/80", ip_version: 6, ipv6_address_mode: "slaac" },
      });
      expect(notSixtyFour.status).toBe(400);
      const mismatch = await cloud.net(cloud.demo, "POST", "/subnets", {
        subnet: {
          network_id: net.id,
          cidr: "fd00:49::/64",
          ip_version: 6,
          ipv6_ra_mode: "slaac",
          ipv6_address_mode: "dhcpv6-stateful",
        },
      });
      expect(mismatch.status).toBe(400);
    });

    it("creates networks, subnets and ports in bulk, all or nothing", async () => {
      const bulk = await cloud.net(cloud.demo, "POST", "/networks", {
        networks: [{ name: "b1" }, { name: "b2" }],
      });
      expect(bulk.status).toBe(201);
      expect(bulk.body.networks.map((n: { name: string }) => n.name)).toEqual(["b1", "b2"]);
      const [b1] = bulk.body.networks;
      await cloud.create(cloud.demo, "subnet", { network_id: b1.id, cidr: "10.50.0.0/24", ip_version: 4 });
      const ports = await cloud.net(cloud.demo, "POST", "/ports", {
        ports: [{ network_id: b1.id }, { network_id: b1.id }],
      });
      expect(ports.status).toBe(201);
      expect(ports.body.ports).toHaveLength(2);
      const before = (await cloud.net(cloud.demo, "GET", "/networks?name=b3")).body.networks.length;
      const failing = await cloud.net(cloud.demo, "POST", "/networks", {
        networks: [{ name: "b3" }, { name: "b3", shared: true }],
      });
      expect(failing.status).toBe(403);
      expect((await cloud.net(cloud.demo, "GET", "/networks?name=b3")).body.networks.length).toBe(before);
    });

    it("serves quotas, defaults and details, and enforces them with OverQuota", async () => {
      const q = await cloud.newMember("quota-user");
      const shown = await cloud.net(q, "GET", `/quotas/${q.project}`);
      expect(shown.status).toBe(200);
      expect(shown.body.quota).toEqual({
        network: 100,
        subnet: 100,
        port: 500,
        router: 10,
        floatingip: 50,
        security_group: 10,
        security_group_rule: 100,
      });
      const set = await cloud.net(cloud.admin, "PUT", `/quotas/${q.project}`, {
        quota: { network: 1, port: 2 },
      });
      expect(set.status).toBe(200);
      expect(set.body.quota).toMatchObject({ network: 1, port: 2 });
      const memberSets = await cloud.net(q, "PUT", `/quotas/${q.project}`, { quota: { network: 5 } });
      expect(memberSets.status).toBe(403);
      const foreign = await cloud.net(q, "GET", `/quotas/${cloud.demo.project}`);
      expect(foreign.status).toBe(403);

      const net = await cloud.create(q, "network", {});
      const over = await cloud.net(q, "POST", "/networks", { network: {} });
      expect(over.status).toBe(409);
      expect(over.body.NeutronError).toEqual({
        type: "OverQuota",
        message: "Quota exceeded for resources: ['network'].",
        detail: "",
      });
      await cloud.create(q, "subnet", {
        network_id: net.id,
        cidr: "10.60.0.0/24",
        ip_version: 4,
        enable_dhcp: false,
      });
      await cloud.create(q, "port", { network_id: net.id });
      await cloud.create(q, "port", { network_id: net.id });
      const overPort = await cloud.net(q, "POST", "/ports", { port: { network_id: net.id } });
      expect(overPort.status).toBe(409);

      const details = await cloud.net(q, "GET", `/quotas/${q.project}/details`);
      expect(details.body.quota.network).toEqual({ used: 1, limit: 1, reserved: 0 });
      expect(details.body.quota.port).toEqual({ used: 2, limit: 2, reserved: 0 });
      expect(details.body.quota.security_group).toEqual({ used: 1, limit: 10, reserved: 0 });
      expect(Object.keys(details.body.quota).sort()).toEqual(
        Object.keys(sample("quota_details/quota-details-show-for-project-response.json").quota)
          .filter((k) => !["rbac_policy", "subnetpool"].includes(k))
          .concat(["router", "floatingip"])
          .sort(),
      );
      const defaults = await cloud.net(q, "GET", `/quotas/${q.project}/default`);
      expect(defaults.body.quota.network).toBe(100);
      const all = await cloud.net(cloud.admin, "GET", "/quotas");
      expect(all.body.quotas.find((r: { project_id: string }) => r.project_id === q.project)).toMatchObject({
        network: 1,
        tenant_id: q.project,
      });
      expect((await cloud.net(q, "GET", "/quotas")).status).toBe(403);
      expect((await cloud.net(cloud.admin, "DELETE", `/quotas/${q.project}`)).status).toBe(204);
      expect((await cloud.net(q, "GET", `/quotas/${q.project}`)).body.quota.network).toBe(100);
      const unknown = await cloud.net(cloud.admin, "PUT", `/quotas/${q.project}`, { quota: { volumes: 3 } });
      expect(unknown.status).toBe(400);
    });
  });
}
