import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventoryTargets, nova } from "./compute-inventory-harness.ts";
import { DEMO_PASSWORD, startTestControl, type TestControl } from "./harness.ts";
import { instanceRow, TINY_FLAVOR } from "./instance-rows.ts";

const targets = () => inventoryTargets("compute_inv_quotas");

const TINY = TINY_FLAVOR;
const SMALL = {
  id: "2",
  name: "m1.small",
  vcpus: 1,
  ram: 2048,
  disk: 20,
  ephemeral: 0,
  swap: 0,
  extra_specs: {},
};

const all = await targets();

describe.each(all)("compute inventory: quotas, limits, usage ($label)", (target) => {
  let tc: TestControl;
  let admin: string;
  let demo: string;
  let demoProject: string;
  let adminProject: string;

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

  async function addInstance(opts: {
    projectId: string;
    flavor?: typeof TINY;
    launchedAt: Date | null;
    terminatedAt?: Date | null;
    deletedAt?: Date | null;
    name?: string;
  }) {
    const flavor = opts.flavor ?? TINY;
    return tc.running.db.prisma.instance.create({
      data: instanceRow({
        name: opts.name ?? "vm",
        projectId: opts.projectId,
        userId: "someone",
        flavorId: flavor.id,
        flavor,
        vmState: "active",
        launchedAt: opts.launchedAt,
        terminatedAt: opts.terminatedAt ?? null,
        deletedAt: opts.deletedAt ?? null,
      }),
    });
  }

  describe("quota sets and limits", () => {
    it("shows quota sets per microversion", async () => {
      const v21 = await nova(tc, "GET", `/os-quota-sets/${demoProject}`, { token: demo });
      expect(v21.status).toBe(200);
      expect(v21.body.quota_set).toEqual({
        id: demoProject,
        cores: 20,
        fixed_ips: -1,
        floating_ips: -1,
        injected_file_content_bytes: 10240,
        injected_file_path_bytes: 255,
        injected_files: 5,
        instances: 10,
        key_pairs: 100,
        metadata_items: 128,
        ram: 51200,
        security_group_rules: -1,
        security_groups: -1,
        server_groups: 10,
        server_group_members: 10,
      });
      const v279 = await nova(tc, "GET", `/os-quota-sets/${demoProject}`, { token: demo, mv: "2.79" });
      expect(Object.keys(v279.body.quota_set).sort()).toEqual([
        "cores",
        "id",
        "instances",
        "key_pairs",
        "metadata_items",
        "ram",
        "server_group_members",
        "server_groups",
      ]);
      const defaults = await nova(tc, "GET", `/os-quota-sets/${demoProject}/defaults`, {
        token: demo,
        mv: "2.36",
      });
      expect(defaults.body.quota_set).toMatchObject({ id: demoProject, injected_files: 5, cores: 20 });
      expect(defaults.body.quota_set).not.toHaveProperty("floating_ips");
    });

    it("lets members read only their own project's quotas", async () => {
      expect((await nova(tc, "GET", `/os-quota-sets/${adminProject}`, { token: demo })).status).toBe(403);
      expect((await nova(tc, "GET", `/os-quota-sets/${demoProject}`, { token: admin })).status).toBe(200);
      const put = await nova(tc, "PUT", `/os-quota-sets/${demoProject}`, {
        token: demo,
        body: { quota_set: { cores: 99 } },
      });
      expect(put.status).toBe(403);
      expect(put.body.forbidden.message).toContain("os_compute_api:os-quota-sets:update");
      expect((await nova(tc, "GET", "/limits", { token: demo })).status).toBe(200);
      expect((await nova(tc, "GET", `/limits?tenant_id=${adminProject}`, { token: demo })).status).toBe(403);
    });

    it("updates quotas as admin; limits and detail reflect them", async () => {
      await addInstance({ projectId: demoProject, flavor: SMALL, launchedAt: new Date() });
      const put = await nova(tc, "PUT", `/os-quota-sets/${demoProject}`, {
        token: admin,
        body: { quota_set: { cores: 30, ram: "60000", instances: -1 } },
      });
      expect(put.status).toBe(200);
      expect(put.body.quota_set).toMatchObject({ cores: 30, ram: 60000, instances: -1 });
      expect(put.body.quota_set).not.toHaveProperty("id");
      const limits = await nova(tc, "GET", "/limits", { token: demo });
      expect(limits.body.limits.rate).toEqual([]);
      expect(limits.body.limits.absolute).toMatchObject({
        maxTotalCores: 30,
        maxTotalRAMSize: 60000,
        maxTotalInstances: -1,
        maxImageMeta: 128,
        maxTotalFloatingIps: -1,
        totalInstancesUsed: 1,
        totalCoresUsed: 1,
        totalRAMUsed: 2048,
      });
      const v279 = await nova(tc, "GET", "/limits", { token: demo, mv: "2.79" });
      expect(Object.keys(v279.body.limits.absolute).sort()).toEqual([
        "maxServerGroupMembers",
        "maxServerGroups",
        "maxServerMeta",
        "maxTotalCores",
        "maxTotalInstances",
        "maxTotalKeypairs",
        "maxTotalRAMSize",
        "totalCoresUsed",
        "totalInstancesUsed",
        "totalRAMUsed",
        "totalServerGroupsUsed",
      ]);
      const asAdmin = await nova(tc, "GET", `/limits?tenant_id=${demoProject}`, { token: admin });
      expect(asAdmin.body.limits.absolute.maxTotalCores).toBe(30);
      const detail = await nova(tc, "GET", `/os-quota-sets/${demoProject}/detail`, {
        token: demo,
        mv: "2.79",
      });
      expect(detail.body.quota_set.cores).toEqual({ in_use: 1, limit: 30, reserved: 0 });
      expect(detail.body.quota_set.ram).toEqual({ in_use: 2048, limit: 60000, reserved: 0 });
    });

    it("validates quota updates: 400 naming the field", async () => {
      const cases: Array<[unknown, string]> = [
        [{ quota_set: { cores: "many" } }, "cores"],
        [{ quota_set: { cores: -2 } }, "cores"],
        [{ quota_set: { widgets: 1 } }, "widgets"],
        [{ cores: 1 }, "quota_set"],
      ];
      for (const [body, field] of cases) {
        const res = await nova(tc, "PUT", `/os-quota-sets/${demoProject}`, { token: admin, body });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.badRequest.message).toContain(field);
      }
      // Network quotas went away at 2.36; injected files at 2.57.
      const gone = await nova(tc, "PUT", `/os-quota-sets/${demoProject}`, {
        token: admin,
        mv: "2.57",
        body: { quota_set: { injected_files: 3 } },
      });
      expect(gone.status).toBe(400);
      const belowUsage = await nova(tc, "PUT", `/os-quota-sets/${demoProject}`, {
        token: admin,
        body: { quota_set: { ram: 100 } },
      });
      expect(belowUsage.status).toBe(400);
      expect(belowUsage.body.badRequest.message).toContain("already used");
      const forced = await nova(tc, "PUT", `/os-quota-sets/${demoProject}`, {
        token: admin,
        body: { quota_set: { ram: 100, force: true } },
      });
      expect(forced.body.quota_set.ram).toBe(100);
      const noProject = await nova(tc, "PUT", "/os-quota-sets/nope", {
        token: admin,
        body: { quota_set: { cores: 1 } },
      });
      expect(noProject.status).toBe(400);
    });

    it("resets quotas with DELETE and edits the defaults through the default class", async () => {
      expect((await nova(tc, "DELETE", `/os-quota-sets/${demoProject}`, { token: admin })).status).toBe(202);
      const shown = await nova(tc, "GET", `/os-quota-sets/${demoProject}`, { token: demo });
      expect(shown.body.quota_set.cores).toBe(20);
      const cls = await nova(tc, "GET", "/os-quota-class-sets/default", { token: admin });
      expect(cls.body.quota_class_set).toMatchObject({ id: "default", cores: 20, floating_ips: -1 });
      expect(cls.body.quota_class_set).not.toHaveProperty("server_groups");
      const upd = await nova(tc, "PUT", "/os-quota-class-sets/default", {
        token: admin,
        mv: "2.57",
        body: { quota_class_set: { cores: 50, instances: 50 } },
      });
      expect(upd.body.quota_class_set).toEqual({
        cores: 50,
        instances: 50,
        key_pairs: 100,
        metadata_items: 128,
        ram: 51200,
        server_groups: 10,
        server_group_members: 10,
      });
      const after = await nova(tc, "GET", `/os-quota-sets/${demoProject}`, { token: demo });
      expect(after.body.quota_set.cores).toBe(50);
      expect((await nova(tc, "GET", "/os-quota-class-sets/default", { token: demo })).status).toBe(403);
    });

    it("enforces the key_pairs quota", async () => {
      await nova(tc, "PUT", `/os-quota-sets/${demoProject}`, {
        token: admin,
        body: { quota_set: { key_pairs: 0 } },
      });
      const res = await nova(tc, "POST", "/os-keypairs", { token: demo, body: { keypair: { name: "k" } } });
      expect(res.status).toBe(403);
      expect(res.body.forbidden.message).toBe("Quota exceeded, too many key pairs.");
      await nova(tc, "DELETE", `/os-quota-sets/${demoProject}`, { token: admin });
    });
  });

  describe("os-simple-tenant-usage", () => {
    const start = new Date("2030-01-01T00:00:00Z");
    const end = new Date("2030-01-02T00:00:00Z");
    const q = "?start=2030-01-01T00:00:00.000000&end=2030-01-02T00:00:00.000000";
    let running: { id: string };

    beforeAll(async () => {
      // Runs 6 h inside the window (launched at 18:00, still running).
      running = await addInstance({
        projectId: demoProject,
        flavor: SMALL,
        launchedAt: new Date("2030-01-01T18:00:00Z"),
        name: "runner",
      });
      // Launched before the window, terminated 2 h into it.
      await addInstance({
        projectId: demoProject,
        launchedAt: new Date("2029-12-31T12:00:00Z"),
        terminatedAt: new Date("2030-01-01T02:00:00Z"),
        deletedAt: new Date("2030-01-01T02:00:00Z"),
        name: "gone",
      });
      // Outside the window entirely, and never launched: not counted.
      await addInstance({ projectId: demoProject, launchedAt: new Date("2030-02-01T00:00:00Z") });
      await addInstance({ projectId: demoProject, launchedAt: null });
      await addInstance({ projectId: adminProject, launchedAt: start, name: "admins" });
      expect(end > start).toBe(true);
    });

    it("computes hours per server and totals for one project", async () => {
      const res = await nova(tc, "GET", `/os-simple-tenant-usage/${demoProject}${q}`, { token: demo });
      expect(res.status).toBe(200);
      const u = res.body.tenant_usage;
      // The quota test's m1.small (launched today, still running) covers the whole 24 h window.
      expect(u).toMatchObject({
        tenant_id: demoProject,
        start: "2030-01-01T00:00:00.000000",
        stop: "2030-01-02T00:00:00.000000",
        total_hours: 24 + 6 + 2,
        total_vcpus_usage: 24 + 6 + 2,
        total_memory_mb_usage: 24 * 2048 + 6 * 2048 + 2 * 512,
        total_local_gb_usage: 24 * 20 + 6 * 20 + 2 * 1,
      });
      expect(u.server_usages).toHaveLength(3);
      const runner = u.server_usages.find((s: { name: string }) => s.name === "runner");
      expect(runner).toMatchObject({
        instance_id: running.id,
        hours: 6,
        flavor: "m1.small",
        memory_mb: 2048,
        local_gb: 20,
        vcpus: 1,
        state: "active",
        ended_at: null,
        started_at: "2030-01-01T18:00:00.000000",
      });
      const gone = u.server_usages.find((s: { name: string }) => s.name === "gone");
      expect(gone).toMatchObject({ hours: 2, state: "terminated", ended_at: "2030-01-01T02:00:00.000000" });
      expect(gone.uptime).toBe(14 * 3600);
    });

    it("returns an empty object for a window without usage", async () => {
      const res = await nova(
        tc,
        "GET",
        `/os-simple-tenant-usage/${demoProject}?start=2000-01-01T00:00:00&end=2000-01-02T00:00:00`,
        {
          token: demo,
        },
      );
      expect(res.body).toEqual({ tenant_usage: {} });
    });

    it("lists all projects for admins only, detailed on request", async () => {
      expect((await nova(tc, "GET", `/os-simple-tenant-usage${q}`, { token: demo })).status).toBe(403);
      expect(
        (await nova(tc, "GET", `/os-simple-tenant-usage/${adminProject}${q}`, { token: demo })).status,
      ).toBe(403);
      const list = await nova(tc, "GET", `/os-simple-tenant-usage${q}`, { token: admin });
      const ids = list.body.tenant_usages.map((t: { tenant_id: string }) => t.tenant_id).sort();
      expect(ids).toEqual([adminProject, demoProject].sort());
      expect(list.body.tenant_usages[0]).not.toHaveProperty("server_usages");
      const detailed = await nova(tc, "GET", `/os-simple-tenant-usage${q}&detailed=1`, { token: admin });
      expect(detailed.body.tenant_usages[0].server_usages.length).toBeGreaterThan(0);
    });

    it("pages over instances at 2.40", async () => {
      const page = await nova(tc, "GET", `/os-simple-tenant-usage/${demoProject}${q}&limit=1`, {
        token: demo,
        mv: "2.40",
      });
      expect(page.body.tenant_usage.server_usages).toHaveLength(1);
      const next = page.body.tenant_usage_links[0];
      expect(next.rel).toBe("next");
      const marker = new URL(next.href).searchParams.get("marker");
      const page2 = await nova(
        tc,
        "GET",
        `/os-simple-tenant-usage/${demoProject}${q}&limit=1&marker=${marker}`,
        {
          token: demo,
          mv: "2.40",
        },
      );
      expect(page2.body.tenant_usage.server_usages).toHaveLength(1);
      expect(page2.body.tenant_usage.server_usages[0].instance_id).not.toBe(marker);
    });

    it("walks every instance once, page by page, in creation order; a marker not of the project is refused", async () => {
      const whole = await nova(tc, "GET", `/os-simple-tenant-usage/${demoProject}${q}`, {
        token: demo,
        mv: "2.40",
      });
      const all: string[] = whole.body.tenant_usage.server_usages.map(
        (s: { instance_id: string }) => s.instance_id,
      );
      expect(all).toHaveLength(3);
      const walked: string[] = [];
      let marker: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const res = await nova(
          tc,
          "GET",
          `/os-simple-tenant-usage/${demoProject}${q}&limit=1${marker ? `&marker=${marker}` : ""}`,
          { token: demo, mv: "2.40" },
        );
        expect(res.status).toBe(200);
        const servers: { instance_id: string }[] = res.body.tenant_usage.server_usages ?? [];
        if (servers.length === 0) break;
        walked.push(...servers.map((s) => s.instance_id));
        marker = servers.at(-1)?.instance_id ?? null;
      }
      expect(walked).toEqual(all);
      const admins = await nova(tc, "GET", `/os-simple-tenant-usage/${adminProject}${q}`, {
        token: admin,
        mv: "2.40",
      });
      const foreign = admins.body.tenant_usage.server_usages[0].instance_id;
      for (const bad of [foreign, "00000000-0000-4000-8000-000000000000"]) {
        const res = await nova(tc, "GET", `/os-simple-tenant-usage/${demoProject}${q}&marker=${bad}`, {
          token: demo,
          mv: "2.40",
        });
        expect(res.status).toBe(400);
        expect(res.body.badRequest.message).toBe(`marker [${bad}] not found`);
      }
    });

    it("rejects bad windows and unknown parameters", async () => {
      const bad = await nova(tc, "GET", `/os-simple-tenant-usage/${demoProject}?start=yesterday`, {
        token: demo,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.badRequest.message).toContain("Datetime is in invalid format");
      const reversed = await nova(
        tc,
        "GET",
        `/os-simple-tenant-usage/${demoProject}?start=2030-01-02T00:00:00&end=2030-01-01T00:00:00`,
        {
          token: demo,
        },
      );
      expect(reversed.status).toBe(400);
      const strict = await nova(tc, "GET", `/os-simple-tenant-usage/${demoProject}${q}&colour=red`, {
        token: demo,
        mv: "2.75",
      });
      expect(strict.status).toBe(400);
      const lax = await nova(tc, "GET", `/os-simple-tenant-usage/${demoProject}${q}&colour=red`, {
        token: demo,
      });
      expect(lax.status).toBe(200);
    });
  });
});
