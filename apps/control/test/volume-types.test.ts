import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryTargets } from "./compute-inventory-harness.ts";
import type { TestControl } from "./harness.ts";
import { cinder, insertVolume, keys, sample, startVolumeCloud } from "./volume-harness.ts";

const all = await inventoryTargets("volume_types");

describe.each(all)("block storage API: volume types, extra specs, access ($label)", (target) => {
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
    ({ tc, admin, demo, adminProject, demoProject } = await startVolumeCloud(target));
  });
  afterAll(async () => {
    await tc?.close();
    await target.drop();
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
      const probe = await asDemo("GET", `/types?extra_specs=${filter}`, { mv: "3.52" });
      expect(probe.body.volume_types.map((x: { name: string }) => x.name)).toContain("__DEFAULT__");
      const before = await asAdmin("GET", `/types?extra_specs=${filter}`, { mv: "3.51" });
      expect(before.body.volume_types.length).toBeGreaterThan(1);
    });
  });
});
