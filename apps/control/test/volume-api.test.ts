import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reserveVolumeQuota } from "../src/services/volume/quota-reserve.ts";
import { VolumeQuotaService } from "../src/services/volume/quotas.ts";
import { inventoryTargets } from "./compute-inventory-harness.ts";
import { DEMO_PASSWORD, startTestControl, type TestControl } from "./harness.ts";
import { cinder, insertVolume } from "./volume-harness.ts";

const SAMPLES = "/work/shared/reference/cinder/v3/samples";
// biome-ignore lint/suspicious/noExplicitAny: reference samples are arbitrary JSON.
function sample(name: string): any {
  return JSON.parse(readFileSync(`${SAMPLES}/${name}`, "utf8"));
}
function keys(o: object): string[] {
  return Object.keys(o).sort();
}

const all = await inventoryTargets("volume_api");

describe.each(all)("block storage API: discovery, types, zones, quotas, limits ($label)", (target) => {
  let tc: TestControl;
  let admin: string;
  let demo: string;
  let adminProject: string;
  let demoProject: string;
  const asAdmin = (method: string, path: string, opts: { body?: unknown; mv?: string } = {}) =>
    cinder(tc, method, path, { ...opts, token: admin, projectId: adminProject });
  const asDemo = (method: string, path: string, opts: { body?: unknown; mv?: string } = {}) =>
    cinder(tc, method, path, { ...opts, token: demo, projectId: demoProject });

  beforeAll(async () => {
    tc = await startTestControl(target);
    admin = await tc.adminToken();
    demo = await tc.login("demo", DEMO_PASSWORD, { project: "demo" });
    demoProject = (await tc.api("GET", "/projects?name=demo", { token: admin })).body.projects[0].id;
    adminProject = (await tc.api("GET", "/projects?name=admin", { token: admin })).body.projects[0].id;
  });
  afterAll(async () => {
    await tc?.close();
    await target.drop();
  });

  describe("serving", () => {
    it("answers version discovery without a token, as Cinder's documents", async () => {
      const root = await cinder(tc, "GET", "/volume");
      expect(root.status).toBe(300);
      const [v3] = root.body.versions;
      expect(keys(v3)).toEqual(keys(sample("versions/versions-response.json").versions[0]));
      expect(v3).toMatchObject({ id: "v3.0", status: "CURRENT", min_version: "3.0", version: "3.60" });
      expect(v3.links).toContainEqual({ rel: "self", href: `${tc.url}/volume/v3/` });
      const v3doc = await cinder(tc, "GET", "/volume/v3/");
      expect(v3doc.status).toBe(200);
      expect(v3doc.body.versions[0].id).toBe("v3.0");
    });

    it("lists itself in the catalog as volumev3 and block-storage, with the token's project in the URL", async () => {
      const res = await tc.api("GET", "/auth/catalog", { token: demo });
      for (const type of ["volumev3", "block-storage"]) {
        // biome-ignore lint/suspicious/noExplicitAny: catalog JSON.
        const service = res.body.catalog.find((s: any) => s.type === type);
        expect(service, type).toBeDefined();
        // biome-ignore lint/suspicious/noExplicitAny: catalog JSON.
        const pub = service.endpoints.find((e: any) => e.interface === "public");
        expect(pub.url).toBe(`${tc.url}/volume/v3/${demoProject}`);
      }
    });

    it("negotiates microversions: 3.0 by default, echoed; 406 outside 3.0–3.60; 400 when malformed", async () => {
      const plain = await asDemo("GET", "/types");
      expect(plain.status).toBe(200);
      expect(plain.headers.get("openstack-api-version")).toBe("volume 3.0");
      const mid = await asDemo("GET", "/types", { mv: "3.27" });
      expect(mid.headers.get("openstack-api-version")).toBe("volume 3.27");
      const latest = await asDemo("GET", "/types", { mv: "latest" });
      expect(latest.headers.get("openstack-api-version")).toBe("volume 3.60");
      const other = await cinder(tc, "GET", "/types", {
        token: demo,
        projectId: demoProject,
        headers: { "openstack-api-version": "compute 2.90" },
      });
      expect(other.headers.get("openstack-api-version")).toBe("volume 3.0");
      for (const mv of ["3.61", "2.0", "4.0"]) {
        const res = await asDemo("GET", "/types", { mv });
        expect(res.status, mv).toBe(406);
        expect(res.body.notAcceptable.message).toContain("Minimum is 3.0 and maximum is 3.60");
      }
      const bad = await asDemo("GET", "/types", { mv: "3.x" });
      expect(bad.status).toBe(400);
      expect(bad.body.badRequest.message).toContain("is of invalid format");
    });

    it("checks the URL's project against the token (Cinder's 400), and the token itself", async () => {
      const other = await cinder(tc, "GET", "/types", { token: demo, projectId: adminProject });
      expect(other.status).toBe(400);
      expect(other.body).toEqual({ badRequest: { code: 400, message: "Malformed request url" } });
      const adminElsewhere = await cinder(tc, "GET", "/types", { token: admin, projectId: demoProject });
      expect(adminElsewhere.status).toBe(400);
      const none = await cinder(tc, "GET", "/types", { projectId: demoProject });
      expect(none.status).toBe(401);
      const noneBadVersion = await cinder(tc, "GET", "/types", { projectId: demoProject, mv: "9.9" });
      expect(noneBadVersion.status).toBe(401);
      const unknown = await asDemo("GET", "/nothing-here");
      expect(unknown.status).toBe(404);
      expect(unknown.body.itemNotFound.code).toBe(404);
    });
  });

  it("lists the extensions it serves, shaped as upstream's", async () => {
    const res = await asDemo("GET", "/extensions");
    expect(res.status).toBe(200);
    const want = sample("extensions/extensions-list-response.json").extensions;
    // biome-ignore lint/suspicious/noExplicitAny: API JSON.
    const aliases = res.body.extensions.map((e: any) => e.alias);
    expect(aliases).toEqual(
      expect.arrayContaining(["os-types-manage", "os-quota-sets", "os-availability-zone"]),
    );
    for (const ext of res.body.extensions) {
      // biome-ignore lint/suspicious/noExplicitAny: sample JSON.
      expect(ext).toEqual(want.find((w: any) => w.alias === ext.alias));
    }
  });

  describe("volume types", () => {
    it("has __DEFAULT__ from bootstrap, shaped as the samples, and GET /types/default", async () => {
      const list = await asDemo("GET", "/types");
      expect(list.status).toBe(200);
      // biome-ignore lint/suspicious/noExplicitAny: API JSON.
      const dflt = list.body.volume_types.find((t: any) => t.name === "__DEFAULT__");
      const want = sample("volume_type/volume-types-list-response.json").volume_types[2];
      expect(keys(dflt)).toEqual(keys(want));
      expect(dflt).toMatchObject({ description: "Default Volume Type", is_public: true, extra_specs: {} });
      const shown = await asDemo("GET", "/types/default");
      expect(shown.status).toBe(200);
      expect(shown.body.volume_type.id).toBe(dflt.id);
      expect(keys(shown.body.volume_type)).toEqual(
        keys(sample("volume_type/volume-type-show-response.json").volume_type),
      );
    });

    it("lets admins create, update and delete; members get Cinder's 403", async () => {
      const req = sample("volume_type/volume-type-create-request.json");
      const created = await asAdmin("POST", "/types", { body: req });
      expect(created.status).toBe(200);
      const want = sample("volume_type/volume-type-create-response.json").volume_type;
      expect(created.body.volume_type).toMatchObject({ ...want, id: created.body.volume_type.id });
      const id = created.body.volume_type.id;

      const dup = await asAdmin("POST", "/types", { body: req });
      expect(dup.status).toBe(409);
      expect(dup.body.conflictingRequest.message).toBe("Volume Type vol-type-001 already exists.");

      const denied = await asDemo("POST", "/types", { body: { volume_type: { name: "mine" } } });
      expect(denied.status).toBe(403);
      expect(denied.body).toEqual({
        forbidden: {
          code: 403,
          message: "Policy doesn't allow volume_extension:type_create to be performed.",
        },
      });
      expect((await asDemo("PUT", `/types/${id}`, { body: { volume_type: { name: "x" } } })).status).toBe(
        403,
      );
      expect((await asDemo("DELETE", `/types/${id}`)).status).toBe(403);

      const updated = await asAdmin("PUT", `/types/${id}`, {
        body: { volume_type: { name: "vol-type-renamed", description: "changed" } },
      });
      expect(updated.status).toBe(200);
      expect(updated.body.volume_type).toMatchObject({ name: "vol-type-renamed", description: "changed" });
      const empty = await asAdmin("PUT", `/types/${id}`, { body: { volume_type: {} } });
      expect(empty.status).toBe(400);

      expect((await asAdmin("DELETE", `/types/${id}`)).status).toBe(202);
      const gone = await asAdmin("GET", `/types/${id}`);
      expect(gone.status).toBe(404);
      expect(gone.body.itemNotFound.message).toBe(`Volume type ${id} could not be found.`);
    });

    it("refuses bad input with Cinder's fault body", async () => {
      const bodies = [
        { volume_type: { name: "" } },
        { volume_type: { name: "x".repeat(256) } },
        { volume_type: { name: "ok", "os-volume-type-access:is_public": "maybe" } },
        { volume_type: { name: "ok", extra_specs: { k: "v".repeat(256) } } },
        { volume_type: { name: "ok", extra_specs: { k: 1 } } },
        { volume_type: "ok" },
        {},
      ];
      for (const body of bodies) {
        const res = await asAdmin("POST", "/types", { body });
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.body.badRequest.code).toBe(400);
      }
      const specs = Object.fromEntries(Array.from({ length: 129 }, (_, i) => [`k${i}`, "v"]));
      const many = await asAdmin("POST", "/types", {
        body: { volume_type: { name: "many", extra_specs: specs } },
      });
      expect(many.status).toBe(400);
    });

    it("keeps the default type: no deletion, no renaming", async () => {
      const dflt = (await asAdmin("GET", "/types/default")).body.volume_type;
      const del = await asAdmin("DELETE", `/types/${dflt.id}`);
      expect(del.status).toBe(400);
      expect(del.body.badRequest.message).toContain("is a default volume type and cannot be deleted");
      const rename = await asAdmin("PUT", `/types/${dflt.id}`, { body: { volume_type: { name: "other" } } });
      expect(rename.status).toBe(400);
    });

    it("refuses to delete a type live volumes use, not one only deleted volumes used", async () => {
      const t = (await asAdmin("POST", "/types", { body: { volume_type: { name: "in-use" } } })).body
        .volume_type;
      const vol = await insertVolume(tc, { projectId: demoProject, volumeTypeId: t.id, sizeGb: 1 });
      const refused = await asAdmin("DELETE", `/types/${t.id}`);
      expect(refused.status).toBe(400);
      expect(refused.body.badRequest.message).toContain("deletion is not allowed with volumes present");
      await tc.running.db.prisma.volume.update({ where: { id: vol }, data: { deletedAt: new Date() } });
      expect((await asAdmin("DELETE", `/types/${t.id}`)).status).toBe(202);
    });

    it("hides private types from projects without access; access is granted and revoked by admins", async () => {
      const t = (
        await asAdmin("POST", "/types", {
          body: { volume_type: { name: "private-gold", "os-volume-type-access:is_public": false } },
        })
      ).body.volume_type;
      expect(t.is_public).toBe(false);
      // biome-ignore lint/suspicious/noExplicitAny: API JSON.
      const names = async (res: Promise<any>) => (await res).body.volume_types.map((x: any) => x.name);

      expect(await names(asDemo("GET", "/types"))).not.toContain("private-gold");
      expect(await names(asDemo("GET", "/types?is_public=None"))).not.toContain("private-gold");
      expect((await asDemo("GET", `/types/${t.id}`)).status).toBe(404);
      expect((await asDemo("GET", `/types/${t.id}/extra_specs`)).status).toBe(404);
      // Admins: public ones by default, all with is_public=None (what OSC sends), private ones alone with false.
      expect(await names(asAdmin("GET", "/types"))).not.toContain("private-gold");
      expect(await names(asAdmin("GET", "/types?is_public=None"))).toEqual(
        expect.arrayContaining(["private-gold", "__DEFAULT__"]),
      );
      expect(await names(asAdmin("GET", "/types?is_public=false"))).toEqual(["private-gold"]);

      const add = { addProjectAccess: { project: demoProject } };
      // Policy first, as Cinder: a member is refused before the type is looked up.
      expect((await asDemo("POST", `/types/${t.id}/action`, { body: add })).status).toBe(403);
      expect((await asAdmin("POST", `/types/${t.id}/action`, { body: add })).status).toBe(202);
      const again = await asAdmin("POST", `/types/${t.id}/action`, { body: add });
      expect(again.status).toBe(409);
      const access = await asAdmin("GET", `/types/${t.id}/os-volume-type-access`);
      expect(access.body).toEqual({
        volume_type_access: [{ project_id: demoProject, volume_type_id: t.id }],
      });
      expect(keys(access.body.volume_type_access[0])).toEqual(
        keys(sample("volume_type/volume-type-access-list-response.json").volume_type_access[0]),
      );
      expect((await asDemo("GET", `/types/${t.id}/os-volume-type-access`)).status).toBe(403);

      expect(await names(asDemo("GET", "/types"))).toContain("private-gold");
      expect((await asDemo("GET", `/types/${t.id}`)).status).toBe(200);

      const bogus = await asAdmin("POST", `/types/${t.id}/action`, {
        body: { addProjectAccess: { project: "no-such-project" } },
      });
      expect(bogus.status).toBe(400);
      const remove = { removeProjectAccess: { project: demoProject } };
      expect((await asAdmin("POST", `/types/${t.id}/action`, { body: remove })).status).toBe(202);
      expect((await asAdmin("POST", `/types/${t.id}/action`, { body: remove })).status).toBe(404);
      expect((await asDemo("GET", `/types/${t.id}`)).status).toBe(404);

      const dflt = (await asAdmin("GET", "/types/default")).body.volume_type;
      const onPublic = await asAdmin("POST", `/types/${dflt.id}/action`, { body: add });
      expect(onPublic.status).toBe(400);
      expect((await asAdmin("GET", `/types/${dflt.id}/os-volume-type-access`)).status).toBe(404);
      const unknownAction = await asAdmin("POST", `/types/${t.id}/action`, { body: { os_reset: {} } });
      expect(unknownAction.status).toBe(400);
    });

    it("serves extra specs: admins write, members read only the user-visible keys; 3.52 filters by them", async () => {
      const t = (
        await asAdmin("POST", "/types", {
          body: { volume_type: { name: "specs", extra_specs: { volume_backend_name: "qemu" } } },
        })
      ).body.volume_type;
      const base = `/types/${t.id}/extra_specs`;
      const set = await asAdmin("POST", base, {
        body: { extra_specs: { multiattach: "<is> True", tier: "gold" } },
      });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ extra_specs: { multiattach: "<is> True", tier: "gold" } });
      expect((await asAdmin("GET", base)).body.extra_specs).toEqual({
        volume_backend_name: "qemu",
        multiattach: "<is> True",
        tier: "gold",
      });
      expect((await asDemo("GET", base)).body.extra_specs).toEqual({ multiattach: "<is> True" });
      expect((await asDemo("GET", `${base}/tier`)).status).toBe(404);
      expect((await asDemo("POST", base, { body: { extra_specs: { a: "b" } } })).status).toBe(403);

      expect((await asAdmin("GET", `${base}/tier`)).body).toEqual({ tier: "gold" });
      const put = await asAdmin("PUT", `${base}/tier`, { body: { tier: "silver" } });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ tier: "silver" });
      expect((await asAdmin("PUT", `${base}/tier`, { body: { other: "x" } })).status).toBe(400);
      expect((await asAdmin("PUT", `${base}/tier`, { body: { tier: "x", b: "y" } })).status).toBe(400);
      expect((await asAdmin("DELETE", `${base}/tier`)).status).toBe(202);
      const missing = await asAdmin("DELETE", `${base}/tier`);
      expect(missing.status).toBe(404);
      expect(missing.body.itemNotFound.message).toBe(`Volume Type ${t.id} has no extra specs with key tier.`);

      const filter = encodeURIComponent(JSON.stringify({ volume_backend_name: "qemu" }));
      const filteredRes = await asAdmin("GET", `/types?extra_specs=${filter}`, { mv: "3.52" });
      const filtered = filteredRes.body.volume_types.map((x: { name: string }) => x.name);
      expect(filtered).toEqual(["specs"]);
      const before = await asAdmin("GET", `/types?extra_specs=${filter}`, { mv: "3.51" });
      expect(before.body.volume_types.length).toBeGreaterThan(1);
    });
  });

  describe("availability zones", () => {
    it("lists the default zone, available once a live volume host is in it", async () => {
      const before = await asDemo("GET", "/os-availability-zone");
      expect(before.status).toBe(200);
      expect(before.body).toEqual({
        availabilityZoneInfo: [{ zoneName: "nova", zoneState: { available: false } }],
      });
      expect(keys(before.body.availabilityZoneInfo[0])).toEqual(
        keys(sample("availability-zone-list-response.json").availabilityZoneInfo[0]),
      );
      await tc.running.db.prisma.volumeHost.create({
        data: { id: "vh-1", host: "storage-1", lastHeartbeat: new Date() },
      });
      const after = await asDemo("GET", "/os-availability-zone");
      expect(after.body.availabilityZoneInfo).toEqual([{ zoneName: "nova", zoneState: { available: true } }]);
      await tc.running.db.prisma.volumeHost.delete({ where: { id: "vh-1" } });
    });
  });

  describe("quotas and limits", () => {
    it("shows a project's quotas with every resource and per-type key, as the samples", async () => {
      const res = await asDemo("GET", `/os-quota-sets/${demoProject}`);
      expect(res.status).toBe(200);
      const q = res.body.quota_set;
      const want = sample("quota_sets/quotas-show-response.json").quota_set;
      for (const [key, value] of Object.entries(want)) {
        if (key === "id") expect(q.id).toBe(demoProject);
        else expect(q[key], key).toBe(value);
      }
      const types = (await asAdmin("GET", "/types?is_public=None")).body.volume_types;
      for (const t of types) expect(q[`volumes_${t.name}`], t.name).toBe(-1);

      const usage = await asDemo("GET", `/os-quota-sets/${demoProject}?usage=True`);
      expect(usage.body.quota_set.volumes).toEqual({ limit: 10, in_use: 0, reserved: 0 });
      expect(keys(usage.body.quota_set.gigabytes)).toEqual(
        keys(sample("quota_sets/quotas-show-usage-response.json").quota_set.gigabytes),
      );
      const defaults = await asDemo("GET", `/os-quota-sets/${demoProject}/defaults`);
      expect(defaults.body.quota_set.gigabytes).toBe(1000);
    });

    it("keeps one project's quotas from another's members", async () => {
      const res = await asDemo("GET", `/os-quota-sets/${adminProject}`);
      expect(res.status).toBe(403);
      expect(res.body.forbidden.message).toBe(
        "Policy doesn't allow volume_extension:quotas:show to be performed.",
      );
      expect((await asDemo("GET", `/os-quota-sets/${adminProject}?usage=True`)).status).toBe(403);
      expect((await asAdmin("GET", `/os-quota-sets/${demoProject}`)).status).toBe(200);
    });

    it("lets admins update quotas (OSC's tenant_id body, per-type keys), refusing bad keys and values", async () => {
      const t = (await asAdmin("POST", "/types", { body: { volume_type: { name: "fast" } } })).body
        .volume_type;
      const res = await asAdmin("PUT", `/os-quota-sets/${demoProject}`, {
        body: { quota_set: { tenant_id: demoProject, volumes: 5, gigabytes: "50", volumes_fast: 2 } },
      });
      expect(res.status).toBe(200);
      expect(res.body.quota_set).toMatchObject({ volumes: 5, gigabytes: 50, volumes_fast: 2, snapshots: 10 });
      expect(res.body.quota_set.id).toBeUndefined();
      const shown = (await asDemo("GET", `/os-quota-sets/${demoProject}`)).body.quota_set;
      expect(shown).toMatchObject({ volumes: 5, gigabytes: 50, volumes_fast: 2 });

      const denied = await asDemo("PUT", `/os-quota-sets/${demoProject}`, {
        body: { quota_set: { volumes: 50 } },
      });
      expect(denied.status).toBe(403);
      const badKey = await asAdmin("PUT", `/os-quota-sets/${demoProject}`, {
        body: { quota_set: { volumes: 1, cores: 4, volumes_nosuchtype: 1 } },
      });
      expect(badKey.status).toBe(400);
      expect(badKey.body.badRequest.message).toBe("Bad key(s) in quota set: cores, volumes_nosuchtype");
      for (const value of [-2, "ten", 1.5, 2_147_483_648]) {
        const bad = await asAdmin("PUT", `/os-quota-sets/${demoProject}`, {
          body: { quota_set: { volumes: value } },
        });
        expect(bad.status, String(value)).toBe(400);
      }
      const noProject = await asAdmin("PUT", "/os-quota-sets/no-such-project", {
        body: { quota_set: { volumes: 1 } },
      });
      expect(noProject.status).toBe(400);

      // Renaming the type carries its quota along.
      await asAdmin("PUT", `/types/${t.id}`, { body: { volume_type: { name: "faster" } } });
      const renamed = (await asDemo("GET", `/os-quota-sets/${demoProject}`)).body.quota_set;
      expect(renamed.volumes_faster).toBe(2);
      expect(renamed.volumes_fast).toBeUndefined();

      expect((await asAdmin("DELETE", `/os-quota-sets/${demoProject}`)).status).toBe(200);
      expect((await asDemo("GET", `/os-quota-sets/${demoProject}`)).body.quota_set.volumes).toBe(10);
      await asAdmin("DELETE", `/types/${t.id}`);
    });

    it("counts usage from live volume rows, in quotas and limits, and refuses limits below it", async () => {
      const dflt = (await asAdmin("GET", "/types/default")).body.volume_type;
      await insertVolume(tc, { projectId: demoProject, volumeTypeId: dflt.id, sizeGb: 3 });
      await insertVolume(tc, { projectId: demoProject, volumeTypeId: dflt.id, sizeGb: 4 });
      await insertVolume(tc, { projectId: demoProject, volumeTypeId: dflt.id, sizeGb: 100, deleted: true });

      const usage = (await asDemo("GET", `/os-quota-sets/${demoProject}?usage=true`)).body.quota_set;
      expect(usage.volumes.in_use).toBe(2);
      expect(usage.gigabytes.in_use).toBe(7);
      expect(usage.volumes___DEFAULT__.in_use).toBe(2);
      expect(usage.gigabytes___DEFAULT__.in_use).toBe(7);

      const limits = await asDemo("GET", "/limits");
      expect(limits.status).toBe(200);
      expect(keys(limits.body.limits.absolute)).toEqual(
        keys(sample("limits/limits-show-response.json").limits.absolute),
      );
      expect(limits.body.limits).toMatchObject({
        rate: [],
        absolute: {
          totalVolumesUsed: 2,
          totalGigabytesUsed: 7,
          maxTotalVolumes: 10,
          maxTotalVolumeGigabytes: 1000,
        },
      });

      const below = await asAdmin("PUT", `/os-quota-sets/${demoProject}`, {
        body: { quota_set: { volumes: 1 } },
      });
      expect(below.status).toBe(400);
      expect(below.body.badRequest.message).toContain("Current usage is 2 and the requested limit is 1");
    });

    it("tells live views of a volume change in its project (change notices)", async () => {
      const first = await tc.request("GET", "/zenith/v1/changes", { token: demo });
      const cursor = `epoch=${first.body.epoch}&after=${first.body.latest}`;
      const waiting = tc.request("GET", `/zenith/v1/changes?${cursor}&wait=20`, { token: demo });
      const dflt = (await asAdmin("GET", "/types/default")).body.volume_type;
      await insertVolume(tc, { projectId: demoProject, volumeTypeId: dflt.id, sizeGb: 1, deleted: true });
      const batch = (await waiting).body;
      expect(batch.changes).toContainEqual({ table: "volume", project_id: demoProject });
    });

    it("serves another project's limits from 3.39 to those who may read its quotas", async () => {
      const own = await asAdmin("GET", `/limits?project_id=${demoProject}`, { mv: "3.38" });
      expect(own.body.limits.absolute.totalVolumesUsed).toBe(0);
      const other = await asAdmin("GET", `/limits?project_id=${demoProject}`, { mv: "3.39" });
      expect(other.body.limits.absolute.totalVolumesUsed).toBe(2);
      const denied = await asDemo("GET", `/limits?project_id=${adminProject}`, { mv: "3.39" });
      expect(denied.status).toBe(403);
    });

    it("reserves quota for the volume service: checks every limit a create touches, then writes", async () => {
      const prisma = tc.running.db.prisma;
      const quotas = new VolumeQuotaService(prisma);
      const dflt = (await asAdmin("GET", "/types/default")).body.volume_type;
      const project = adminProject;
      const set = (quota_set: Record<string, number>) =>
        asAdmin("PUT", `/os-quota-sets/${project}`, { body: { quota_set } });
      const create = (sizeGb: number) =>
        reserveVolumeQuota(
          prisma,
          quotas,
          project,
          { typeName: "__DEFAULT__", volumes: 1, gigabytes: sizeGb, volumeSizeGb: sizeGb },
          (tx) =>
            // Written through the transaction: the rows consume the quota the lock guards.
            tx.volume.create({
              data: { id: randomUUID(), projectId: project, userId: "u", sizeGb, volumeTypeId: dflt.id },
            }),
        );
      await set({ volumes: 2, gigabytes: 10, per_volume_gigabytes: 6, volumes___DEFAULT__: -1 });
      await create(5);
      await expect(create(7)).rejects.toMatchObject({
        status: 413,
        message: "Requested volume size 7G is larger than maximum allowed limit 6G.",
      });
      await expect(create(6)).rejects.toMatchObject({
        status: 413,
        message:
          "Requested volume or snapshot exceeds allowed gigabytes quota. Requested 6G, quota is 10G and 5G has been consumed.",
      });
      await set({ volumes___DEFAULT__: 1 });
      await expect(create(1)).rejects.toMatchObject({
        message: "Maximum number of volumes allowed (1) exceeded for quota 'volumes___DEFAULT__'.",
      });
      await set({ volumes___DEFAULT__: -1 });
      // Two racing creates that each fit alone: the lock lets exactly one through.
      const race = await Promise.allSettled([create(2), create(2)]);
      expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const usage = (await asAdmin("GET", `/os-quota-sets/${project}?usage=True`)).body.quota_set;
      expect(usage.volumes).toEqual({ limit: 2, in_use: 2, reserved: 0 });
    });
  });
});
