import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryTargets } from "./compute-inventory-harness.ts";
import type { TestControl } from "./harness.ts";
import { cinder, keys, sample, startVolumeCloud } from "./volume-harness.ts";

const all = await inventoryTargets("volume_api");

describe.each(all)("block storage API: discovery, microversions, extensions, zones ($label)", (target) => {
  let tc: TestControl;
  let admin: string;
  let demo: string;
  let adminProject: string;
  let demoProject: string;
  const asDemo = (method: string, path: string, opts: { body?: unknown; mv?: string } = {}) =>
    cinder(tc, method, path, { ...opts, token: demo, projectId: demoProject });

  beforeAll(async () => {
    ({ tc, admin, demo, adminProject, demoProject } = await startVolumeCloud(target));
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
});
