import { OpenStackError } from "@zenith/api-client/http";
import { createKeystoneClient } from "@zenith/api-client/keystone";
import { ZenithError } from "@zenith/core/errors";
import { describe, expect, it } from "vitest";
import { toZenithError } from "../src/services/errors.ts";
import {
  cloudsYamlFor,
  openrcFor,
  shellQuote,
  withIdentityVersion,
} from "../src/services/identity/apiAccess.ts";
import { changeOwnPassword } from "../src/services/identity/me.ts";
import { listProjects, projectMembers } from "../src/services/identity/projects.ts";
import { createUser, getUser } from "../src/services/identity/users.ts";
import { fakeKeystone, type Route } from "./fake-keystone.ts";
import { keystoneSession } from "./helpers.ts";

const clientWith = (routes: Route[]) => {
  const fake = fakeKeystone(routes);
  return {
    keystone: createKeystoneClient({ authUrl: "http://k/identity/v3", token: "t", fetch: fake.fetch }),
    calls: fake.calls,
  };
};

describe("toZenithError", () => {
  it.each([
    [400, "BAD_REQUEST"],
    [401, "UNAUTHORIZED"],
    [403, "FORBIDDEN"],
    [404, "NOT_FOUND"],
    [409, "CONFLICT"],
    [429, "TOO_MANY_REQUESTS"],
    [503, "SERVICE_UNAVAILABLE"],
    [500, "INTERNAL"],
  ])("maps %i to %s", (status, code) => {
    expect(toZenithError(new OpenStackError(status, "m"))?.code).toBe(code);
  });
  it("passes ZenithError through and ignores other errors", () => {
    const z = new ZenithError("CONFLICT", "x");
    expect(toZenithError(z)).toBe(z);
    expect(toZenithError(new Error("x"))).toBeNull();
  });
});

describe("projects service", () => {
  it("passes domain/enabled to Keystone, drops domains, pages in the BFF", async () => {
    const { keystone, calls } = clientWith([
      {
        path: "/projects?domain_id=default&enabled=true",
        body: {
          projects: [
            { id: "b", name: "beta", domain_id: "default", enabled: true, description: null },
            { id: "a", name: "alpha", domain_id: "default", enabled: true, tags: ["x"] },
            {
              id: "default",
              name: "Default",
              domain_id: "<<keystone.domain.root>>",
              enabled: true,
              is_domain: true,
            },
          ],
        },
      },
    ]);
    const page = await listProjects(keystone, { page: 1, pageSize: 1, domainId: "default", enabled: true });
    expect(page).toEqual({
      items: [{ id: "a", name: "alpha", description: "", domainId: "default", enabled: true, tags: ["x"] }],
      total: 2,
      page: 1,
      pageSize: 1,
    });
    expect(calls).toHaveLength(1);
  });

  it("groups direct assignments into users and groups with their roles", async () => {
    const { keystone, calls } = clientWith([
      {
        path: "/role_assignments?scope.project.id=p&include_names=true",
        body: {
          role_assignments: [
            {
              role: { id: "r1", name: "member" },
              user: { id: "u1", name: "zed" },
              scope: { project: { id: "p", name: "P" } },
            },
            {
              role: { id: "r2", name: "admin" },
              user: { id: "u1", name: "zed" },
              scope: { project: { id: "p", name: "P" } },
            },
            {
              role: { id: "r1", name: "member" },
              user: { id: "u2", name: "amy" },
              scope: { project: { id: "p", name: "P" } },
            },
            {
              role: { id: "r3", name: "reader" },
              group: { id: "g1", name: "ops" },
              scope: { project: { id: "p", name: "P" } },
            },
          ],
        },
      },
    ]);
    expect(await projectMembers(keystone, "p")).toEqual({
      users: [
        { id: "u2", name: "amy", roles: [{ id: "r1", name: "member" }] },
        {
          id: "u1",
          name: "zed",
          roles: [
            { id: "r1", name: "member" },
            { id: "r2", name: "admin" },
          ],
        },
      ],
      groups: [{ id: "g1", name: "ops", roles: [{ id: "r3", name: "reader" }] }],
    });
    expect(calls).toHaveLength(1);
  });
});

describe("users service", () => {
  it("joins effective project roles and groups for one user", async () => {
    const { keystone, calls } = clientWith([
      {
        path: "/users/u1",
        body: { user: { id: "u1", name: "zed", domain_id: "default", enabled: true, email: "z@x" } },
      },
      { path: "/users/u1/groups", body: { groups: [{ id: "g1", name: "ops", domain_id: "default" }] } },
      {
        path: "/role_assignments?user.id=u1&effective=true&include_names=true",
        body: {
          role_assignments: [
            {
              role: { id: "r1", name: "member" },
              user: { id: "u1" },
              scope: { project: { id: "p", name: "demo" } },
            },
            {
              role: { id: "r3", name: "reader" },
              user: { id: "u1" },
              scope: { project: { id: "p", name: "demo" } },
            },
            { role: { id: "r2", name: "admin" }, user: { id: "u1" }, scope: { system: { all: true } } },
          ],
        },
      },
    ]);
    const user = await getUser(keystone, "u1");
    expect(user.projects).toEqual([{ id: "p", name: "demo", roles: ["member", "reader"] }]);
    expect(user.groups).toEqual([{ id: "g1", name: "ops" }]);
    expect(user).toMatchObject({ email: "z@x", description: "", defaultProjectId: null });
    expect(calls).toHaveLength(3);
  });

  it("removes the new user when the initial grant fails", async () => {
    const { keystone, calls } = clientWith([
      {
        method: "POST",
        path: "/users",
        status: 201,
        body: { user: { id: "new", name: "n", domain_id: "default" } },
      },
      {
        method: "PUT",
        path: "/projects/p/users/new/roles/bad",
        status: 404,
        body: { error: { message: "Could not find role: bad." } },
      },
      { method: "DELETE", path: "/users/new", status: 204 },
    ]);
    await expect(
      createUser(keystone, { name: "n", password: "p", projectId: "p", roleId: "bad" }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /users",
      "PUT /projects/p/users/new/roles/bad",
      "DELETE /users/new",
    ]);
    expect(calls[0]?.body).toEqual({ user: { name: "n", password: "p", default_project_id: "p" } });
  });
});

describe("changeOwnPassword", () => {
  it("reports a wrong original password as a field error, not a logout", async () => {
    const { keystone } = clientWith([
      {
        method: "POST",
        path: "/users/u/password",
        status: 401,
        body: { error: { message: "unauthorized" } },
      },
    ]);
    const err = await changeOwnPassword(keystone, "u", { originalPassword: "x", password: "y" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ZenithError);
    expect(err).toMatchObject({ code: "BAD_REQUEST", fields: [{ path: "originalPassword" }] });
  });
});

describe("API access files", () => {
  const catalog = {
    catalog: [
      {
        id: "s1",
        type: "identity",
        name: "keystone",
        endpoints: [
          { id: "e1", interface: "internal", region_id: "RegionTwo", url: "http://10.0.0.1:5000/identity" },
          {
            id: "e2",
            interface: "public",
            region_id: "RegionTwo",
            url: "https://cloud.example.com/identity",
          },
        ],
      },
    ],
  };
  const session = keystoneSession({ project: { id: "p1", name: "it's $demo", domainId: "default" } });

  it("renders an openrc with the public identity URL and a password prompt", async () => {
    const { keystone } = clientWith([{ path: "/auth/catalog", body: catalog }]);
    const file = await openrcFor(keystone, session, "http://localhost:5000/identity/v3");
    expect(file.filename).toBe("it_s_demo-openrc.sh");
    expect(file.content).toContain("export OS_AUTH_URL='https://cloud.example.com/identity/v3'\n");
    expect(file.content).toContain("export OS_PROJECT_ID='p1'\n");
    expect(file.content).toContain(`export OS_PROJECT_NAME='it'"'"'s $demo'\n`);
    expect(file.content).toContain("export OS_USER_DOMAIN_NAME='Default'\n");
    expect(file.content).toContain("export OS_PROJECT_DOMAIN_ID='default'\n");
    expect(file.content).toContain("export OS_USERNAME='demo'\n");
    expect(file.content).toContain("read -sr OS_PASSWORD_INPUT\nexport OS_PASSWORD=$OS_PASSWORD_INPUT\n");
    expect(file.content).toContain("export OS_REGION_NAME='RegionTwo'\n");
    expect(file.content).toContain("export OS_INTERFACE=public\nexport OS_IDENTITY_API_VERSION=3\n");
  });

  it("renders clouds.yaml without a password", async () => {
    const { keystone } = clientWith([{ path: "/auth/catalog", body: catalog }]);
    const file = await cloudsYamlFor(keystone, session, "http://fallback/v3");
    expect(file.filename).toBe("clouds.yaml");
    expect(file.content).toContain('      auth_url: "https://cloud.example.com/identity/v3"');
    expect(file.content).toContain('      project_name: "it\'s $demo"');
    expect(file.content).toContain('    region_name: "RegionTwo"');
    expect(file.content).not.toMatch(/^\s*password:/m);
  });

  it("falls back to the configured Keystone URL without a catalog", async () => {
    const { keystone } = clientWith([{ path: "/auth/catalog", body: { catalog: [] } }]);
    const file = await openrcFor(keystone, session, "http://localhost:5000/identity/v3");
    expect(file.content).toContain("export OS_AUTH_URL='http://localhost:5000/identity/v3'");
  });

  it("quotes for the shell and appends the identity version", () => {
    expect(shellQuote("a'b")).toBe(`'a'"'"'b'`);
    expect(withIdentityVersion("http://x/identity/")).toBe("http://x/identity/v3");
    expect(withIdentityVersion("http://x/identity/v3")).toBe("http://x/identity/v3");
  });
});
