import { AGENT_JOIN_TOKENS_PATH, agentHostCredentialPath } from "@zenith/agent-protocol/enrolment";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nova } from "./compute-inventory-harness.ts";
import { ADMIN_PASSWORD, startTestControl, type TestControl, testTargets } from "./harness.ts";

/**
 * The escalation path of a domain admin, over HTTP: it may create a project
 * in its domain and make itself admin there, but that admin stays inside the
 * project; nothing it does reaches the rest of the cloud.
 */
for (const target of testTargets()) {
  describe(`a domain admin cannot escalate to cloud admin (${target.label})`, () => {
    let cp: TestControl;
    let admin: string;
    const ids = {
      adminUser: "",
      adminProject: "",
      demoProject: "",
      adminRole: "",
      self: "",
      other: "",
      acme: "",
    };
    let domainToken = "";
    let projectToken = "";
    let privateImage = "";
    let ownProject = "";

    beforeAll(async () => {
      cp = await startTestControl(target);
      admin = await cp.adminToken();
      const me = await cp.api("GET", "/auth/tokens", { token: admin, headers: { "x-subject-token": admin } });
      ids.adminUser = me.body.token.user.id;
      ids.adminProject = me.body.token.project.id;
      ids.demoProject = (await cp.api("GET", "/projects?name=demo", { token: admin })).body.projects[0].id;
      ids.adminRole = (await cp.api("GET", "/roles?name=admin", { token: admin })).body.roles[0].id;
      // A domain admin of Default: the domain the cloud admin and the admin project live in.
      const user = await cp.api("POST", "/users", {
        token: admin,
        body: { user: { name: "dadmin", password: "dadmin-pw", domain_id: "default" } },
      });
      ids.self = user.body.user.id;
      const grant = await cp.api("PUT", `/domains/default/users/${ids.self}/roles/${ids.adminRole}`, {
        token: admin,
      });
      expect(grant.status).toBe(204);
      // A user and a project of another domain.
      const acme = await cp.api("POST", "/domains", { token: admin, body: { domain: { name: "acme" } } });
      const other = await cp.api("POST", "/users", {
        token: admin,
        body: { user: { name: "acme-user", password: "x", domain_id: acme.body.domain.id } },
      });
      ids.other = other.body.user.id;
      ids.acme = acme.body.domain.id;
      const img = await cp.request("POST", "/image/v2/images", {
        token: admin,
        body: { name: "admin-private" },
      });
      privateImage = img.body.id;

      domainToken = await cp.login("dadmin", "dadmin-pw", { domain: "default" });
      // The escalation attempt: a project of its own, admin on it, and a token scoped to it.
      const project = await cp.api("POST", "/projects", {
        token: domainToken,
        body: { project: { name: "dadmin-own", domain_id: "default" } },
      });
      expect(project.status).toBe(201);
      ownProject = project.body.project.id;
      const self = await cp.api(
        "PUT",
        `/projects/${project.body.project.id}/users/${ids.self}/roles/${ids.adminRole}`,
        { token: domainToken },
      );
      expect(self.status).toBe(204);
      const rescoped = await cp.api("POST", "/auth/tokens", {
        body: {
          auth: {
            identity: { methods: ["token"], token: { id: domainToken } },
            scope: { project: { id: project.body.project.id } },
          },
        },
      });
      expect(rescoped.status).toBe(201);
      expect(rescoped.body.token.is_admin_project).toBe(false);
      projectToken = rescoped.headers.get("x-subject-token") ?? "";
    });
    afterAll(async () => cp?.close());

    it("refuses every cloud-wide read and write to admin on its own project", async () => {
      const token = projectToken;
      const identity: Array<[string, string, unknown?]> = [
        ["GET", "/projects"],
        ["GET", "/users"],
        ["GET", `/users?domain_id=default`],
        ["GET", "/domains"],
        ["GET", "/role_assignments"],
        ["POST", "/roles", { role: { name: "escalated" } }],
        ["PUT", `/system/users/${ids.self}/roles/${ids.adminRole}`],
        ["PUT", `/projects/${ids.adminProject}/users/${ids.self}/roles/${ids.adminRole}`],
        ["PATCH", `/users/${ids.adminUser}`, { user: { password: "pwned-password" } }],
        ["POST", "/domains", { domain: { name: "mine" } }],
      ];
      for (const [method, path, body] of identity) {
        expect((await cp.api(method, path, { token, body })).status, `${method} ${path}`).toBe(403);
      }
      const compute: Array<[string, string, unknown?]> = [
        ["GET", "/servers/detail?all_tenants=1"],
        ["GET", "/servers?all_tenants=true"],
        ["GET", "/os-hypervisors"],
        ["GET", "/os-services"],
        ["POST", "/flavors", { flavor: { name: "evil", ram: 64, vcpus: 1, disk: 1 } }],
        ["PUT", `/os-quota-sets/${ids.demoProject}`, { quota_set: { instances: 99 } }],
        ["GET", `/os-quota-sets/${ids.demoProject}`],
      ];
      for (const [method, path, body] of compute) {
        expect((await nova(cp, method, path, { token, body })).status, `${method} ${path}`).toBe(403);
      }
      // Block storage: the cloud's services, pools, types and other projects' quotas and volumes are not its.
      const demoVolume = await cp.running.db.prisma.volume.create({
        data: {
          id: crypto.randomUUID(),
          projectId: ids.demoProject,
          userId: "someone",
          sizeGb: 1,
          status: "available",
          volumeTypeId: (await cp.running.db.prisma.volumeType.findFirstOrThrow()).id,
        },
      });
      const volume = (method: string, path: string, body?: unknown) =>
        cp.request(method, `/volume/v3/${ownProject}${path}`, { token, body });
      const denied: Array<[string, string, unknown?]> = [
        ["GET", "/os-services"],
        ["GET", "/scheduler-stats/get_pools"],
        ["POST", "/types", { volume_type: { name: "evil" } }],
        ["PUT", `/os-quota-sets/${ids.demoProject}`, { quota_set: { volumes: 99 } }],
        ["POST", `/volumes/${demoVolume.id}/action`, { "os-reset_status": { status: "available" } }],
        ["POST", `/volumes/${demoVolume.id}/action`, { "os-force_delete": {} }],
      ];
      for (const [method, path, body] of denied) {
        expect((await volume(method, path, body)).status, `${method} ${path}`).toBe(403);
      }
      expect((await volume("GET", `/volumes/${demoVolume.id}`)).status).toBe(404);
      const all = await volume("GET", "/volumes/detail?all_tenants=1");
      expect(all.body.volumes.map((v: { id: string }) => v.id)).not.toContain(demoVolume.id);
      // Metering: other projects' and the hosts' series are not its; the backlog status is an admin's.
      await cp.running.db.prisma.metricResource.create({
        data: { id: crypto.randomUUID(), type: "host", originalResourceId: "compute1", host: "compute1" },
      });
      await cp.running.db.prisma.metricResource.create({
        data: {
          id: demoVolume.id,
          type: "volume",
          originalResourceId: demoVolume.id,
          projectId: ids.demoProject,
        },
      });
      for (const t of [token, domainToken]) {
        const hosts = await cp.request("GET", "/metric/v1/resource/host", { token: t });
        expect(
          hosts.status === 403 || (hosts.status === 200 && hosts.body.length === 0),
          "metric hosts",
        ).toBe(true);
        expect(
          (await cp.request("GET", `/metric/v1/resource/volume/${demoVolume.id}`, { token: t })).status,
        ).not.toBe(200);
        expect((await cp.request("GET", "/metric/v1/status", { token: t })).status).toBe(403);
      }
      // Another project's private image does not even exist for it; publishing is an admin's.
      expect((await cp.request("GET", `/image/v2/images/${privateImage}`, { token })).status).toBe(404);
      expect(
        (await cp.request("POST", "/image/v2/images", { token, body: { name: "p", visibility: "public" } }))
          .status,
      ).toBe(403);
      // Nova's image proxy applies Glance's visibility: still no such image.
      expect((await nova(cp, "GET", `/images/${privateImage}`, { token, mv: "2.1" })).status).toBe(404);
      // Enrolling or revoking compute hosts is a cloud admin's, for the domain token too.
      for (const t of [token, domainToken]) {
        const join = await cp.request("POST", AGENT_JOIN_TOKENS_PATH, { token: t, body: {} });
        expect(join.status, "POST join-tokens").toBe(403);
        const revoke = await cp.request("DELETE", agentHostCredentialPath("compute1"), { token: t });
        expect(revoke.status, "DELETE host credential").toBe(403);
      }
      // And the admin's password still works.
      expect((await cp.passwordAuth("admin", ADMIN_PASSWORD, { project: "admin" })).status).toBe(201);
    });

    it("lists its own domain when a list names no domain, as Keystone does for domain-scoped tokens", async () => {
      for (const kind of ["users", "projects", "groups"] as const) {
        const res = await cp.api("GET", `/${kind}`, { token: domainToken });
        expect(res.status, kind).toBe(200);
        for (const row of res.body[kind] as Array<{ domain_id: string }>)
          expect(row.domain_id, kind).toBe("default");
      }
      const users = (await cp.api("GET", "/users", { token: domainToken })).body.users;
      expect(users.map((u: { id: string }) => u.id)).toContain(ids.self);
      expect(users.map((u: { id: string }) => u.id)).not.toContain(ids.other);
    });

    it("refuses grants that reach beyond the domain, and the cloud admin's password", async () => {
      const token = domainToken;
      const refused: Array<[string, string, unknown?]> = [
        ["PUT", `/system/users/${ids.self}/roles/${ids.adminRole}`],
        ["PUT", `/projects/${ids.adminProject}/users/${ids.self}/roles/${ids.adminRole}`],
        ["PUT", `/projects/${ids.demoProject}/users/${ids.other}/roles/${ids.adminRole}`],
        ["PATCH", `/users/${ids.adminUser}`, { user: { password: "pwned-password" } }],
        ["PATCH", `/users/${ids.adminUser}`, { user: { enabled: false } }],
        ["DELETE", `/users/${ids.adminUser}`],
        ["POST", `/users/${ids.adminUser}/password`, { user: { original_password: "x", password: "y" } }],
        ["GET", `/users?domain_id=${ids.acme}`],
        // The admin project is the cloud's: not to rename, disable, delete or replace.
        ["PATCH", `/projects/${ids.adminProject}`, { project: { enabled: false } }],
        ["PATCH", `/projects/${ids.adminProject}`, { project: { name: "not-admin" } }],
        ["DELETE", `/projects/${ids.adminProject}`],
        ["PATCH", `/projects/${ownProject}`, { project: { name: "admin" } }],
        ["PATCH", "/domains/default", { domain: { name: "Renamed" } }],
      ];
      for (const [method, path, body] of refused) {
        expect((await cp.api(method, path, { token, body })).status, `${method} ${path}`).toBe(403);
      }
      expect((await cp.passwordAuth("admin", ADMIN_PASSWORD, { project: "admin" })).status).toBe(201);
      // Inside its domain it still administers: a grant on a Default project to a Default user.
      const demoUser = (await cp.api("GET", "/users?name=demo&domain_id=default", { token })).body.users[0]
        .id;
      const ok = await cp.api(
        "PUT",
        `/projects/${ids.demoProject}/users/${demoUser}/roles/${ids.adminRole}`,
        {
          token,
        },
      );
      expect(ok.status).toBe(204);
    });
  });
}
