import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reserveVolumeQuota } from "../src/services/volume/quota-reserve.ts";
import { VolumeQuotaService } from "../src/services/volume/quotas.ts";
import { inventoryTargets } from "./compute-inventory-harness.ts";
import type { TestControl } from "./harness.ts";
import { cinder, insertVolume, keys, sample, startVolumeCloud } from "./volume-harness.ts";

const all = await inventoryTargets("volume_quotas");

describe.each(all)("block storage API: quotas and limits ($label)", (target) => {
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
