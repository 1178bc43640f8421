import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVED_SERVICES } from "../src/catalog.ts";
import { ADMIN_PASSWORD, DEMO_PASSWORD, startTestControl, type TestControl, testTargets } from "./harness.ts";

const ISO_MICRO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

for (const target of testTargets()) {
  describe(`tokens on ${target.label}`, () => {
    let cp: TestControl;
    let admin: string;
    beforeAll(async () => {
      cp = await startTestControl(target);
      admin = await cp.adminToken();
    });
    afterAll(async () => cp?.close());

    it("issues a project-scoped password token in Keystone's shape", async () => {
      const res = await cp.passwordAuth("admin", ADMIN_PASSWORD, { project: "admin" });
      expect(res.status).toBe(201);
      const token = res.headers.get("x-subject-token") ?? "";
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const t = res.body.token;
      expect(t.methods).toEqual(["password"]);
      expect(t.user).toMatchObject({
        name: "admin",
        domain: { id: "default", name: "Default" },
        password_expires_at: null,
      });
      expect(t.project).toMatchObject({ name: "admin", domain: { id: "default", name: "Default" } });
      expect(t.roles.map((r: { name: string }) => r.name).sort()).toEqual(["admin", "member", "reader"]);
      expect(t.expires_at).toMatch(ISO_MICRO);
      expect(t.issued_at).toMatch(ISO_MICRO);
      expect(t.is_domain).toBe(false);
      expect(t.audit_ids).toHaveLength(1);
      // Bootstrap lists every service this control plane serves, and nothing else.
      expect(t.catalog.map((s: { type: string }) => s.type).sort()).toEqual(
        SERVED_SERVICES.map((s) => s.type).sort(),
      );
      const identity = t.catalog.find((s: { type: string }) => s.type === "identity");
      expect(identity.name).toBe("keystone");
      expect(identity.endpoints.map((e: { interface: string }) => e.interface).sort()).toEqual([
        "admin",
        "internal",
        "public",
      ]);
      expect(identity.endpoints[0]).toMatchObject({ region_id: "RegionOne", region: "RegionOne" });
      expect(identity.endpoints[0].url).toBe(`${cp.url}/identity/v3`);
    });

    it("accepts user id, domain id, and project id", async () => {
      const me = await cp.api("GET", "/auth/tokens", { token: admin, headers: { "x-subject-token": admin } });
      const userId = me.body.token.user.id;
      const projectId = me.body.token.project.id;
      const byId = await cp.api("POST", "/auth/tokens", {
        body: {
          auth: {
            identity: { methods: ["password"], password: { user: { id: userId, password: ADMIN_PASSWORD } } },
            scope: { project: { id: projectId } },
          },
        },
      });
      expect(byId.status).toBe(201);
      expect(byId.body.token.project.id).toBe(projectId);
      const byDomainId = await cp.api("POST", "/auth/tokens", {
        body: {
          auth: {
            identity: {
              methods: ["password"],
              password: { user: { name: "admin", domain: { id: "default" }, password: ADMIN_PASSWORD } },
            },
            scope: { project: { name: "admin", domain: { name: "Default" } } },
          },
        },
      });
      expect(byDomainId.status).toBe(201);
    });

    it("scopes to the default project when no scope is given, and unscoped on request", async () => {
      const dflt = await cp.passwordAuth("demo", DEMO_PASSWORD, undefined);
      expect(dflt.status).toBe(201);
      expect(dflt.body.token.project.name).toBe("demo");
      expect(dflt.body.token.roles.map((r: { name: string }) => r.name).sort()).toEqual(["member", "reader"]);
      const unscoped = await cp.passwordAuth("demo", DEMO_PASSWORD, "unscoped");
      expect(unscoped.status).toBe(201);
      expect(unscoped.body.token.project).toBeUndefined();
      expect(unscoped.body.token.catalog).toBeUndefined();
    });

    it("issues system and domain scoped tokens", async () => {
      const sys = await cp.passwordAuth("admin", ADMIN_PASSWORD, { system: true });
      expect(sys.status).toBe(201);
      expect(sys.body.token.system).toEqual({ all: true });
      expect(sys.body.token.roles.map((r: { name: string }) => r.name)).toContain("admin");
      // Nobody holds a role on the Default domain yet.
      const noDomain = await cp.passwordAuth("admin", ADMIN_PASSWORD, { domain: "default" });
      expect(noDomain.status).toBe(401);
      const me = await cp.api("GET", "/auth/tokens", { token: admin, headers: { "x-subject-token": admin } });
      const roles = await cp.api("GET", "/roles?name=admin", { token: admin });
      const grant = await cp.api(
        "PUT",
        `/domains/default/users/${me.body.token.user.id}/roles/${roles.body.roles[0].id}`,
        { token: admin },
      );
      expect(grant.status).toBe(204);
      const dom = await cp.passwordAuth("admin", ADMIN_PASSWORD, { domain: "default" });
      expect(dom.status).toBe(201);
      expect(dom.body.token.domain).toEqual({ id: "default", name: "Default" });
      const domains = await cp.api("GET", "/auth/domains", { token: admin });
      expect(domains.body.domains.map((d: { id: string }) => d.id)).toEqual(["default"]);
      const system = await cp.api("GET", "/auth/system", { token: admin });
      expect(system.body.system).toEqual([{ all: true }]);
    });

    it("rescopes with the token method and keeps the audit chain", async () => {
      const unscoped = await cp.login("admin", ADMIN_PASSWORD, "unscoped");
      const res = await cp.api("POST", "/auth/tokens", {
        token: unscoped,
        body: {
          auth: {
            identity: { methods: ["token"], token: { id: unscoped } },
            scope: { project: { name: "admin", domain: { id: "default" } } },
          },
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.token.methods).toEqual(["password", "token"]);
      expect(res.body.token.audit_ids).toHaveLength(2);
      expect(res.body.token.project.name).toBe("admin");
      const viaHeader = await cp.api("POST", "/auth/tokens", {
        token: unscoped,
        body: {
          auth: {
            identity: { methods: ["token"], token: {} },
            scope: { project: { name: "demo", domain: { id: "default" } } },
          },
        },
      });
      // admin has no role on demo.
      expect(viaHeader.status).toBe(401);
    });

    it("validates with GET and HEAD, honours nocatalog, and revokes with DELETE", async () => {
      const subject = await cp.login("demo", DEMO_PASSWORD, { project: "demo" });
      const got = await cp.api("GET", "/auth/tokens", {
        token: admin,
        headers: { "x-subject-token": subject },
      });
      expect(got.status).toBe(200);
      expect(got.headers.get("x-subject-token")).toBe(subject);
      expect(got.body.token.user.name).toBe("demo");
      expect(got.body.token.catalog.length).toBeGreaterThan(0);
      const noCat = await cp.api("GET", "/auth/tokens?nocatalog", {
        token: admin,
        headers: { "x-subject-token": subject },
      });
      expect(noCat.body.token.catalog).toBeUndefined();
      const head = await cp.api("HEAD", "/auth/tokens", {
        token: admin,
        headers: { "x-subject-token": subject },
      });
      expect(head.status).toBe(200);
      const del = await cp.api("DELETE", "/auth/tokens", {
        token: admin,
        headers: { "x-subject-token": subject },
      });
      expect(del.status).toBe(204);
      const after = await cp.api("GET", "/auth/tokens", {
        token: admin,
        headers: { "x-subject-token": subject },
      });
      expect(after.status).toBe(404);
      const use = await cp.api("GET", "/auth/projects", { token: subject });
      expect(use.status).toBe(401);
      const bogus = await cp.api("HEAD", "/auth/tokens", {
        token: admin,
        headers: { "x-subject-token": "nope" },
      });
      expect(bogus.status).toBe(404);
    });

    it("lets a user validate and revoke its own token but not someone else's", async () => {
      const demo = await cp.login("demo", DEMO_PASSWORD);
      const own = await cp.api("GET", "/auth/tokens", { token: demo, headers: { "x-subject-token": demo } });
      expect(own.status).toBe(200);
      const other = await cp.api("GET", "/auth/tokens", {
        token: demo,
        headers: { "x-subject-token": admin },
      });
      expect(other.status).toBe(403);
    });

    it("lets a service user (role service, as keystonemiddleware runs) validate others' tokens, and nothing more", async () => {
      const demo = await cp.login("demo", DEMO_PASSWORD);
      const role = await cp.api("POST", "/roles", { token: admin, body: { role: { name: "service" } } });
      expect([201, 409]).toContain(role.status);
      const roleId =
        role.status === 201
          ? role.body.role.id
          : (await cp.api("GET", "/roles?name=service", { token: admin })).body.roles[0].id;
      const user = await cp.api("POST", "/users", {
        token: admin,
        body: { user: { name: `svc-${target.label}`, password: "svc-password-1", domain_id: "default" } },
      });
      expect(user.status).toBe(201);
      const project = (await cp.api("GET", "/projects?name=demo", { token: admin })).body.projects[0].id;
      const grant = await cp.api("PUT", `/projects/${project}/users/${user.body.user.id}/roles/${roleId}`, {
        token: admin,
      });
      expect(grant.status).toBe(204);
      const svc = await cp.login(`svc-${target.label}`, "svc-password-1", { project: "demo" });
      const checked = await cp.api("GET", "/auth/tokens", {
        token: svc,
        headers: { "x-subject-token": demo },
      });
      expect(checked.status).toBe(200);
      expect(checked.body.token.user.name).toBe("demo");
      // Validating is all the role gives: no revoking another's token, no listing users.
      const revoke = await cp.api("DELETE", "/auth/tokens", {
        token: svc,
        headers: { "x-subject-token": demo },
      });
      expect(revoke.status).toBe(403);
      expect((await cp.api("GET", "/users", { token: svc })).status).toBe(403);
    });

    it("says the same thing for an unknown user and a wrong password", async () => {
      const unknown = await cp.passwordAuth("nobody-here", "whatever", undefined);
      const wrong = await cp.passwordAuth("demo", "not-the-password", undefined);
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.body.error.message).toBe("The request you have made requires authentication.");
    });

    it("lists the caller's projects and catalog", async () => {
      const projects = await cp.api("GET", "/auth/projects", { token: admin });
      expect(projects.body.projects.map((p: { name: string }) => p.name)).toEqual(["admin"]);
      expect(projects.body.links).toMatchObject({ previous: null, next: null });
      const catalog = await cp.api("GET", "/auth/catalog", { token: admin });
      expect(catalog.body.catalog.map((s: { type: string }) => s.type)).toContain("identity");
      const unscoped = await cp.login("admin", ADMIN_PASSWORD, "unscoped");
      expect((await cp.api("GET", "/auth/catalog", { token: unscoped })).status).toBe(403);
    });

    it("revokes a user's tokens on password change; the new password works", async () => {
      const create = await cp.api("POST", "/users", {
        token: admin,
        body: { user: { name: "pwuser", password: "first-pass", domain_id: "default" } },
      });
      expect(create.status).toBe(201);
      const project = await cp.api("GET", "/projects?name=demo", { token: admin });
      const role = await cp.api("GET", "/roles?name=member", { token: admin });
      await cp.api(
        "PUT",
        `/projects/${project.body.projects[0].id}/users/${create.body.user.id}/roles/${role.body.roles[0].id}`,
        {
          token: admin,
        },
      );
      const t1 = await cp.login("pwuser", "first-pass", { project: "demo" });
      const bad = await cp.api("POST", `/users/${create.body.user.id}/password`, {
        token: t1,
        body: { user: { original_password: "wrong", password: "second-pass" } },
      });
      expect(bad.status).toBe(401);
      const change = await cp.api("POST", `/users/${create.body.user.id}/password`, {
        token: t1,
        body: { user: { original_password: "first-pass", password: "second-pass" } },
      });
      expect(change.status).toBe(204);
      expect((await cp.api("GET", "/auth/projects", { token: t1 })).status).toBe(401);
      expect((await cp.passwordAuth("pwuser", "first-pass", undefined)).status).toBe(401);
      expect((await cp.passwordAuth("pwuser", "second-pass", undefined)).status).toBe(201);
    });

    it("refuses disabled users and projects, immediately", async () => {
      const u = await cp.api("POST", "/users", {
        token: admin,
        body: { user: { name: "soon-disabled", password: "pw-12345", domain_id: "default" } },
      });
      const p = await cp.api("POST", "/projects", {
        token: admin,
        body: { project: { name: "soon-off", domain_id: "default" } },
      });
      const role = await cp.api("GET", "/roles?name=member", { token: admin });
      await cp.api(
        "PUT",
        `/projects/${p.body.project.id}/users/${u.body.user.id}/roles/${role.body.roles[0].id}`,
        { token: admin },
      );
      const t = await cp.login("soon-disabled", "pw-12345", { project: "soon-off" });
      expect((await cp.api("GET", "/auth/projects", { token: t })).status).toBe(200);
      await cp.api("PATCH", `/projects/${p.body.project.id}`, {
        token: admin,
        body: { project: { enabled: false } },
      });
      expect((await cp.api("GET", "/auth/projects", { token: t })).status).toBe(401);
      expect((await cp.passwordAuth("soon-disabled", "pw-12345", { project: "soon-off" })).status).toBe(401);
      await cp.api("PATCH", `/users/${u.body.user.id}`, { token: admin, body: { user: { enabled: false } } });
      expect((await cp.passwordAuth("soon-disabled", "pw-12345", "unscoped")).status).toBe(401);
    });

    it("throttles repeated failures with 429 and Retry-After", async () => {
      for (let i = 0; i < 5; i++) {
        expect((await cp.passwordAuth("throttled-user", "bad", undefined)).status).toBe(401);
      }
      const blocked = await cp.passwordAuth("throttled-user", "bad", undefined);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
      // Another user from the same address is not affected yet.
      expect((await cp.passwordAuth("demo", DEMO_PASSWORD, undefined)).status).toBe(201);
    });

    it("throttles a client address that tries many user names (runs last: it blocks the address)", async () => {
      let status = 401;
      for (let i = 0; i < 25 && status === 401; i++) {
        status = (await cp.passwordAuth(`spray-${i}`, "bad", undefined)).status;
      }
      expect(status).toBe(429);
      expect((await cp.passwordAuth("demo", DEMO_PASSWORD, undefined)).status).toBe(429);
    });
  });
}
