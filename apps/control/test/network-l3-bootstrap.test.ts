import { createLogger } from "@zenith/core/logger";
import { afterAll, describe, expect, it } from "vitest";
import { bootstrap } from "../src/bootstrap.ts";
import { readControlEnv } from "../src/env.ts";
import { createNetworkServices } from "../src/services/network/registry.ts";
import { startTestControl, TEST_SCRYPT, type TestControl, testTargets } from "./harness.ts";

const log = createLogger("test", "silent");

async function snapshot(cp: TestControl) {
  const prisma = cp.running.db.prisma;
  const [networks, subnets, routers, ports] = await Promise.all([
    prisma.network.findMany({ orderBy: { name: "asc" } }),
    prisma.subnet.findMany({ orderBy: { name: "asc" } }),
    prisma.router.findMany(),
    prisma.port.findMany({ include: { fixedIps: true }, orderBy: { deviceOwner: "asc" } }),
  ]);
  return { networks, subnets, routers, ports };
}

for (const target of testTargets()) {
  describe(`first-start networking on ${target.label}`, () => {
    let cp: TestControl | undefined;
    afterAll(async () => cp?.close());

    it("creates public, private, their subnets and router1 as DevStack does, and a second bootstrap adds nothing", async () => {
      cp = await startTestControl(target, { defaultNetworking: true });
      const prisma = cp.running.db.prisma;
      const projects = await prisma.project.findMany({ where: { name: { in: ["admin", "demo"] } } });
      const projectId = (name: string) => projects.find((p) => p.name === name)?.id;
      const before = await snapshot(cp);

      const publicNet = before.networks.find((n) => n.name === "public");
      expect(publicNet).toMatchObject({
        projectId: projectId("admin"),
        external: true,
        shared: false,
        networkType: "flat",
        physicalNetwork: "public",
      });
      const privateNet = before.networks.find((n) => n.name === "private");
      expect(privateNet).toMatchObject({
        projectId: projectId("demo"),
        external: false,
        networkType: "vxlan",
      });
      expect(privateNet?.segmentationId).toBeGreaterThan(0);
      expect(before.subnets.find((s) => s.name === "public-subnet")).toMatchObject({
        networkId: publicNet?.id,
        cidr: "172.24.4.0/24",
        gatewayIp: "172.24.4.1",
        allocationPools: [{ start: "172.24.4.2", end: "172.24.4.254" }],
      });
      const privateSubnet = before.subnets.find((s) => s.name === "private-subnet");
      expect(privateSubnet).toMatchObject({
        networkId: privateNet?.id,
        cidr: "10.0.0.0/26",
        gatewayIp: "10.0.0.1",
      });
      expect(before.routers).toHaveLength(1);
      const router = before.routers[0];
      expect(router).toMatchObject({
        name: "router1",
        projectId: projectId("demo"),
        gatewayNetworkId: publicNet?.id,
      });
      const gateway = before.ports.find((p) => p.deviceOwner === "network:router_gateway");
      expect(gateway?.deviceId).toBe(router?.id);
      // Any pool address (IPAM picks among the free ones), never the subnet's gateway.
      expect(gateway?.fixedIps[0]?.ipAddress).toMatch(/^172\.24\.4\.([2-9]|[1-9]\d|1\d\d|2[0-4]\d|25[0-4])$/);
      const iface = before.ports.find((p) => p.deviceOwner === "network:router_interface");
      expect(iface).toMatchObject({ deviceId: router?.id, projectId: projectId("demo") });
      expect(iface?.fixedIps).toEqual([
        expect.objectContaining({ subnetId: privateSubnet?.id, ipAddress: "10.0.0.1" }),
      ]);

      // What every later start runs: it must find everything by name and create nothing.
      const network = createNetworkServices({ prisma, logger: log });
      await bootstrap(prisma, { publicUrl: cp.url, region: "RegionOne", scrypt: TEST_SCRYPT, network }, log);
      expect(await snapshot(cp)).toEqual(before);
    });
  });
}

describe("ZENITH_PUBLIC_CIDR", () => {
  it("defaults to DevStack's 172.24.4.0/24 and refuses what cannot be a public subnet", () => {
    expect(readControlEnv({}).ZENITH_PUBLIC_CIDR).toBe("172.24.4.0/24");
    expect(readControlEnv({ ZENITH_PUBLIC_CIDR: "192.0.2.0/28" }).ZENITH_PUBLIC_CIDR).toBe("192.0.2.0/28");
    for (const bad of ["172.24.4.1", "2001:db8::/64", "10.0.0.0/30", "nonsense"]) {
      expect(() => readControlEnv({ ZENITH_PUBLIC_CIDR: bad }), bad).toThrow(/ZENITH_PUBLIC_CIDR/);
    }
  });
});

describe("a configured public CIDR", () => {
  let cp: TestControl | undefined;
  afterAll(async () => cp?.close());

  it("lays out public-subnet from it", async () => {
    const [target] = testTargets();
    if (!target) throw new Error("no test target");
    cp = await startTestControl(target, { defaultNetworking: true, publicCidr: "198.51.100.0/28" });
    const subnet = await cp.running.db.prisma.subnet.findFirst({ where: { name: "public-subnet" } });
    expect(subnet).toMatchObject({
      cidr: "198.51.100.0/28",
      gatewayIp: "198.51.100.1",
      allocationPools: [{ start: "198.51.100.2", end: "198.51.100.14" }],
    });
  });
});
