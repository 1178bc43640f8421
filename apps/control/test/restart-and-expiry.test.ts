import { afterAll, describe, expect, it } from "vitest";
import {
  ADMIN_PASSWORD,
  startTestControl,
  type TestControl,
  type TestTarget,
  tempDir,
  testTargets,
  waitFor,
} from "./harness.ts";

// Restarts need persistent storage: PGlite in a temporary data directory
// (no DATABASE_URL), and the PostgreSQL server when configured.
const dir = tempDir("zenith-control-");
const pgliteOnDisk: TestTarget = { label: "PGlite on disk", databaseUrl: "", reset: async () => {} };
const targets: Array<{ target: TestTarget; dataDir?: string }> = [
  { target: pgliteOnDisk, dataDir: dir.path },
  ...testTargets()
    .filter((t) => t.label === "PostgreSQL")
    .map((target) => ({ target })),
];

afterAll(() => dir.remove());

for (const { target, dataDir } of targets) {
  describe(`restart and expiry on ${target.label}`, () => {
    let cp: TestControl | undefined;
    afterAll(async () => cp?.close());

    it("keeps tokens and data across a restart, and bootstraps only once", async () => {
      cp = await startTestControl(target, dataDir ? { dataDir, keepData: true } : {});
      expect(cp.running.bootstrap.created).toBe(true);
      const token = await cp.adminToken();
      const created = await cp.api("POST", "/projects", { token, body: { project: { name: "survivor" } } });
      expect(created.status).toBe(201);
      await cp.close();

      // Second start: short TTL, same data.
      cp = await startTestControl(target, {
        ...(dataDir ? { dataDir } : {}),
        keepData: true,
        tokenTtlSeconds: 1,
      });
      expect(cp.running.bootstrap.created).toBe(false);
      const check = await cp.api("GET", "/projects?name=survivor", { token });
      expect(check.status).toBe(200);
      expect(check.body.projects).toHaveLength(1);
      // Catalog URLs follow the new port.
      const fresh = await cp.passwordAuth("admin", ADMIN_PASSWORD, { project: "admin" });
      const identity = fresh.body.token.catalog.find((s: { type: string }) => s.type === "identity");
      expect(identity.endpoints[0].url).toBe(`${cp.url}/identity/v3`);
    });

    it("stops accepting a token once its TTL has passed", async () => {
      if (!cp) throw new Error("no control plane");
      const running = cp;
      const short = await running.adminToken();
      expect((await running.api("GET", "/auth/projects", { token: short })).status).toBe(200);
      await waitFor(
        async () => (await running.api("GET", "/auth/projects", { token: short })).status === 401,
      );
      const fresh = await running.adminToken();
      const subject = await running.api("GET", "/auth/tokens", {
        token: fresh,
        headers: { "x-subject-token": short },
      });
      expect(subject.status).toBe(404);
    });
  });
}
