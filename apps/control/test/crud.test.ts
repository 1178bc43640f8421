import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestControl, type TestControl, testTargets } from "./harness.ts";

for (const target of testTargets()) {
  describe(`identity CRUD on ${target.label}`, () => {
    let cp: TestControl;
    let token: string;
    const api = (method: string, path: string, body?: unknown) => cp.api(method, path, { token, body });
    beforeAll(async () => {
      cp = await startTestControl(target);
      token = await cp.adminToken();
    });
    afterAll(async () => cp?.close());

    it("domains: create, list by name, update, refuse deleting enabled, delete disabled", async () => {
      const created = await api("POST", "/domains", { domain: { name: "acme-dom", description: "d" } });
      expect(created.status).toBe(201);
      const d = created.body.domain;
      expect(d).toMatchObject({ name: "acme-dom", enabled: true, options: {} });
      expect(d.links.self).toBe(`${cp.url}/identity/v3/domains/${d.id}`);
      expect((await api("POST", "/domains", { domain: { name: "acme-dom" } })).status).toBe(409);
      const list = await api("GET", "/domains?name=acme-dom");
      expect(list.body.domains).toHaveLength(1);
      expect(list.body.links).toEqual({
        self: `${cp.url}/identity/v3/domains?name=acme-dom`,
        previous: null,
        next: null,
      });
      expect((await api("GET", `/domains/${d.id}`)).body.domain.name).toBe("acme-dom");
      // A project inside goes with the domain.
      expect((await api("POST", "/projects", { project: { name: "inner", domain_id: d.id } })).status).toBe(
        201,
      );
      const refused = await api("DELETE", `/domains/${d.id}`);
      expect(refused.status).toBe(403);
      expect(
        (await api("PATCH", `/domains/${d.id}`, { domain: { enabled: false } })).body.domain.enabled,
      ).toBe(false);
      expect((await api("DELETE", `/domains/${d.id}`)).status).toBe(204);
      expect((await api("GET", `/domains/${d.id}`)).status).toBe(404);
      expect((await api("GET", `/projects?domain_id=${d.id}`)).body.projects).toEqual([]);
    });

    it("projects: create, filters, tags, update, children, delete", async () => {
      const parent = await api("POST", "/projects", {
        project: {
          name: "p-parent",
          domain_id: "default",
          description: "",
          enabled: true,
          options: {},
          tags: ["a", "b"],
        },
      });
      expect(parent.status).toBe(201);
      const p = parent.body.project;
      expect(p).toMatchObject({
        domain_id: "default",
        parent_id: "default",
        is_domain: false,
        tags: ["a", "b"],
      });
      const child = await api("POST", "/projects", { project: { name: "p-child", parent_id: p.id } });
      expect(child.body.project).toMatchObject({ parent_id: p.id, domain_id: "default" });
      expect(
        (await api("POST", "/projects", { project: { name: "p-parent", domain_id: "default" } })).status,
      ).toBe(409);
      expect(
        (await api("GET", "/projects?name=p-parent")).body.projects.map((x: { id: string }) => x.id),
      ).toEqual([p.id]);
      expect((await api("GET", `/projects?parent_id=${p.id}`)).body.projects).toHaveLength(1);
      expect(
        (await api("GET", "/projects?tags=a,b")).body.projects.map((x: { name: string }) => x.name),
      ).toEqual(["p-parent"]);
      await api("PATCH", `/projects/${child.body.project.id}`, { project: { enabled: false } });
      const disabled = await api("GET", "/projects?enabled=false");
      expect(disabled.body.projects.map((x: { name: string }) => x.name)).toEqual(["p-child"]);
      expect((await api("GET", `/projects/${p.id}/tags`)).body.tags).toEqual(["a", "b"]);
      expect((await api("PUT", `/projects/${p.id}/tags/c`)).status).toBe(201);
      expect((await api("HEAD", `/projects/${p.id}/tags/c`)).status).toBe(204);
      expect((await api("DELETE", `/projects/${p.id}/tags/a`)).status).toBe(204);
      expect((await api("PUT", `/projects/${p.id}/tags`, { tags: ["z"] })).body.tags).toEqual(["z"]);
      const renamed = await api("PATCH", `/projects/${p.id}`, {
        project: { name: "p-renamed", description: "new" },
      });
      expect(renamed.body.project).toMatchObject({ name: "p-renamed", description: "new" });
      expect((await api("DELETE", `/projects/${p.id}`)).status).toBe(403);
      expect((await api("DELETE", `/projects/${child.body.project.id}`)).status).toBe(204);
      expect((await api("DELETE", `/projects/${p.id}`)).status).toBe(204);
      expect((await api("GET", `/projects/${p.id}`)).status).toBe(404);
    });

    it("users: create, filters, show, update, projects, groups, delete", async () => {
      const proj = (await api("POST", "/projects", { project: { name: "u-proj" } })).body.project;
      const created = await api("POST", "/users", {
        user: {
          name: "bob",
          domain_id: "default",
          password: "pw",
          default_project_id: proj.id,
          email: "b@x",
          options: {},
        },
      });
      expect(created.status).toBe(201);
      const u = created.body.user;
      expect(u).toMatchObject({
        name: "bob",
        domain_id: "default",
        enabled: true,
        default_project_id: proj.id,
        email: "b@x",
      });
      expect(u.password).toBeUndefined();
      expect(JSON.stringify(created.body)).not.toContain("scrypt");
      expect((await api("POST", "/users", { user: { name: "bob", domain_id: "default" } })).status).toBe(409);
      expect((await api("GET", "/users?name=bob")).body.users).toHaveLength(1);
      expect(
        (await api("GET", "/users?domain_id=default&enabled=true")).body.users.length,
      ).toBeGreaterThanOrEqual(3);
      expect(
        (await api("PATCH", `/users/${u.id}`, { user: { description: "hi" } })).body.user.description,
      ).toBe("hi");
      const role = (await api("GET", "/roles?name=member")).body.roles[0];
      expect((await api("PUT", `/projects/${proj.id}/users/${u.id}/roles/${role.id}`)).status).toBe(204);
      const projects = await api("GET", `/users/${u.id}/projects`);
      expect(projects.body.projects.map((x: { id: string }) => x.id)).toEqual([proj.id]);
      expect((await api("GET", `/users/${u.id}/groups`)).body.groups).toEqual([]);
      expect((await api("DELETE", `/users/${u.id}`)).status).toBe(204);
      expect((await api("GET", `/users/${u.id}`)).status).toBe(404);
      expect((await api("GET", `/users/${u.id}/projects`)).status).toBe(404);
    });

    it("groups: create, membership PUT/HEAD/GET/DELETE, list users, delete", async () => {
      const g = (await api("POST", "/groups", { group: { name: "devs", domain_id: "default" } })).body.group;
      expect(g).toMatchObject({ name: "devs", domain_id: "default", description: "" });
      const u = (await api("POST", "/users", { user: { name: "carol" } })).body.user;
      expect((await api("HEAD", `/groups/${g.id}/users/${u.id}`)).status).toBe(404);
      expect((await api("PUT", `/groups/${g.id}/users/${u.id}`)).status).toBe(204);
      expect((await api("HEAD", `/groups/${g.id}/users/${u.id}`)).status).toBe(204);
      expect(
        (await api("GET", `/groups/${g.id}/users`)).body.users.map((x: { name: string }) => x.name),
      ).toEqual(["carol"]);
      expect(
        (await api("GET", `/users/${u.id}/groups`)).body.groups.map((x: { id: string }) => x.id),
      ).toEqual([g.id]);
      expect((await api("GET", "/groups?name=devs")).body.groups).toHaveLength(1);
      expect(
        (await api("PATCH", `/groups/${g.id}`, { group: { description: "x" } })).body.group.description,
      ).toBe("x");
      expect((await api("DELETE", `/groups/${g.id}/users/${u.id}`)).status).toBe(204);
      expect((await api("DELETE", `/groups/${g.id}/users/${u.id}`)).status).toBe(404);
      expect((await api("DELETE", `/groups/${g.id}`)).status).toBe(204);
      expect((await api("GET", `/groups/${g.id}`)).status).toBe(404);
    });

    it("roles: create, list by name, update, delete", async () => {
      const r = (await api("POST", "/roles", { role: { name: "observer" } })).body.role;
      expect(r).toMatchObject({ name: "observer", domain_id: null, options: {} });
      expect((await api("POST", "/roles", { role: { name: "observer" } })).status).toBe(409);
      expect((await api("GET", "/roles?name=observer")).body.roles).toHaveLength(1);
      expect((await api("GET", "/roles")).body.roles.map((x: { name: string }) => x.name)).toEqual(
        expect.arrayContaining(["admin", "member", "reader", "observer"]),
      );
      expect(
        (await api("PATCH", `/roles/${r.id}`, { role: { description: "looks" } })).body.role.description,
      ).toBe("looks");
      expect((await api("DELETE", `/roles/${r.id}`)).status).toBe(204);
      expect((await api("GET", `/roles/${r.id}`)).status).toBe(404);
    });

    it("grants on projects and domains, for users and groups", async () => {
      const proj = (await api("POST", "/projects", { project: { name: "g-proj" } })).body.project;
      const u = (await api("POST", "/users", { user: { name: "dave" } })).body.user;
      const g = (await api("POST", "/groups", { group: { name: "g-grp" } })).body.group;
      const role = (await api("GET", "/roles?name=reader")).body.roles[0];
      for (const base of [
        `/projects/${proj.id}/users/${u.id}`,
        `/projects/${proj.id}/groups/${g.id}`,
        `/domains/default/users/${u.id}`,
        `/domains/default/groups/${g.id}`,
      ]) {
        expect((await api("HEAD", `${base}/roles/${role.id}`)).status, base).toBe(404);
        expect((await api("PUT", `${base}/roles/${role.id}`)).status, base).toBe(204);
        expect((await api("HEAD", `${base}/roles/${role.id}`)).status, base).toBe(204);
        expect((await api("GET", `${base}/roles/${role.id}`)).status, base).toBe(204);
        const list = await api("GET", `${base}/roles`);
        expect(
          list.body.roles.map((x: { id: string }) => x.id),
          base,
        ).toEqual([role.id]);
        expect((await api("DELETE", `${base}/roles/${role.id}`)).status, base).toBe(204);
        expect((await api("GET", `${base}/roles`)).body.roles, base).toEqual([]);
      }
      expect((await api("PUT", `/projects/nope/users/${u.id}/roles/${role.id}`)).status).toBe(404);
      expect((await api("PUT", `/projects/${proj.id}/users/nope/roles/${role.id}`)).status).toBe(404);
      expect((await api("PUT", `/projects/${proj.id}/users/${u.id}/roles/nope`)).status).toBe(404);
    });

    it("services, endpoints and regions", async () => {
      const region = await api("POST", "/regions", { region: { id: "RegionTwo", description: "second" } });
      expect(region.status).toBe(201);
      expect(region.body.region).toMatchObject({ id: "RegionTwo", parent_region_id: null });
      expect((await api("POST", "/regions", { region: { id: "RegionTwo" } })).status).toBe(409);
      expect((await api("GET", "/regions")).body.regions.map((r: { id: string }) => r.id)).toEqual([
        "RegionOne",
        "RegionTwo",
      ]);
      const svc = (
        await api("POST", "/services", { service: { type: "zenith-test", name: "tester", description: "c" } })
      ).body.service;
      expect(svc).toMatchObject({ type: "zenith-test", name: "tester", enabled: true });
      expect(
        (await api("GET", "/services?type=zenith-test")).body.services.map((s: { id: string }) => s.id),
      ).toEqual([svc.id]);
      const ep = await api("POST", "/endpoints", {
        endpoint: {
          service_id: svc.id,
          interface: "public",
          url: "http://c/compute/v2.1/%(project_id)s",
          region_id: "RegionTwo",
        },
      });
      expect(ep.status).toBe(201);
      expect(ep.body.endpoint).toMatchObject({
        interface: "public",
        region_id: "RegionTwo",
        region: "RegionTwo",
        service_id: svc.id,
      });
      expect(
        (await api("GET", `/endpoints?service_id=${svc.id}&interface=public`)).body.endpoints,
      ).toHaveLength(1);
      expect(
        (await api("GET", `/endpoints?service_id=${svc.id}&interface=admin`)).body.endpoints,
      ).toHaveLength(0);
      // New services show up in tokens, with the project substituted.
      const fresh = await cp.adminToken();
      const issued = await cp.api("GET", "/auth/tokens", {
        token: fresh,
        headers: { "x-subject-token": fresh },
      });
      const added = issued.body.token.catalog.find((s: { type: string }) => s.type === "zenith-test");
      expect(added.endpoints[0].url).toBe(`http://c/compute/v2.1/${issued.body.token.project.id}`);
      const patched = await api("PATCH", `/endpoints/${ep.body.endpoint.id}`, {
        endpoint: { url: "http://c2" },
      });
      expect(patched.body.endpoint.url).toBe("http://c2");
      expect(
        (await api("POST", "/endpoints", { endpoint: { service_id: "nope", interface: "public", url: "x" } }))
          .status,
      ).toBe(400);
      expect(
        (await api("PATCH", `/services/${svc.id}`, { service: { enabled: false } })).body.service.enabled,
      ).toBe(false);
      expect((await api("DELETE", `/services/${svc.id}`)).status).toBe(204);
      expect((await api("GET", `/endpoints/${ep.body.endpoint.id}`)).status).toBe(404);
      expect(
        (await api("PATCH", "/regions/RegionTwo", { region: { description: "2" } })).body.region.description,
      ).toBe("2");
      expect((await api("DELETE", "/regions/RegionTwo")).status).toBe(204);
      expect((await api("GET", "/regions/RegionTwo")).status).toBe(404);
    });
  });
}
