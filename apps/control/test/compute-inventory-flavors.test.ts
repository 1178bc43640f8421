import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryTargets, nova } from "./compute-inventory-harness.ts";
import { DEMO_PASSWORD, startTestControl, type TestControl } from "./harness.ts";

const targets = () => inventoryTargets("compute_inv_flavors");

const all = await targets();

describe.each(all)("compute inventory: versions and flavors ($label)", (target) => {
  let tc: TestControl;
  let admin: string;
  let demo: string;
  let demoProject: string;

  beforeAll(async () => {
    tc = await startTestControl(target);
    admin = await tc.adminToken();
    demo = await tc.login("demo", DEMO_PASSWORD, { project: "demo" });
    const projects = await tc.api("GET", "/projects?name=demo", { token: admin });
    demoProject = projects.body.projects[0].id;
  });
  afterAll(async () => {
    await tc?.close();
    await target.drop();
  });

  it("serves version discovery without a token", async () => {
    const root = await nova(tc, "GET", "/compute");
    expect(root.status).toBe(200);
    // Both entries, as upstream's versions-get-resp.json.
    expect(root.body.versions.map((v: { id: string }) => v.id)).toEqual(["v2.0", "v2.1"]);
    expect(root.body.versions[0]).toEqual({
      id: "v2.0",
      status: "DEPRECATED",
      version: "",
      min_version: "",
      updated: "2025-07-04T12:00:00Z",
      links: [{ rel: "self", href: `${tc.url}/compute/v2/` }],
    });
    expect(root.body.versions[1]).toMatchObject({
      id: "v2.1",
      status: "CURRENT",
      version: "2.79",
      min_version: "2.1",
      links: [{ rel: "self", href: `${tc.url}/compute/v2.1/` }],
    });
    const v20 = await nova(tc, "GET", "/compute/v2");
    expect(v20.status).toBe(200);
    expect(v20.body.version["media-types"][0].type).toBe("application/vnd.openstack.compute+json;version=2");
    const v21 = await nova(tc, "GET", "/compute/v2.1");
    expect(v21.status).toBe(200);
    expect(v21.body.version.links[0]).toEqual({ rel: "self", href: `${tc.url}/compute/v2.1/` });
    expect(v21.body.version["media-types"][0].type).toContain("compute+json");
  });

  it("lists the compute endpoint in the catalog with /v2.1", async () => {
    const res = await tc.passwordAuth("admin", "admin-secret", { project: "admin" });
    const compute = res.body.token.catalog.find((s: { type: string }) => s.type === "compute");
    expect(compute.name).toBe("nova");
    expect(compute.endpoints[0].url).toBe(`${tc.url}/compute/v2.1`);
  });

  it("rejects bad microversions: 400 malformed, 406 out of range; echoes the version", async () => {
    const bad = await nova(tc, "GET", "/flavors", { token: admin, mv: "two" });
    expect(bad.status).toBe(400);
    expect(bad.body.badRequest.message).toContain("Invalid API version");
    const high = await nova(tc, "GET", "/flavors", { token: admin, mv: "2.80" });
    expect(high.status).toBe(406);
    expect(high.body.notAcceptable.code).toBe(406);
    const ok = await nova(tc, "GET", "/flavors", { token: admin, mv: "latest" });
    expect(ok.headers.get("openstack-api-version")).toBe("compute 2.79");
  });

  it("requires a token (401) and answers unknown paths with a Nova fault", async () => {
    expect((await nova(tc, "GET", "/flavors")).status).toBe(401);
    const missing = await nova(tc, "GET", "/nothing-here", { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body.itemNotFound.code).toBe(404);
  });

  it("seeds the standard flavors, shaped as 2.1", async () => {
    const res = await nova(tc, "GET", "/flavors/detail", { token: demo });
    expect(res.status).toBe(200);
    const names = res.body.flavors.map((f: { name: string }) => f.name);
    expect(names).toEqual(["m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge"]);
    const tiny = res.body.flavors[0];
    expect(tiny).toEqual({
      "OS-FLV-DISABLED:disabled": false,
      disk: 1,
      "OS-FLV-EXT-DATA:ephemeral": 0,
      "os-flavor-access:is_public": true,
      id: "1",
      links: [
        { rel: "self", href: `${tc.url}/compute/v2.1/flavors/1` },
        { rel: "bookmark", href: `${tc.url}/compute/flavors/1` },
      ],
      name: "m1.tiny",
      ram: 512,
      swap: "",
      vcpus: 1,
      rxtx_factor: 1,
    });
    const summary = await nova(tc, "GET", "/flavors", { token: demo });
    expect(Object.keys(summary.body.flavors[0]).sort()).toEqual(["id", "links", "name"]);
  });

  it("shapes flavors at the highest microversion (description, extra_specs, numeric swap)", async () => {
    const res = await nova(tc, "GET", "/flavors/2", { token: demo, mv: "2.79" });
    expect(res.body.flavor).toMatchObject({ id: "2", swap: 0, description: null, extra_specs: {} });
    const list = await nova(tc, "GET", "/flavors", { token: demo, mv: "2.79" });
    expect(list.body.flavors[0]).toHaveProperty("description", null);
  });

  it("filters, sorts and pages flavors", async () => {
    const big = await nova(tc, "GET", "/flavors?minRam=4096&minDisk=50", { token: demo });
    expect(big.body.flavors.map((f: { id: string }) => f.id)).toEqual(["4", "5"]);
    const sorted = await nova(tc, "GET", "/flavors?sort_key=memory_mb&sort_dir=desc", { token: demo });
    expect(sorted.body.flavors[0].id).toBe("5");
    const page = await nova(tc, "GET", "/flavors?limit=2", { token: demo });
    expect(page.body.flavors).toHaveLength(2);
    const next = page.body.flavors_links[0];
    expect(next.rel).toBe("next");
    expect(next.href).toBe(`${tc.url}/compute/v2.1/flavors?limit=2&marker=2`);
    const page2 = await nova(tc, "GET", "/flavors?limit=2&marker=2", { token: demo });
    expect(page2.body.flavors.map((f: { id: string }) => f.id)).toEqual(["3", "4"]);
    const last = await nova(tc, "GET", "/flavors?limit=10&marker=4", { token: demo });
    expect(last.body.flavors_links).toBeUndefined();
    expect((await nova(tc, "GET", "/flavors?marker=nope", { token: demo })).status).toBe(400);
    const badRam = await nova(tc, "GET", "/flavors?minRam=lots", { token: demo });
    expect(badRam.status).toBe(400);
    expect(badRam.body.badRequest.message).toContain("minRam");
    expect((await nova(tc, "GET", "/flavors?sort_key=colour", { token: demo })).status).toBe(400);
    expect((await nova(tc, "GET", "/flavors?is_public=maybe", { token: admin })).status).toBe(400);
  });

  it("creates flavors as admin only, with id null → uuid, and 409 on duplicates", async () => {
    const body = {
      flavor: {
        name: "f1",
        ram: 256,
        vcpus: 1,
        disk: 1,
        id: null,
        swap: 0,
        rxtx_factor: 1.0,
        "OS-FLV-EXT-DATA:ephemeral": 0,
        "os-flavor-access:is_public": true,
      },
    };
    const denied = await nova(tc, "POST", "/flavors", { token: demo, body, mv: "2.61" });
    expect(denied.status).toBe(403);
    expect(denied.body.forbidden.message).toContain("os_compute_api:os-flavor-manage:create");
    const created = await nova(tc, "POST", "/flavors", { token: admin, body, mv: "2.61" });
    expect(created.status).toBe(200);
    expect(created.body.flavor.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.flavor).toMatchObject({ name: "f1", ram: 256, extra_specs: {}, description: null });
    const dupName = await nova(tc, "POST", "/flavors", { token: admin, body, mv: "2.61" });
    expect(dupName.status).toBe(409);
    expect(dupName.body.conflictingRequest.message).toBe("Flavor with name f1 already exists.");
    const dupId = await nova(tc, "POST", "/flavors", {
      token: admin,
      body: { flavor: { name: "other", ram: 1, vcpus: 1, disk: 0, id: "1" } },
    });
    expect(dupId.status).toBe(409);
    expect(dupId.body.conflictingRequest.message).toBe("Flavor with ID 1 already exists.");
    const del = await nova(tc, "DELETE", `/flavors/${created.body.flavor.id}`, { token: admin });
    expect(del.status).toBe(202);
    expect((await nova(tc, "GET", `/flavors/${created.body.flavor.id}`, { token: admin })).status).toBe(404);
    expect((await nova(tc, "DELETE", "/flavors/nope", { token: admin })).status).toBe(404);
  });

  it("validates flavor bodies: 400 naming the field", async () => {
    const cases: Array<[unknown, string]> = [
      [{ flavor: { name: "x", ram: "lots", vcpus: 1, disk: 1 } }, "ram"],
      [{ flavor: { name: "x", ram: 0, vcpus: 1, disk: 1 } }, "ram"],
      [{ flavor: { name: "", ram: 1, vcpus: 1, disk: 1 } }, "name"],
      [{ flavor: { name: "x", ram: 1, vcpus: 1, disk: -1 } }, "disk"],
      [{ flavor: { name: "x", ram: 1, vcpus: 1, disk: 1, id: "bad/id" } }, "id"],
      [{ flavor: { name: "x", ram: 1, vcpus: 1, disk: 1, description: "no" } }, "description"],
    ];
    for (const [body, field] of cases) {
      const res = await nova(tc, "POST", "/flavors", { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.badRequest.message).toContain(field);
    }
    // Nova accepts digit strings for integers, and descriptions from 2.55.
    const ok = await nova(tc, "POST", "/flavors", {
      token: admin,
      mv: "2.55",
      body: { flavor: { name: "strings", ram: "128", vcpus: "1", disk: "0", id: 77, description: "d" } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.flavor).toMatchObject({ id: "77", ram: 128, description: "d" });
    const upd = await nova(tc, "PUT", "/flavors/77", {
      token: admin,
      mv: "2.55",
      body: { flavor: { description: "new" } },
    });
    expect(upd.body.flavor.description).toBe("new");
    expect(
      (await nova(tc, "PUT", "/flavors/77", { token: admin, body: { flavor: { description: "x" } } })).status,
    ).toBe(404);
  });

  it("manages extra specs (admin writes, anyone reads)", async () => {
    const set = await nova(tc, "POST", "/flavors/1/os-extra_specs", {
      token: admin,
      body: { extra_specs: { "hw:cpu_policy": "shared", "hw:numa_nodes": 1 } },
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ extra_specs: { "hw:cpu_policy": "shared", "hw:numa_nodes": "1" } });
    const list = await nova(tc, "GET", "/flavors/1/os-extra_specs", { token: demo });
    expect(list.body.extra_specs).toEqual({ "hw:cpu_policy": "shared", "hw:numa_nodes": "1" });
    const one = await nova(tc, "GET", "/flavors/1/os-extra_specs/hw:numa_nodes", { token: demo });
    expect(one.body).toEqual({ "hw:numa_nodes": "1" });
    const put = await nova(tc, "PUT", "/flavors/1/os-extra_specs/hw:numa_nodes", {
      token: admin,
      body: { "hw:numa_nodes": "2" },
    });
    expect(put.body).toEqual({ "hw:numa_nodes": "2" });
    const mismatch = await nova(tc, "PUT", "/flavors/1/os-extra_specs/hw:numa_nodes", {
      token: admin,
      body: { other: "2" },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.badRequest.message).toBe("Request body and URI mismatch");
    expect(
      (
        await nova(tc, "POST", "/flavors/1/os-extra_specs", {
          token: demo,
          body: { extra_specs: { a: "b" } },
        })
      ).status,
    ).toBe(403);
    const shown = await nova(tc, "GET", "/flavors/1", { token: demo, mv: "2.61" });
    expect(shown.body.flavor.extra_specs).toEqual({ "hw:cpu_policy": "shared", "hw:numa_nodes": "2" });
    expect(
      (await nova(tc, "DELETE", "/flavors/1/os-extra_specs/hw:numa_nodes", { token: admin })).status,
    ).toBe(200);
    const gone = await nova(tc, "GET", "/flavors/1/os-extra_specs/hw:numa_nodes", { token: demo });
    expect(gone.status).toBe(404);
    expect(gone.body.itemNotFound.message).toBe("Flavor 1 has no extra specs with key hw:numa_nodes.");
  });

  it("hides private flavors from projects without access", async () => {
    const created = await nova(tc, "POST", "/flavors", {
      token: admin,
      body: {
        flavor: { name: "secret", ram: 64, vcpus: 1, disk: 0, id: "p1", "os-flavor-access:is_public": false },
      },
    });
    expect(created.body.flavor["os-flavor-access:is_public"]).toBe(false);
    expect((await nova(tc, "GET", "/flavors/p1", { token: demo })).status).toBe(404);
    const demoList = await nova(tc, "GET", "/flavors?is_public=None", { token: demo });
    expect(demoList.body.flavors.map((f: { id: string }) => f.id)).not.toContain("p1");
    const adminAll = await nova(tc, "GET", "/flavors/detail?is_public=None", { token: admin });
    expect(adminAll.body.flavors.map((f: { id: string }) => f.id)).toContain("p1");
    const adminPrivate = await nova(tc, "GET", "/flavors?is_public=false", { token: admin });
    expect(adminPrivate.body.flavors.map((f: { id: string }) => f.id)).toEqual(["p1"]);

    const add = await nova(tc, "POST", "/flavors/p1/action", {
      token: admin,
      body: { addTenantAccess: { tenant: demoProject } },
    });
    expect(add.status).toBe(200);
    expect(add.body).toEqual({ flavor_access: [{ flavor_id: "p1", tenant_id: demoProject }] });
    expect((await nova(tc, "GET", "/flavors/p1", { token: demo })).status).toBe(200);
    const demoNow = await nova(tc, "GET", "/flavors", { token: demo });
    expect(demoNow.body.flavors.map((f: { id: string }) => f.id)).toContain("p1");
    const again = await nova(tc, "POST", "/flavors/p1/action", {
      token: admin,
      body: { addTenantAccess: { tenant: demoProject } },
    });
    expect(again.status).toBe(409);
    const badProject = await nova(tc, "POST", "/flavors/p1/action", {
      token: admin,
      body: { addTenantAccess: { tenant: "no-such-project" } },
    });
    expect(badProject.status).toBe(400);
    const list = await nova(tc, "GET", "/flavors/p1/os-flavor-access", { token: admin });
    expect(list.body.flavor_access).toEqual([{ flavor_id: "p1", tenant_id: demoProject }]);
    expect((await nova(tc, "GET", "/flavors/p1/os-flavor-access", { token: demo })).status).toBe(403);
    expect((await nova(tc, "GET", "/flavors/1/os-flavor-access", { token: admin })).status).toBe(404);
    const publicAdd = await nova(tc, "POST", "/flavors/1/action", {
      token: admin,
      body: { addTenantAccess: { tenant: demoProject } },
    });
    expect(publicAdd.status).toBe(409);
    const remove = await nova(tc, "POST", "/flavors/p1/action", {
      token: admin,
      body: { removeTenantAccess: { tenant: demoProject } },
    });
    expect(remove.body).toEqual({ flavor_access: [] });
    expect((await nova(tc, "GET", "/flavors/p1", { token: demo })).status).toBe(404);
    const unknown = await nova(tc, "POST", "/flavors/p1/action", { token: admin, body: { resize: {} } });
    expect(unknown.status).toBe(400);
  });

  it("answers malformed JSON with a Nova 400", async () => {
    const res = await fetch(`${tc.url}/compute/v2.1/flavors`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-auth-token": admin },
      body: "{nope",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { badRequest: { code: number } }).badRequest.code).toBe(400);
  });
});
