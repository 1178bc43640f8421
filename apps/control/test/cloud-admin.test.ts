import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nova } from "./compute-inventory-harness.ts";
import { DEMO_PASSWORD, startTestControl, type TestControl, testTargets } from "./harness.ts";

async function tokenBody(cp: TestControl, token: string) {
  const res = await cp.api("GET", "/auth/tokens", { token, headers: { "x-subject-token": token } });
  return res.body.token;
}

/** Creates a user holding `admin` on a new project of the Default domain; returns its project token. */
async function projectAdmin(cp: TestControl, admin: string, name: string): Promise<string> {
  const project = await cp.api("POST", "/projects", { token: admin, body: { project: { name } } });
  const user = await cp.api("POST", "/users", {
    token: admin,
    body: { user: { name, password: `${name}-pw`, default_project_id: project.body.project.id } },
  });
  const roles = await cp.api("GET", "/roles?name=admin", { token: admin });
  const put = await cp.api(
    "PUT",
    `/projects/${project.body.project.id}/users/${user.body.user.id}/roles/${roles.body.roles[0].id}`,
    { token: admin },
  );
  expect(put.status).toBe(204);
  return cp.login(name, `${name}-pw`, { project: name });
}

for (const target of testTargets()) {
  describe(`cloud admin is admin on the system or on the admin project (${target.label})`, () => {
    let cp: TestControl;
    let admin: string;
    beforeAll(async () => {
      cp = await startTestControl(target);
      admin = await cp.adminToken();
    });
    afterAll(async () => cp?.close());

    it("renders is_admin_project on project-scoped tokens as Keystone does", async () => {
      expect((await tokenBody(cp, admin)).is_admin_project).toBe(true);
      const demo = await cp.login("demo", DEMO_PASSWORD, { project: "demo" });
      expect((await tokenBody(cp, demo)).is_admin_project).toBe(false);
      const system = await cp.login("admin", "admin-secret", { system: true });
      expect(await tokenBody(cp, system)).not.toHaveProperty("is_admin_project");
    });

    it("keeps admin on any other project inside that project", async () => {
      const padmin = await projectAdmin(cp, admin, "padmin");
      expect((await tokenBody(cp, padmin)).is_admin_project).toBe(false);
      expect((await cp.api("GET", "/users", { token: padmin })).status).toBe(403);
      expect((await cp.api("GET", "/projects", { token: padmin })).status).toBe(403);
      expect((await cp.api("POST", "/roles", { token: padmin, body: { role: { name: "x" } } })).status).toBe(
        403,
      );
      expect((await nova(cp, "GET", "/os-hypervisors", { token: padmin })).status).toBe(403);
      expect((await nova(cp, "GET", "/servers?all_tenants=1", { token: padmin })).status).toBe(403);
      const flavor = { flavor: { name: "pf", ram: 64, vcpus: 1, disk: 1 } };
      expect((await nova(cp, "POST", "/flavors", { token: padmin, body: flavor })).status).toBe(403);
      const pub = await cp.request("POST", "/image/v2/images", {
        token: padmin,
        body: { name: "p", visibility: "public" },
      });
      expect(pub.status).toBe(403);
      // The same calls with the admin project's token pass.
      expect((await cp.api("GET", "/users", { token: admin })).status).toBe(200);
      expect((await nova(cp, "GET", "/os-hypervisors", { token: admin })).status).toBe(200);
    });
  });
}

describe("the admin project is configurable (Keystone's admin_project_name)", () => {
  let cp: TestControl;
  afterAll(async () => cp?.close());

  it("makes admin on the configured project the cloud admin, and admin on `admin` a project admin", async () => {
    const target = testTargets()[0];
    if (!target) throw new Error("no test target");
    cp = await startTestControl(target, { adminProject: { name: "ops", domainName: "Default" } });
    // The bootstrap admin is still a system admin; its `admin` project is now an ordinary project.
    const system = await cp.login("admin", "admin-secret", { system: true });
    const onAdmin = await cp.adminToken();
    expect((await tokenBody(cp, onAdmin)).is_admin_project).toBe(false);
    expect((await cp.api("GET", "/users", { token: onAdmin })).status).toBe(403);
    const ops = await projectAdmin(cp, system, "ops");
    expect((await tokenBody(cp, ops)).is_admin_project).toBe(true);
    expect((await cp.api("GET", "/users", { token: ops })).status).toBe(200);
    expect((await nova(cp, "GET", "/os-hypervisors", { token: ops })).status).toBe(200);
  });
});
