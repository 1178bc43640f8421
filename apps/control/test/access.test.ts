import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startTestControl, type TestControl, testTargets } from "./harness.ts";

for (const target of testTargets()) {
  describe(`policy, app credentials and role assignments on ${target.label}`, () => {
    let cp: TestControl;
    let admin: string;
    let demo: string;
    let demoUserId: string;
    let ids: { adminUser: string; adminProject: string; demoProject: string; roles: Record<string, string> };
    beforeAll(async () => {
      cp = await startTestControl(target);
      admin = await cp.adminToken();
      demo = await cp.login("demo", DEMO_PASSWORD, { project: "demo" });
      const me = await cp.api("GET", "/auth/tokens", { token: admin, headers: { "x-subject-token": admin } });
      const d = await cp.api("GET", "/auth/tokens", { token: demo, headers: { "x-subject-token": demo } });
      demoUserId = d.body.token.user.id;
      const roles = await cp.api("GET", "/roles", { token: admin });
      ids = {
        adminUser: me.body.token.user.id,
        adminProject: me.body.token.project.id,
        demoProject: d.body.token.project.id,
        roles: Object.fromEntries(roles.body.roles.map((r: { name: string; id: string }) => [r.name, r.id])),
      };
    });
    afterAll(async () => cp?.close());

    it("forbids identity administration to a member, in Keystone's words", async () => {
      const res = await cp.api("GET", "/users", { token: demo });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        error: {
          code: 403,
          title: "Forbidden",
          message: "You are not authorized to perform the requested action: identity:list_users.",
        },
      });
      const forbidden: Array<[string, string, unknown?]> = [
        ["POST", "/projects", { project: { name: "x" } }],
        ["GET", "/projects"],
        ["GET", "/role_assignments"],
        ["POST", "/roles", { role: { name: "x" } }],
        ["PUT", `/projects/${ids?.demoProject}/users/${ids?.adminUser}/roles/x`],
        ["GET", `/users/${ids?.adminUser}`],
        ["GET", `/projects/${ids?.adminProject}`],
        ["GET", `/users/${ids?.adminUser}/projects`],
        ["POST", "/domains", { domain: { name: "x" } }],
        ["GET", "/services"],
      ];
      for (const [method, path, body] of forbidden) {
        const r = await cp.api(method, path, { token: demo, body });
        expect(r.status, `${method} ${path}`).toBe(403);
      }
    });

    it("lets a member read itself and its own projects", async () => {
      expect((await cp.api("GET", `/users/${demoUserId}`, { token: demo })).body.user.name).toBe("demo");
      const own = await cp.api("GET", `/users/${demoUserId}/projects`, { token: demo });
      expect(own.body.projects.map((p: { name: string }) => p.name)).toEqual(["demo"]);
      const auth = await cp.api("GET", "/auth/projects", { token: demo });
      expect(auth.body.projects.map((p: { name: string }) => p.name)).toEqual(["demo"]);
      expect((await cp.api("GET", `/projects/${ids.demoProject}`, { token: demo })).status).toBe(200);
      expect((await cp.api("GET", "/domains/default", { token: demo })).status).toBe(200);
    });

    it("creates application credentials bound to the token's project, with a subset of its roles", async () => {
      const res = await cp.api("POST", `/users/${demoUserId}/application_credentials`, {
        token: demo,
        body: { application_credential: { name: "ci", description: "for CI" } },
      });
      expect(res.status).toBe(201);
      const cred = res.body.application_credential;
      expect(cred.secret.length).toBeGreaterThanOrEqual(32);
      expect(cred).toMatchObject({
        name: "ci",
        project_id: ids.demoProject,
        unrestricted: false,
        expires_at: null,
      });
      expect(cred.roles.map((r: { name: string }) => r.name).sort()).toEqual(["member", "reader"]);
      expect(
        (
          await cp.api("POST", `/users/${demoUserId}/application_credentials`, {
            token: demo,
            body: { application_credential: { name: "ci" } },
          })
        ).status,
      ).toBe(409);
      const tooMuch = await cp.api("POST", `/users/${demoUserId}/application_credentials`, {
        token: demo,
        body: { application_credential: { name: "greedy", roles: [{ name: "admin" }] } },
      });
      expect(tooMuch.status).toBe(403);
      const shown = await cp.api("GET", `/users/${demoUserId}/application_credentials/${cred.id}`, {
        token: demo,
      });
      expect(shown.body.application_credential.secret).toBeUndefined();
      const listed = await cp.api("GET", `/users/${demoUserId}/application_credentials?name=ci`, {
        token: demo,
      });
      expect(listed.body.application_credentials).toHaveLength(1);

      // Authenticate with it, by id and by name + user.
      const byId = await cp.api("POST", "/auth/tokens", {
        body: {
          auth: {
            identity: {
              methods: ["application_credential"],
              application_credential: { id: cred.id, secret: cred.secret },
            },
          },
        },
      });
      expect(byId.status).toBe(201);
      expect(byId.body.token.methods).toEqual(["application_credential"]);
      expect(byId.body.token.project.id).toBe(ids.demoProject);
      expect(byId.body.token.application_credential).toEqual({ id: cred.id, name: "ci", restricted: true });
      const byName = await cp.api("POST", "/auth/tokens", {
        body: {
          auth: {
            identity: {
              methods: ["application_credential"],
              application_credential: {
                name: "ci",
                secret: cred.secret,
                user: { name: "demo", domain: { name: "Default" } },
              },
            },
          },
        },
      });
      expect(byName.status).toBe(201);
      const wrong = await cp.api("POST", "/auth/tokens", {
        body: {
          auth: {
            identity: {
              methods: ["application_credential"],
              application_credential: { id: cred.id, secret: "nope" },
            },
          },
        },
      });
      expect(wrong.status).toBe(401);
      // A restricted credential's token cannot mint more credentials.
      const appToken = byId.headers.get("x-subject-token") ?? "";
      const nested = await cp.api("POST", `/users/${demoUserId}/application_credentials`, {
        token: appToken,
        body: { application_credential: { name: "nested" } },
      });
      expect(nested.status).toBe(403);

      // Someone else's credential reads as missing.
      expect(
        (await cp.api("GET", `/users/${demoUserId}/application_credentials/${cred.id}`, { token: admin }))
          .status,
      ).toBe(200);
      const adminCred = await cp.api("POST", `/users/${ids.adminUser}/application_credentials`, {
        token: admin,
        body: { application_credential: { name: "admin-cred", secret: "s3cret" } },
      });
      expect(adminCred.body.application_credential.secret).toBe("s3cret");
      const peek = await cp.api(
        "GET",
        `/users/${ids.adminUser}/application_credentials/${adminCred.body.application_credential.id}`,
        {
          token: demo,
        },
      );
      expect(peek.status).toBe(404);
      const peek2 = await cp.api(
        "GET",
        `/users/${demoUserId}/application_credentials/${adminCred.body.application_credential.id}`,
        {
          token: demo,
        },
      );
      expect(peek2.status).toBe(404);
      expect(
        (await cp.api("GET", `/users/${ids.adminUser}/application_credentials`, { token: demo })).status,
      ).toBe(403);

      // Deleting the credential kills its tokens.
      expect(
        (await cp.api("DELETE", `/users/${demoUserId}/application_credentials/${cred.id}`, { token: demo }))
          .status,
      ).toBe(204);
      expect((await cp.api("GET", "/auth/projects", { token: appToken })).status).toBe(401);
    });

    it("loses access immediately when a grant is revoked", async () => {
      const t = await cp.login("demo", DEMO_PASSWORD, { project: "demo" });
      expect((await cp.api("GET", "/auth/projects", { token: t })).status).toBe(200);
      const path = `/projects/${ids.demoProject}/users/${demoUserId}/roles/${ids.roles.member}`;
      expect((await cp.api("DELETE", path, { token: admin })).status).toBe(204);
      expect((await cp.api("GET", "/auth/projects", { token: t })).status).toBe(401);
      expect((await cp.api("PUT", path, { token: admin })).status).toBe(204);
      expect((await cp.api("GET", "/auth/projects", { token: t })).status).toBe(200);
    });

    it("lists role assignments with filters, effective expansion and names", async () => {
      const group = (await cp.api("POST", "/groups", { token: admin, body: { group: { name: "ops" } } })).body
        .group;
      await cp.api("PUT", `/groups/${group.id}/users/${demoUserId}`, { token: admin });
      await cp.api("PUT", `/projects/${ids.adminProject}/groups/${group.id}/roles/${ids.roles.admin}`, {
        token: admin,
      });

      const all = await cp.api("GET", "/role_assignments", { token: admin });
      expect(all.status).toBe(200);
      expect(all.body.links.next).toBeNull();
      const byUser = await cp.api("GET", `/role_assignments?user.id=${demoUserId}`, { token: admin });
      expect(byUser.body.role_assignments).toHaveLength(1);
      expect(byUser.body.role_assignments[0]).toMatchObject({
        user: { id: demoUserId },
        role: { id: ids.roles.member },
        scope: { project: { id: ids.demoProject } },
      });
      const byGroup = await cp.api("GET", `/role_assignments?group.id=${group.id}`, { token: admin });
      expect(byGroup.body.role_assignments).toHaveLength(1);
      expect(byGroup.body.role_assignments[0].group.id).toBe(group.id);
      const byScope = await cp.api("GET", `/role_assignments?scope.project.id=${ids.adminProject}`, {
        token: admin,
      });
      expect(byScope.body.role_assignments).toHaveLength(2);
      const byRole = await cp.api("GET", `/role_assignments?role.id=${ids.roles.admin}`, { token: admin });
      expect(byRole.body.role_assignments).toHaveLength(3);
      const system = await cp.api("GET", "/role_assignments?scope.system=all", { token: admin });
      expect(system.body.role_assignments).toEqual([
        expect.objectContaining({ scope: { system: { all: true } }, user: { id: ids.adminUser } }),
      ]);

      const effective = await cp.api("GET", `/role_assignments?effective&user.id=${demoUserId}`, {
        token: admin,
      });
      const rows = effective.body.role_assignments as Array<{
        role: { id: string };
        scope: { project: { id: string } };
        links: { assignment: string; membership?: string };
      }>;
      const onAdmin = rows
        .filter((r) => r.scope.project.id === ids.adminProject)
        .map((r) => r.role.id)
        .sort();
      expect(onAdmin).toEqual([ids.roles.admin, ids.roles.member, ids.roles.reader].sort());
      const viaGroup = rows.find((r) => r.role.id === ids.roles.admin);
      expect(viaGroup?.links.membership).toBe(`${cp.url}/identity/v3/groups/${group.id}/users/${demoUserId}`);
      expect(viaGroup?.links.assignment).toBe(
        `${cp.url}/identity/v3/projects/${ids.adminProject}/groups/${group.id}/roles/${ids.roles.admin}`,
      );
      expect(rows.every((r) => !("group" in r))).toBe(true);
      expect(
        (await cp.api("GET", `/role_assignments?effective&group.id=${group.id}`, { token: admin })).status,
      ).toBe(400);

      const named = await cp.api(
        "GET",
        `/role_assignments?include_names=True&scope.project.id=${ids.demoProject}`,
        { token: admin },
      );
      expect(named.body.role_assignments[0]).toMatchObject({
        role: { id: ids.roles.member, name: "member" },
        user: { id: demoUserId, name: "demo", domain: { id: "default", name: "Default" } },
        scope: { project: { id: ids.demoProject, name: "demo", domain: { id: "default", name: "Default" } } },
      });
      // The group grant made demo an admin of the admin project.
      const demoAdmin = await cp.login("demo", DEMO_PASSWORD, { projectId: ids.adminProject });
      expect((await cp.api("GET", "/users", { token: demoAdmin })).status).toBe(200);
      await cp.api("DELETE", `/groups/${group.id}/users/${demoUserId}`, { token: admin });
      expect((await cp.api("GET", "/users", { token: demoAdmin })).status).toBe(401);
    });
  });
}
