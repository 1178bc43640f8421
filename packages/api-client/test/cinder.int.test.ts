import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControl } from "../../../apps/control/src/server.ts";
import { type CinderClient, createCinderClient, forgetVolumeMicroversions } from "../src/cinder/index.ts";
import { isOpenStackError } from "../src/http.ts";
import { passwordLogin } from "../src/keystone/index.ts";

/**
 * The Cinder client against the real control plane (in-memory database):
 * discovery and the microversion header, types with extra specs, quotas,
 * limits and zones, each answer validated by the client's own schemas.
 * Volumes, snapshots and backups are covered by the BFF and e2e suites once
 * the control plane serves them.
 */

const ADMIN_PASSWORD = "admin-cinder-client-password";
const DEMO_PASSWORD = "demo-cinder-client-password";
const run = `ccli-${process.pid}-${Date.now().toString(36)}`;
let control: Awaited<ReturnType<typeof startControl>>;
let admin: CinderClient;
let demo: CinderClient;
let demoProjectId = "";

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
});

afterAll(async () => {
  await control?.close();
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

  it("reads quota usage, limits and zones", async () => {
    const usage = await demo.quotas.usage(demoProjectId);
    expect(usage.volumes?.limit).toBeGreaterThan(0);
    expect(usage.gigabytes?.in_use).toBe(0);
    const limits = await demo.quotas.limits();
    expect(limits.maxTotalVolumes).toBe(usage.volumes?.limit);
    expect((await demo.quotas.availabilityZones()).length).toBeGreaterThan(0);
  });
});
