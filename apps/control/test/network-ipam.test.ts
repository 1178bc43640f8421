import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetworkTestCloud, networkTargets } from "./network-harness.ts";

for (const target of networkTargets) {
  describe(`IPAM under concurrency on ${target.label}`, () => {
    let cloud: NetworkTestCloud;
    beforeAll(async () => {
      cloud = await NetworkTestCloud.start(target, "network_ipam");
      // Unlimited ports: the quota lock would serialize the creates and hide the race under test.
      await cloud.net(cloud.admin, "PUT", `/quotas/${cloud.demo.project}`, { quota: { port: -1 } });
    });
    afterAll(async () => {
      await cloud?.close();
    });

    async function concurrentPorts(networkId: string, n: number) {
      return Promise.all(
        Array.from({ length: n }, (_, i) =>
          cloud.net(cloud.demo, "POST", "/ports", { port: { network_id: networkId, name: `c${i}` } }),
        ),
      );
    }

    it("gives 50 concurrent port creations 50 distinct addresses, none lost", async () => {
      const net = await cloud.create(cloud.demo, "network", {});
      const subnet = await cloud.create(cloud.demo, "subnet", {
        network_id: net.id,
        cidr: "10.70.0.0/26",
        ip_version: 4,
      });
      const results = await concurrentPorts(net.id, 50);
      expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
      const addresses = results.map((r) => r.body.port.fixed_ips[0].ip_address);
      expect(new Set(addresses).size).toBe(50);
      const macs = results.map((r) => r.body.port.mac_address);
      expect(new Set(macs).size).toBe(50);
      // What the API answered is what the database holds: 50 ports plus the DHCP port, one address each.
      const rows = await cloud.cp.running.db.prisma.ipAllocation.findMany({ where: { subnetId: subnet.id } });
      expect(rows).toHaveLength(51);
      for (const ip of addresses) expect(rows.some((r) => r.ipAddress === ip)).toBe(true);
      expect(rows.some((r) => r.ipAddress === "10.70.0.1")).toBe(false);
    });

    it("hands out every last address of a small pool exactly once when 50 race for 29", async () => {
      const net = await cloud.create(cloud.demo, "network", {});
      // A /27's pool is .2-.30 (29 addresses, the gateway .1 left out); the DHCP port takes one, 28 are left.
      const subnet = await cloud.create(cloud.demo, "subnet", {
        network_id: net.id,
        cidr: "10.71.0.0/27",
        ip_version: 4,
      });
      expect(subnet.allocation_pools).toEqual([{ start: "10.71.0.2", end: "10.71.0.30" }]);
      const results = await concurrentPorts(net.id, 50);
      const created = results.filter((r) => r.status === 201);
      const refused = results.filter((r) => r.status !== 201);
      expect(created).toHaveLength(28);
      expect(refused.map((r) => r.body.NeutronError?.type)).toEqual(
        Array(22).fill("IpAddressGenerationFailure"),
      );
      const addresses = new Set(created.map((r) => r.body.port.fixed_ips[0].ip_address));
      expect(addresses.size).toBe(28);
      // Every pool address is held, by a created port or the DHCP port; no refused port left a row behind.
      const rows = await cloud.cp.running.db.prisma.ipAllocation.findMany({ where: { subnetId: subnet.id } });
      expect(rows).toHaveLength(29);
      expect(await cloud.cp.running.db.prisma.port.count({ where: { networkId: net.id } })).toBe(29);
    });

    it("never lets racing creates overshoot a port quota", async () => {
      const q = await cloud.newMember(`ipam-quota-${target.pg ? "pg" : "lite"}`);
      await cloud.net(cloud.admin, "PUT", `/quotas/${q.project}`, { quota: { port: 7 } });
      const net = await cloud.create(q, "network", {});
      await cloud.create(q, "subnet", {
        network_id: net.id,
        cidr: "10.72.0.0/24",
        ip_version: 4,
        enable_dhcp: false,
      });
      const results = await Promise.all(
        Array.from({ length: 20 }, () => cloud.net(q, "POST", "/ports", { port: { network_id: net.id } })),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(7);
      expect(results.filter((r) => r.status === 409).map((r) => r.body.NeutronError.type)).toEqual(
        Array(13).fill("OverQuota"),
      );
    });
  });
}
