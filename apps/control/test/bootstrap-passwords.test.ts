import { afterAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, startTestControl, type TestControl, type TestTarget, tempDir } from "./harness.ts";

// A restart needs persistent storage: PGlite in a temporary data directory.
const dir = tempDir("zenith-bootstrap-");
const onDisk: TestTarget = { label: "PGlite on disk", databaseUrl: "", reset: async () => {} };

afterAll(() => dir.remove());

describe("bootstrap passwords apply on the first start only", () => {
  let cp: TestControl | undefined;
  afterAll(async () => cp?.close());

  it("keeps a changed admin password across restarts that pass the initial one again", async () => {
    cp = await startTestControl(onDisk, { dataDir: dir.path, keepData: true });
    expect(cp.running.bootstrap).toMatchObject({ created: true, adminPassword: ADMIN_PASSWORD });
    const token = await cp.adminToken();
    const me = await cp.api("GET", "/auth/tokens", { token, headers: { "x-subject-token": token } });
    const changed = await cp.api("POST", `/users/${me.body.token.user.id}/password`, {
      token,
      body: { user: { original_password: ADMIN_PASSWORD, password: "changed-by-the-admin" } },
    });
    expect(changed.status).toBe(204);
    await cp.close();

    // main.ts passes the stored initial password (passwords.json or the env) on every start.
    cp = await startTestControl(onDisk, { dataDir: dir.path, keepData: true, adminPassword: ADMIN_PASSWORD });
    expect(cp.running.bootstrap).toMatchObject({ created: false, adminPassword: "" });
    expect((await cp.passwordAuth("admin", ADMIN_PASSWORD, { project: "admin" })).status).toBe(401);
    expect((await cp.passwordAuth("admin", "changed-by-the-admin", { project: "admin" })).status).toBe(201);
  });
});
