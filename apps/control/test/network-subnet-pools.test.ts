import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type TestControl } from "./harness.ts";
import { networkTargets, startOwnDatabase } from "./network-own-db.ts";

const NEUTRON_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const V2 = "/networking/v2.0";

for (const target of networkTargets) {
  describe(`subnet pools (subnet_allocation) on ${target.label}`, () => {
    let cp: TestControl;
    let drop: (() => Promise<void>) | undefined;
    let admin: string;
    let demo: string;
    let adminProject: string;
    let demoProject: string;

    const net = (method: string, path: string, token: string, body?: unknown) =>
      cp.request(method, `${V2}${path}`, { token, ...(body === undefined ? {} : { body }) });
    const createPool = async (token: string, attrs: Record<string, unknown>) => {
      const res = await net("POST", "/subnetpools", token, { subnetpool: attrs });
      expect(res.status, res.text).toBe(201);
      return res.body.subnetpool;
    };
    const createNetwork = async (token: string, name: string) => {
      const res = await net("POST", "/networks", token, { network: { name } });
      expect(res.status, res.text).toBe(201);
      return res.body.network.id as string;
    };

    beforeAll(async () => {
      ({ cp, drop } = await startOwnDatabase(target, "subnet-pools"));
      admin = await cp.adminToken();
      demo = await cp.login("demo", DEMO_PASSWORD, { project: "demo" });
      const projects = await cp.running.db.prisma.project.findMany({
        where: { name: { in: ["admin", "demo"] } },
      });
      adminProject = projects.find((p) => p.name === "admin")?.id ?? "";
      demoProject = projects.find((p) => p.name === "demo")?.id ?? "";
    });
    afterAll(async () => {
      await cp?.close();
      await drop?.();
    });

    it("is listed as the subnet_allocation and default-subnetpools extensions", async () => {
      const res = await net("GET", "/extensions/subnet_allocation", admin);
      expect(res.status).toBe(200);
      expect(res.body.extension.alias).toBe("subnet_allocation");
      // is_default and use_default_subnetpool (served below) are upstream's default-subnetpools.
      const list = await net("GET", "/extensions", demo);
      expect(list.body.extensions.map((e: { alias: string }) => e.alias)).toEqual(
        expect.arrayContaining(["subnet_allocation", "default-subnetpools"]),
      );
      const shown = await net("GET", "/extensions/default-subnetpools", demo);
      expect(shown.status).toBe(200);
      expect(shown.body.extension).toMatchObject({
        alias: "default-subnetpools",
        name: "Default Subnetpools",
      });
    });

    it("create, show, list, update, delete as tempest's test_create_list_show_update_delete_subnetpools", async () => {
      // tempest's CONF.network.default_network
      const pool = await createPool(admin, { name: "tempest-like", prefixes: ["2.0.0.0/16", "1.0.0.0/16"] });
      expect(pool).toEqual({
        id: expect.any(String),
        name: "tempest-like",
        description: "",
        ip_version: 4,
        prefixes: ["1.0.0.0/16", "2.0.0.0/16"],
        // Upstream's defaults: min 8 for IPv4, max 32, default = min.
        min_prefixlen: 8,
        max_prefixlen: 32,
        default_prefixlen: 8,
        shared: false,
        is_default: false,
        default_quota: null,
        address_scope_id: null,
        tags: [],
        project_id: adminProject,
        tenant_id: adminProject,
        revision_number: 1,
        created_at: expect.stringMatching(NEUTRON_TIME),
        updated_at: expect.stringMatching(NEUTRON_TIME),
      });
      const shown = await net("GET", `/subnetpools/${pool.id}`, admin);
      expect(shown.status).toBe(200);
      expect(shown.body.subnetpool.name).toBe("tempest-like");
      const renamed = await net("PUT", `/subnetpools/${pool.id}`, admin, { subnetpool: { name: "renamed" } });
      expect(renamed.status, renamed.text).toBe(200);
      expect(renamed.body.subnetpool).toMatchObject({ name: "renamed", revision_number: 2 });
      const listed = await net("GET", "/subnetpools?name=renamed&fields=id&fields=name", admin);
      expect(listed.body.subnetpools).toEqual([{ id: pool.id, name: "renamed" }]);
      expect((await net("DELETE", `/subnetpools/${pool.id}`, admin)).status).toBe(204);
      const gone = await net("GET", `/subnetpools/${pool.id}`, admin);
      expect(gone.status).toBe(404);
      expect(gone.body.NeutronError).toMatchObject({ type: "SubnetPoolNotFound" });
    });

    it("merges prefixes as upstream, grows them with add_prefixes, never drops them on update", async () => {
      const pool = await createPool(admin, {
        name: "merge",
        prefixes: ["192.168.0.0/24", "192.168.1.0/24", "10.10.0.0/21"],
        default_prefixlen: "25",
        min_prefixlen: 24,
        max_prefixlen: 30,
      });
      expect(pool.prefixes).toEqual(["10.10.0.0/21", "192.168.0.0/23"]);
      expect(pool).toMatchObject({ default_prefixlen: 25, min_prefixlen: 24, max_prefixlen: 30 });
      // upstream sample: subnetpool-add-prefixes-request/response.json
      const added = await net("PUT", `/subnetpools/${pool.id}/add_prefixes`, admin, {
        prefixes: ["192.168.2.0/23", "172.16.0.0/21"],
      });
      expect(added.status, added.text).toBe(200);
      expect(added.body).toEqual({ prefixes: ["10.10.0.0/21", "172.16.0.0/21", "192.168.0.0/22"] });
      const dropped = await net("PUT", `/subnetpools/${pool.id}`, admin, {
        subnetpool: { prefixes: ["10.10.0.0/21"] },
      });
      expect(dropped.status).toBe(400);
      expect(dropped.body.NeutronError.type).toBe("IllegalSubnetPoolPrefixUpdate");
      const removed = await net("PUT", `/subnetpools/${pool.id}/remove_prefixes`, admin, {
        prefixes: ["172.16.0.0/21"],
      });
      expect(removed.body).toEqual({ prefixes: ["10.10.0.0/21", "192.168.0.0/22"] });
    });

    it("refuses bad bounds, mixed families, host routes of nonsense and unknown attributes", async () => {
      const bad = async (attrs: Record<string, unknown>, type: string) => {
        const res = await net("POST", "/subnetpools", admin, { subnetpool: { name: "bad", ...attrs } });
        expect(res.status, res.text).toBe(400);
        expect(res.body.NeutronError.type).toBe(type);
      };
      await bad(
        { prefixes: ["10.0.0.0/8"], min_prefixlen: 24, max_prefixlen: 16 },
        "IllegalSubnetPoolPrefixBounds",
      );
      await bad({ prefixes: ["10.0.0.0/8"], default_prefixlen: 4 }, "IllegalSubnetPoolPrefixBounds");
      await bad({ prefixes: ["10.0.0.0/8"], max_prefixlen: 33 }, "IllegalSubnetPoolPrefixBounds");
      await bad({ prefixes: ["10.0.0.0/8", "2001:db8::/32"] }, "InvalidInput");
      await bad({ prefixes: ["10.0.0.300/8"] }, "InvalidInput");
      await bad({ prefixes: ["10.0.0.0/8"], address_scope_id: "some-scope" }, "InvalidInput");
      const unknown = await net("POST", "/subnetpools", admin, {
        subnetpool: { prefixes: ["10.0.0.0/8"], foo: 1 },
      });
      expect(unknown.status).toBe(400);
      const noPrefixes = await net("POST", "/subnetpools", admin, { subnetpool: { name: "x" } });
      expect(noPrefixes.status).toBe(400);
    });

    it("lets only admins share a pool or make it the default; shared pools are seen, not changed, by others", async () => {
      const denied = await net("POST", "/subnetpools", demo, {
        subnetpool: { prefixes: ["10.1.0.0/16"], shared: true },
      });
      expect(denied.status).toBe(403);
      expect(denied.body.NeutronError.type).toBe("PolicyNotAuthorized");
      const own = await createPool(demo, { name: "demo-own", prefixes: ["10.2.0.0/16"] });
      expect(own.project_id).toBe(demoProject);
      const shared = await createPool(admin, {
        name: "admin-shared",
        prefixes: ["10.3.0.0/16"],
        shared: true,
      });
      const hidden = await createPool(admin, { name: "admin-hidden", prefixes: ["10.4.0.0/16"] });
      const seen = (await net("GET", "/subnetpools", demo)).body.subnetpools.map((p: { id: string }) => p.id);
      expect(seen).toEqual(expect.arrayContaining([own.id, shared.id]));
      expect(seen).not.toContain(hidden.id);
      expect((await net("GET", `/subnetpools/${hidden.id}`, demo)).status).toBe(404);
      const change = await net("PUT", `/subnetpools/${shared.id}`, demo, { subnetpool: { name: "mine" } });
      expect(change.status).toBe(403);
      expect((await net("DELETE", `/subnetpools/${shared.id}`, demo)).status).toBe(403);
      const setDefault = await net("PUT", `/subnetpools/${own.id}`, demo, {
        subnetpool: { is_default: true },
      });
      expect(setDefault.status).toBe(403);
      // Upstream does not let sharing change after creation.
      const reshare = await net("PUT", `/subnetpools/${own.id}`, demo, { subnetpool: { shared: true } });
      expect(reshare.status).toBe(400);
    });

    it("allocates subnets from a pool: default and asked prefix lengths, a given block, refusals, in-use delete", async () => {
      const pool = await createPool(admin, {
        name: "alloc",
        prefixes: ["10.50.0.0/22"],
        default_prefixlen: 24,
        max_prefixlen: 28,
        shared: true,
      });
      const networkId = await createNetwork(demo, "alloc-net");
      const subnet = async (attrs: Record<string, unknown>) =>
        net("POST", "/subnets", demo, {
          subnet: { network_id: networkId, ip_version: 4, subnetpool_id: pool.id, ...attrs },
        });

      const first = await subnet({});
      expect(first.status, first.text).toBe(201);
      expect(first.body.subnet).toMatchObject({
        cidr: "10.50.0.0/24",
        gateway_ip: "10.50.0.1",
        subnetpool_id: pool.id,
        allocation_pools: [{ start: "10.50.0.2", end: "10.50.0.254" }],
      });
      const small = await subnet({ prefixlen: 28 });
      expect(small.body.subnet.cidr).toBe("10.50.1.0/28");
      const given = await subnet({ cidr: "10.50.3.0/24" });
      expect(given.body.subnet.cidr).toBe("10.50.3.0/24");
      // The next /24 skips the /28 block and the given one.
      expect((await subnet({})).body.subnet.cidr).toBe("10.50.2.0/24");
      const full = await subnet({});
      expect(full.status).toBe(409);
      expect(full.body.NeutronError.type).toBe("SubnetAllocationError");
      const outside = await subnet({ cidr: "10.60.0.0/24" });
      expect(outside.status).toBe(409);
      const tooBig = await subnet({ prefixlen: 20 });
      expect(tooBig.status).toBe(409);

      const inUse = await net("DELETE", `/subnetpools/${pool.id}`, admin);
      expect(inUse.status).toBe(409);
      expect(inUse.body.NeutronError.type).toBe("SubnetPoolInUse");
      const subnets = (await net("GET", `/subnets?subnetpool_id=${pool.id}`, demo)).body.subnets;
      expect(subnets).toHaveLength(4);
      for (const s of subnets) expect((await net("DELETE", `/subnets/${s.id}`, demo)).status).toBe(204);
      expect((await net("DELETE", `/subnetpools/${pool.id}`, admin)).status).toBe(204);
    });

    it("never hands out one block twice under concurrent subnet creations", async () => {
      const pool = await createPool(admin, {
        name: "race",
        prefixes: ["10.70.0.0/20"],
        default_prefixlen: 26,
      });
      const networks = await Promise.all(
        Array.from({ length: 8 }, (_, i) => createNetwork(admin, `race-${i}`)),
      );
      const made = await Promise.all(
        networks.map((networkId) =>
          net("POST", "/subnets", admin, {
            subnet: { network_id: networkId, ip_version: 4, subnetpool_id: pool.id },
          }),
        ),
      );
      for (const res of made) expect(res.status, res.text).toBe(201);
      const cidrs = made.map((res) => res.body.subnet.cidr as string);
      expect(new Set(cidrs).size).toBe(8);
      expect(cidrs.every((c) => c.startsWith("10.70.") && c.endsWith("/26"))).toBe(true);
    });

    it("serves use_default_subnetpool from the one default pool of the family", async () => {
      const networkId = await createNetwork(demo, "default-net");
      const none = await net("POST", "/subnets", demo, {
        subnet: { network_id: networkId, ip_version: 4, use_default_subnetpool: true },
      });
      expect(none.status).toBe(400);
      const pool = await createPool(admin, {
        name: "default-v4",
        prefixes: ["10.80.0.0/16"],
        default_prefixlen: 24,
        is_default: true,
      });
      const second = await net("POST", "/subnetpools", admin, {
        subnetpool: { name: "second-default", prefixes: ["10.81.0.0/16"], is_default: true },
      });
      expect(second.status).toBe(400);
      expect(second.body.NeutronError.type).toBe("DefaultSubnetPoolExists");
      const made = await net("POST", "/subnets", demo, {
        subnet: { network_id: networkId, ip_version: 4, use_default_subnetpool: true },
      });
      expect(made.status, made.text).toBe(201);
      expect(made.body.subnet).toMatchObject({ cidr: "10.80.0.0/24", subnetpool_id: pool.id });
      const noCidr = await net("POST", "/subnets", demo, {
        subnet: { network_id: networkId, ip_version: 4 },
      });
      expect(noCidr.status).toBe(400);
    });
  });
}
