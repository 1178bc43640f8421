import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type TestControl } from "./harness.ts";
import { networkTargets, startOwnDatabase } from "./network-own-db.ts";

// Behaviours the interop 2020.06 network tests (npm run conformance) found
// missing, each checked here the way Tempest checks it.
const V2 = "/networking/v2.0";

for (const target of networkTargets) {
  describe(`Network API as Tempest's required tests expect, on ${target.label}`, () => {
    let cp: TestControl;
    let drop: (() => Promise<void>) | undefined;
    let demo: string;

    beforeAll(async () => {
      // DevStack's first-start networking: the external network `public` and its subnet.
      ({ cp, drop } = await startOwnDatabase(target, "tempest-fixes", { defaultNetworking: true }));
      demo = await cp.login("demo", DEMO_PASSWORD, { project: "demo" });
    });
    afterAll(async () => {
      await cp?.close();
      await drop?.();
    });

    it("shows the non-shared external network to every project, but not its subnets (test_external_network_visibility)", async () => {
      const nets = await cp.request("GET", `${V2}/networks?router:external=True`, { token: demo });
      expect(nets.status).toBe(200);
      const pub = nets.body.networks.find((n: { name: string }) => n.name === "public");
      expect(pub).toMatchObject({ "router:external": true, shared: false });
      expect(nets.body.networks.every((n: { "router:external": boolean }) => n["router:external"])).toBe(
        true,
      );
      const subnets = await cp.request("GET", `${V2}/subnets?network_id=${pub.id}`, { token: demo });
      expect(subnets.status).toBe(200);
      expect(subnets.body.subnets).toEqual([]);
      // …which the admin who owns it does see.
      const admin = await cp.adminToken();
      const own = await cp.request("GET", `${V2}/subnets?network_id=${pub.id}`, { token: admin });
      expect(own.body.subnets.map((s: { name: string }) => s.name)).toEqual(["public-subnet"]);
    });
  });
}
