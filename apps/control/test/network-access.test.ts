import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, NetworkTestCloud, networkTargets } from "./network-harness.ts";

for (const target of networkTargets) {
  describe(`Network API tenant isolation on ${target.label}`, () => {
    let cloud: NetworkTestCloud;
    let reader: Caller;
    const demo = { network: "", subnet: "", port: "" };
    beforeAll(async () => {
      cloud = await NetworkTestCloud.start(target, "network_access");
      reader = await cloud.newMember("rita", "reader");
      const net = await cloud.create(cloud.demo, "network", { name: "demo-private" });
      const subnet = await cloud.create(cloud.demo, "subnet", {
        network_id: net.id,
        cidr: "10.90.0.0/24",
        ip_version: 4,
      });
      const port = await cloud.create(cloud.demo, "port", { network_id: net.id, name: "demo-port" });
      Object.assign(demo, { network: net.id, subnet: subnet.id, port: port.id });
    });
    afterAll(async () => {
      await cloud?.close();
    });

    const ids = (body: Record<string, Array<{ id: string }>>, key: string) =>
      body[key]?.map((r) => r.id) ?? [];

    it("hides another project's private network, subnet and ports through every path", async () => {
      const other = cloud.other;
      const notFound = async (method: string, path: string, type: string, body?: unknown) => {
        const res = await cloud.net(other, method, path, body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.NeutronError.type, `${method} ${path}`).toBe(type);
      };
      await notFound("GET", `/networks/${demo.network}`, "NetworkNotFound");
      await notFound("PUT", `/networks/${demo.network}`, "NetworkNotFound", { network: { name: "x" } });
      await notFound("DELETE", `/networks/${demo.network}`, "NetworkNotFound");
      await notFound("GET", `/subnets/${demo.subnet}`, "SubnetNotFound");
      await notFound("PUT", `/subnets/${demo.subnet}`, "SubnetNotFound", { subnet: { name: "x" } });
      await notFound("DELETE", `/subnets/${demo.subnet}`, "SubnetNotFound");
      await notFound("GET", `/ports/${demo.port}`, "PortNotFound");
      await notFound("PUT", `/ports/${demo.port}`, "PortNotFound", { port: { name: "x" } });
      await notFound("DELETE", `/ports/${demo.port}`, "PortNotFound");
      // Creating on it: as if it did not exist.
      await notFound("POST", "/subnets", "NetworkNotFound", {
        subnet: { network_id: demo.network, cidr: "10.91.0.0/24", ip_version: 4 },
      });
      await notFound("POST", "/ports", "NetworkNotFound", { port: { network_id: demo.network } });
      await notFound("POST", "/ports", "NetworkNotFound", {
        ports: [{ network_id: demo.network, fixed_ips: [{ ip_address: "10.90.0.77" }] }],
      });
      // Lists, filters and markers.
      expect(ids((await cloud.net(other, "GET", "/networks")).body, "networks")).not.toContain(demo.network);
      expect(ids((await cloud.net(other, "GET", `/networks?id=${demo.network}`)).body, "networks")).toEqual(
        [],
      );
      expect((await cloud.net(other, "GET", `/subnets?network_id=${demo.network}`)).body.subnets).toEqual([]);
      expect((await cloud.net(other, "GET", `/ports?network_id=${demo.network}`)).body.ports).toEqual([]);
      expect((await cloud.net(other, "GET", `/ports?tenant_id=${cloud.demo.project}`)).body.ports).toEqual(
        [],
      );
      expect((await cloud.net(other, "GET", "/ports?fixed_ips=ip_address%3D10.90.0.2")).body.ports).toEqual(
        [],
      );
      await notFound("GET", `/networks?limit=1&marker=${demo.network}`, "NetworkNotFound");
      await notFound("GET", `/ports?limit=1&marker=${demo.port}`, "PortNotFound");
      // And it is all still there for its owner.
      expect((await cloud.net(cloud.demo, "GET", `/ports/${demo.port}`)).status).toBe(200);
      // Admin sees everything.
      expect(ids((await cloud.net(cloud.admin, "GET", "/networks")).body, "networks")).toContain(
        demo.network,
      );
      expect((await cloud.net(cloud.admin, "GET", `/ports/${demo.port}`)).status).toBe(200);
    });

    it("lets every project see and plug into shared networks, without managing them or seeing others' ports", async () => {
      const shared = await cloud.create(cloud.admin, "network", { name: "shared-net", shared: true });
      const subnet = await cloud.create(cloud.admin, "subnet", {
        network_id: shared.id,
        cidr: "10.92.0.0/24",
        ip_version: 4,
      });
      const other = cloud.other;
      expect((await cloud.net(other, "GET", `/networks/${shared.id}`)).status).toBe(200);
      expect((await cloud.net(other, "GET", `/subnets/${subnet.id}`)).status).toBe(200);
      const update = await cloud.net(other, "PUT", `/networks/${shared.id}`, { network: { name: "mine" } });
      expect(update.status).toBe(403);
      expect(update.body.NeutronError.type).toBe("PolicyNotAuthorized");
      expect((await cloud.net(other, "DELETE", `/networks/${shared.id}`)).status).toBe(403);
      expect((await cloud.net(other, "PUT", `/subnets/${subnet.id}`, { subnet: { name: "x" } })).status).toBe(
        403,
      );
      expect((await cloud.net(other, "DELETE", `/subnets/${subnet.id}`)).status).toBe(403);
      const foreignSubnet = await cloud.net(other, "POST", "/subnets", {
        subnet: { network_id: shared.id, cidr: "10.93.0.0/24", ip_version: 4 },
      });
      expect(foreignSubnet.status).toBe(403);

      const otherPort = await cloud.create(other, "port", { network_id: shared.id });
      // Another project's security group is not the caller's to use.
      const demoGroups = (await cloud.net(cloud.demo, "GET", `/ports/${demo.port}`)).body.port
        .security_groups;
      const foreignGroup = await cloud.net(other, "POST", "/ports", {
        port: { network_id: shared.id, security_groups: demoGroups },
      });
      expect(foreignGroup.status).toBe(404);
      expect(foreignGroup.body.NeutronError.type).toBe("SecurityGroupNotFound");
      const demoPort = await cloud.create(cloud.demo, "port", { network_id: shared.id });
      expect(otherPort.project_id).toBe(other.project);
      // A specific address on someone else's network is the network owner's call.
      const pinned = await cloud.net(other, "POST", "/ports", {
        port: { network_id: shared.id, fixed_ips: [{ ip_address: "10.92.0.99" }] },
      });
      expect(pinned.status).toBe(403);
      const visible = ids((await cloud.net(other, "GET", `/ports?network_id=${shared.id}`)).body, "ports");
      expect(visible).toEqual([otherPort.id]);
      expect((await cloud.net(other, "GET", `/ports/${demoPort.id}`)).status).toBe(404);
      expect((await cloud.net(other, "DELETE", `/ports/${demoPort.id}`)).status).toBe(404);
      // Unsharing while other projects use it is refused.
      const unshare = await cloud.net(cloud.admin, "PUT", `/networks/${shared.id}`, {
        network: { shared: false },
      });
      expect(unshare.status).toBe(409);
      expect(unshare.body.NeutronError.type).toBe("InvalidSharedSetting");
    });

    it("gives a network's owner sight of other projects' ports on it", async () => {
      const net = await cloud.create(cloud.demo, "network", { name: "demo-shared" });
      await cloud.create(cloud.demo, "subnet", { network_id: net.id, cidr: "10.94.0.0/24", ip_version: 4 });
      // Sharing is an admin's call: the admin shares demo's network.
      expect(
        (await cloud.net(cloud.admin, "PUT", `/networks/${net.id}`, { network: { shared: true } })).status,
      ).toBe(200);
      const port = await cloud.create(cloud.other, "port", { network_id: net.id });
      expect((await cloud.net(cloud.demo, "GET", `/ports/${port.id}`)).status).toBe(200);
      // The owner sees it, may delete it (upstream's network owner rule), but may not change it.
      expect((await cloud.net(cloud.demo, "PUT", `/ports/${port.id}`, { port: { name: "x" } })).status).toBe(
        403,
      );
      expect((await cloud.net(cloud.demo, "DELETE", `/ports/${port.id}`)).status).toBe(204);
    });

    it("shows external networks to everyone but lets only admins plug into them", async () => {
      const ext = await cloud.create(cloud.admin, "network", {
        name: "ext",
        "router:external": true,
        "provider:network_type": "flat",
        "provider:physical_network": "access-test",
      });
      await cloud.create(cloud.admin, "subnet", {
        network_id: ext.id,
        cidr: "172.31.99.0/24",
        ip_version: 4,
        enable_dhcp: false,
      });
      const seen = await cloud.net(cloud.other, "GET", "/networks?router:external=True");
      expect(ids(seen.body, "networks")).toEqual([ext.id]);
      expect(seen.body.networks[0]["provider:network_type"]).toBeUndefined();
      const plug = await cloud.net(cloud.other, "POST", "/ports", { port: { network_id: ext.id } });
      expect(plug.status).toBe(403);
      expect((await cloud.net(cloud.admin, "POST", "/ports", { port: { network_id: ext.id } })).status).toBe(
        201,
      );
    });

    it("lets readers read their project's resources and change nothing", async () => {
      const mine = await cloud.create(cloud.demo, "network", { name: "for-reader" });
      const ownReader = await cloud.newMember("ray", "reader", cloud.demo.project);
      expect((await cloud.net(ownReader, "GET", `/networks/${mine.id}`)).status).toBe(200);
      expect((await cloud.net(ownReader, "GET", `/ports/${demo.port}`)).status).toBe(200);
      const refused = async (method: string, path: string, body?: unknown) => {
        const res = await cloud.net(ownReader, method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.NeutronError.type).toBe("PolicyNotAuthorized");
      };
      await refused("POST", "/networks", { network: { name: "nope" } });
      await refused("PUT", `/networks/${mine.id}`, { network: { name: "nope" } });
      await refused("DELETE", `/networks/${mine.id}`);
      await refused("POST", "/ports", { port: { network_id: demo.network } });
      await refused("PUT", `/ports/${demo.port}`, { port: { name: "nope" } });
      await refused("DELETE", `/ports/${demo.port}`);
      await refused("POST", "/subnets", {
        subnet: { network_id: demo.network, cidr: "10.95.0.0/24", ip_version: 4 },
      });
      // A reader of another project sees none of it.
      expect((await cloud.net(reader, "GET", `/networks/${mine.id}`)).status).toBe(404);
    });
  });
}
