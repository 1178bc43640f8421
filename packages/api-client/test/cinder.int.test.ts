import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControl } from "../../../apps/control/src/server.ts";
import { VolumeAgent } from "../../../apps/volume-agent/src/agent.ts";
import { FakeVolumeDriver } from "../../../apps/volume-agent/src/driver/fake.ts";
import { type CinderClient, createCinderClient, forgetVolumeMicroversions } from "../src/cinder/index.ts";
import { isOpenStackError } from "../src/http.ts";
import { passwordLogin } from "../src/keystone/index.ts";

/**
 * The Cinder client against the real control plane (in-memory database):
 * discovery and the microversion header, types with extra specs, quotas,
 * limits and zones, volumes' records (create, show, filters, sort, marker
 * pages, update, delete), each answer validated by the client's own
 * schemas, with one volume agent on its fake driver in-process (the
 * scheduler needs a volume host). The attach flow through Nova is the
 * BFF's integration suite and the e2e spec.
 */

const ADMIN_PASSWORD = "admin-cinder-client-password";
const DEMO_PASSWORD = "demo-cinder-client-password";
const run = `ccli-${process.pid}-${Date.now().toString(36)}`;
let control: Awaited<ReturnType<typeof startControl>>;
let admin: CinderClient;
let demo: CinderClient;
let demoProjectId = "";
let agent: VolumeAgent | undefined;
let dataDir = "";

/** Polls until `check` gives a value (a state, not a time, is awaited; the deadline only ends a hang). */
async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

beforeAll(async () => {
  forgetVolumeMicroversions();
  control = await startControl({
    port: 0,
    databaseUrl: "memory://",
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    logLevel: "silent",
    joinTokenFile: false,
    seedStarterImage: false,
  });
  const authUrl = `${control.url}/identity/v3`;
  const adminSession = await passwordLogin({ authUrl, username: "admin", password: ADMIN_PASSWORD });
  const demoSession = await passwordLogin({ authUrl, username: "demo", password: DEMO_PASSWORD });
  demoProjectId = demoSession.project?.id ?? "";
  // Zenith's catalog URL template, with the project substituted as Keystone does.
  const endpointOf = (projectId: string | undefined) => `${control.url}/volume/v3/${projectId ?? ""}`;
  admin = createCinderClient({ endpoint: endpointOf(adminSession.project?.id), token: adminSession.token });
  demo = createCinderClient({ endpoint: endpointOf(demoProjectId), token: demoSession.token });
  dataDir = await mkdtemp(join(tmpdir(), "cinder-client-int-"));
  const credential = await control.enrolHost(`${run}-store`);
  agent = new VolumeAgent({
    host: `${run}-store`,
    controlUrl: control.url,
    token: async () => credential,
    stateDir: join(dataDir, "state"),
    transferDir: join(dataDir, "transfers"),
    driver: new FakeVolumeDriver({ exportHost: "192.0.2.30" }),
    driverKind: "fake",
    availabilityZone: "nova",
    exportAddress: "192.0.2.30",
    logger: createLogger("cinder-client-int-agent", "silent"),
    backoff: { initialMs: 20, maxMs: 200 },
  });
  await agent.start();
});

afterAll(async () => {
  await agent?.stop();
  await control?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("the Cinder client on Zenith's control plane", () => {
  it("negotiates 3.60 from the version document", async () => {
    expect(await demo.microversion()).toBe("3.60");
  });

  it("creates a private type with extra specs, reads it, and deletes it (admin)", async () => {
    const type = await admin.types.create({
      name: `${run}-ssd`,
      isPublic: false,
      extraSpecs: { tier: "fast" },
    });
    expect(type).toMatchObject({ name: `${run}-ssd`, is_public: false });
    await admin.types.setExtraSpecs(type.id, { disk: "ssd" });
    expect(await admin.types.extraSpecs(type.id)).toEqual({ tier: "fast", disk: "ssd" });
    await admin.types.deleteExtraSpec(type.id, "tier");
    expect(await admin.types.extraSpecs(type.id)).toEqual({ disk: "ssd" });
    await admin.types.addAccess(type.id, demoProjectId);
    expect(await admin.types.access(type.id)).toEqual([demoProjectId]);
    expect((await demo.types.list()).map((t) => t.name)).toContain(`${run}-ssd`);
    await admin.types.delete(type.id);
    expect((await admin.types.list({ isPublic: "none" })).map((t) => t.id)).not.toContain(type.id);
  });

  it("refuses a member creating a type with the cloud's 403", async () => {
    const err = await demo.types.create({ name: `${run}-nope` }).catch((e: unknown) => e);
    expect(isOpenStackError(err) && err.status).toBe(403);
  });

  it("creates volume records, pages them by marker in the asked order, updates and deletes them", async () => {
    const names = ["b", "a", "c"].map((n) => `${run}-vol-${n}`);
    const created = [];
    for (const name of names)
      created.push(await demo.volumes.create({ name, size: 1, description: "paging" }));
    expect(created[0]).toMatchObject({ size: 1, bootable: false, attachments: [] });
    const first = await demo.volumes.detail({
      sortKey: "name",
      sortDir: "asc",
      limit: 2,
      filters: { description: undefined },
    });
    expect(first.items).toHaveLength(2);
    const all = await demo.volumes.detailAll({ sortKey: "name", sortDir: "asc", limit: 1 });
    const ours = all.filter((v) => v.name?.startsWith(`${run}-vol-`)).map((v) => v.name);
    expect(ours).toEqual([...names].sort());
    const byName = await demo.volumes.detail({ filters: { name: names[0] } });
    expect(byName.items.map((v) => v.id)).toEqual([created[0]?.id]);
    const renamed = await demo.volumes.update(created[0]?.id ?? "", { name: `${run}-vol-renamed` });
    expect(renamed.name).toBe(`${run}-vol-renamed`);
    // Admin sees them across projects; a member never sees another project's.
    const wide = await admin.volumes.detailAll({ allTenants: true, projectId: demoProjectId });
    expect(wide.map((v) => v.id)).toEqual(expect.arrayContaining(created.map((v) => v.id)));
    expect(wide[0]?.["os-vol-tenant-attr:tenant_id"]).toBe(demoProjectId);
    const adminOwn = await admin.volumes.create({ name: `${run}-admin`, size: 1 });
    const hidden = await demo.volumes.get(adminOwn.id).then(
      () => 200,
      (e: unknown) => (isOpenStackError(e) ? e.status : -1),
    );
    expect(hidden).toBe(404);

    const one = created[1]?.id ?? "";
    await until("available", async () =>
      (await demo.volumes.get(one)).status === "available" ? true : undefined,
    );
    await demo.volumes.extend(one, 2);
    await until("extended", async () => {
      const v = await demo.volumes.get(one);
      return v.size === 2 && v.status === "available" ? true : undefined;
    });
    await demo.volumes.setBootable(one, true);
    expect((await demo.volumes.get(one)).bootable).toBe(true);
    const snap = await demo.snapshots.create({ volumeId: one, name: `${run}-snap` });
    await until("snapshot", async () =>
      (await demo.snapshots.get(snap.id)).status === "available" ? true : undefined,
    );
    expect((await demo.snapshots.detailAll({ filters: { volume_id: one } })).map((x) => x.id)).toEqual([
      snap.id,
    ]);
    await demo.snapshots.delete(snap.id);
    await until("snapshot gone", async () =>
      (await demo.snapshots.detailAll({ filters: { volume_id: one } })).length === 0 ? true : undefined,
    );
    for (const v of [...created, adminOwn]) {
      const client = v.id === adminOwn.id ? admin : demo;
      await until(`${v.id} settled`, async () =>
        ["available", "error"].includes((await client.volumes.get(v.id)).status) ? true : undefined,
      );
      await client.volumes.delete(v.id);
    }
  });

  it("reads quota usage, limits and zones", async () => {
    const usage = await demo.quotas.usage(demoProjectId);
    expect(usage.volumes?.limit).toBeGreaterThan(0);
    expect(usage.gigabytes?.in_use).toEqual(expect.any(Number));
    const limits = await demo.quotas.limits();
    expect(limits.maxTotalVolumes).toBe(usage.volumes?.limit);
    expect((await demo.quotas.availabilityZones()).length).toBeGreaterThan(0);
  });
});
