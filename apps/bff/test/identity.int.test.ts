import type { AddressInfo } from "node:net";
import { passwordLogin } from "@zenith/api-client/keystone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBffServer } from "../src/server.ts";
import { readSession } from "../src/session.ts";
import { ADMIN_PASSWORD, DEMO_PASSWORD, type Harness, runName, startHarness } from "./cloud-harness.ts";
import { callerFor, codeOf, SECRET, silentLog } from "./helpers.ts";

/**
 * The BFF against the real control plane (in-memory database): sessions
 * come from a real password login and are carried in a real encoded cookie.
 */

const unique = runName("int");
let cloud: Harness;
let control: Harness["control"];
let keystoneUrl = "";

const loginCookie = (username: string, password: string) => cloud.cookieOf(username, password);
const as = (username: string, password: string) => cloud.as(username, password);

beforeAll(async () => {
  cloud = await startHarness({ name: "identity", unique });
  control = cloud.control;
  keystoneUrl = cloud.keystoneUrl;
});

afterAll(async () => {
  await cloud?.close();
});

describe("admin", () => {
  it("sees an admin session scoped to the admin project", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const me = await caller.session.me();
    expect(me).toMatchObject({ isAdmin: true, user: { name: "admin" }, project: { name: "admin" } });
    expect(me.roles).toContain("admin");
  });

  it("lists, creates and updates projects, sorted and paged in the BFF", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const all = await caller.identity.projects.list({});
    expect(all.items.map((p) => p.name)).toEqual(expect.arrayContaining(["admin", "demo"]));
    const created = await caller.identity.projects.create({
      name: `${unique}-proj`,
      description: "integration",
    });
    expect(created).toMatchObject({ name: `${unique}-proj`, description: "integration", enabled: true });
    const filtered = await caller.identity.projects.list({ q: unique, pageSize: 5 });
    expect(filtered.total).toBe(1);
    expect(filtered.items[0]?.id).toBe(created.id);
    const desc = await caller.identity.projects.list({ sort: "name", dir: "desc", pageSize: 1 });
    expect(desc.items).toHaveLength(1);
    expect(desc.total).toBe(all.total + 1);
    const updated = await caller.identity.projects.update({ id: created.id, description: "changed" });
    expect(updated.description).toBe("changed");
    expect(await caller.identity.projects.get({ id: created.id })).toEqual(updated);
  });

  it("creates a user with a role, sees the join, and grants a role to a group and a user", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const project = await caller.identity.projects.create({ name: `${unique}-team` });
    const roles = await caller.identity.roles.list({ pageSize: 100 });
    const member = roles.items.find((r) => r.name === "member");
    const reader = roles.items.find((r) => r.name === "reader");
    if (!member || !reader) throw new Error("bootstrap roles missing");

    const user = await caller.identity.users.create({
      name: `${unique}-alice`,
      password: "alice-password",
      email: "alice@example.com",
      projectId: project.id,
      roleId: member.id,
    });
    expect(user).toMatchObject({
      name: `${unique}-alice`,
      email: "alice@example.com",
      defaultProjectId: project.id,
    });
    const users = await caller.identity.users.list({ q: `${unique}-alice` });
    expect(users.items.map((u) => u.id)).toEqual([user.id]);

    const group = await caller.identity.groups.create({ name: `${unique}-ops` });
    await caller.identity.groups.addUser({ groupId: group.id, userId: user.id });
    expect(await caller.identity.groups.members({ groupId: group.id })).toEqual([
      { id: user.id, name: user.name },
    ]);
    await caller.identity.projects.grant({ projectId: project.id, groupId: group.id, roleId: reader.id });

    const detail = await caller.identity.users.get({ id: user.id });
    expect(detail.groups).toEqual([{ id: group.id, name: group.name }]);
    expect(detail.projects).toHaveLength(1);
    expect(detail.projects[0]?.roles).toEqual(expect.arrayContaining(["member", "reader"]));

    const members = await caller.identity.projects.members({ projectId: project.id });
    expect(members.users).toEqual([
      { id: user.id, name: user.name, roles: [{ id: member.id, name: "member" }] },
    ]);
    expect(members.groups).toEqual([
      { id: group.id, name: group.name, roles: [{ id: reader.id, name: "reader" }] },
    ]);

    const assignments = await caller.identity.assignments.list({ projectId: project.id });
    expect(assignments).toHaveLength(2);
    expect(assignments.find((a) => a.user)?.scope.project?.id).toBe(project.id);

    await caller.identity.projects.revoke({ projectId: project.id, groupId: group.id, roleId: reader.id });
    expect((await caller.identity.projects.members({ projectId: project.id })).groups).toEqual([]);
  });

  it("maps Keystone's 404 and 409", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    expect(await codeOf(caller.identity.projects.get({ id: "does-not-exist" }))).toBe("NOT_FOUND");
    await caller.identity.roles.create({ name: `${unique}-role` });
    expect(await codeOf(caller.identity.roles.create({ name: `${unique}-role` }))).toBe("CONFLICT");
  });

  it("downloads an openrc for the current project", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const file = await caller.identity.apiAccess.openrc();
    expect(file.filename).toBe("admin-openrc.sh");
    expect(file.content).toContain(`export OS_AUTH_URL='${control.url}/identity/v3'`);
    expect(file.content).toContain("export OS_REGION_NAME='RegionOne'");
  });

  it("lists the token's endpoint catalog with what an application-credential file needs", async () => {
    const { caller } = await as("admin", ADMIN_PASSWORD);
    const catalog = await caller.identity.apiAccess.catalog();
    expect(catalog).toMatchObject({
      authUrl: `${control.url}/identity/v3`,
      region: "RegionOne",
      interface: "public",
    });
    const types = new Set(catalog.endpoints.map((e) => e.serviceType));
    for (const type of ["identity", "compute", "image", "network", "volumev3"]) expect(types).toContain(type);
    const compute = catalog.endpoints.find((e) => e.serviceType === "compute" && e.interface === "public");
    expect(compute).toMatchObject({ region: "RegionOne" });
    expect(compute?.url).toMatch(/\/compute\/v2\.1$/);
  });
});

describe("member", () => {
  it("is refused admin procedures", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const me = await caller.session.me();
    expect(me).toMatchObject({ isAdmin: false, project: { name: "demo" } });
    expect(await codeOf(caller.identity.projects.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(caller.identity.users.create({ name: "x", password: "y" }))).toBe("FORBIDDEN");
    expect(await codeOf(caller.identity.roles.list({}))).toBe("FORBIDDEN");
  });

  it("cannot reach another project", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const projects = await caller.session.projects();
    expect(projects.map((p) => p.name)).toEqual(["demo"]);
    const { caller: admin } = await as("admin", ADMIN_PASSWORD);
    const adminProject = (await admin.session.me()).project;
    if (!adminProject) throw new Error("admin has no project");
    expect(await codeOf(caller.session.switchProject({ projectId: adminProject.id }))).toBe("FORBIDDEN");
    await expect(
      passwordLogin({
        authUrl: keystoneUrl,
        username: "demo",
        password: DEMO_PASSWORD,
        projectId: adminProject.id,
      }),
    ).rejects.toMatchObject({
      status: 401,
    });
  });

  it("manages their own application credentials in the current project", async () => {
    const { caller } = await as("demo", DEMO_PASSWORD);
    const created = await caller.identity.appCredentials.create({ name: `${unique}-ci` });
    expect(created.secret.length).toBeGreaterThan(0);
    const listed = await caller.identity.appCredentials.list({ q: unique });
    expect(listed.items.map((c) => c.id)).toEqual([created.id]);
    expect(listed.items[0]).not.toHaveProperty("secret");
    await caller.identity.appCredentials.delete({ id: created.id });
    expect((await caller.identity.appCredentials.list({ q: unique })).total).toBe(0);
  });
});

describe("session.switchProject", () => {
  it("rescopes and sets a renewed cookie the BFF accepts", async () => {
    const { caller: admin } = await as("admin", ADMIN_PASSWORD);
    const target = await admin.identity.projects.create({ name: `${unique}-switch` });
    const demoUser = (await admin.identity.users.list({ q: "demo" })).items.find((u) => u.name === "demo");
    const member = (await admin.identity.roles.list({})).items.find((r) => r.name === "member");
    if (!demoUser || !member) throw new Error("bootstrap data missing");
    await admin.identity.projects.grant({ projectId: target.id, userId: demoUser.id, roleId: member.id });

    const { caller, cookies } = await as("demo", DEMO_PASSWORD);
    const result = await caller.session.switchProject({ projectId: target.id });
    expect(result).toEqual({
      project: { id: target.id, name: target.name },
      roles: expect.arrayContaining(["member"]),
    });
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^authjs\.session-token=.*; Path=\/; HttpOnly; SameSite=Lax/);

    const renewed = cookies[0]?.split(";")[0];
    const decoded = await readSession(renewed, SECRET);
    expect(decoded?.keystone.project?.id).toBe(target.id);
    const { caller: after } = await callerFor(renewed, { keystoneUrl });
    expect((await after.session.me()).project).toEqual({ id: target.id, name: target.name });
  });

  it("sends Set-Cookie over HTTP", async () => {
    const server = createBffServer({ keystoneUrl, authSecret: SECRET }, silentLog);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // Give admin a second project to switch to.
      const { caller: admin } = await as("admin", ADMIN_PASSWORD);
      const me = await admin.session.me();
      const demoProject = (await admin.identity.projects.list({ q: "demo" })).items.find(
        (p) => p.name === "demo",
      );
      const member = (await admin.identity.roles.list({})).items.find((r) => r.name === "member");
      if (!demoProject || !member) throw new Error("bootstrap data missing");
      await admin.identity.projects.grant({
        projectId: demoProject.id,
        userId: me.user.id,
        roleId: member.id,
      });

      const cookie = await loginCookie("admin", ADMIN_PASSWORD);
      const projects = await fetch(`${base}/api/trpc/session.projects`, { headers: { cookie } });
      const demo = (await projects.json()).result.data.find((p: { name: string }) => p.name === "demo");
      const res = await fetch(`${base}/api/trpc/session.switchProject`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ projectId: demo.id }),
      });
      expect(res.status).toBe(200);
      const setCookie = res.headers.getSetCookie();
      expect(setCookie).toHaveLength(1);
      expect(setCookie[0]).toContain("HttpOnly");
      expect((await readSession(setCookie[0]?.split(";")[0], SECRET))?.keystone.project?.name).toBe("demo");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("identity.me.changePassword", () => {
  it("changes the password; the old session ends", async () => {
    const { caller: admin } = await as("admin", ADMIN_PASSWORD);
    const demoProject = (await admin.identity.projects.list({ q: "demo" })).items.find(
      (p) => p.name === "demo",
    );
    const member = (await admin.identity.roles.list({})).items.find((r) => r.name === "member");
    if (!demoProject || !member) throw new Error("bootstrap data missing");
    await admin.identity.users.create({
      name: `${unique}-bob`,
      password: "bob-password-1",
      projectId: demoProject.id,
      roleId: member.id,
    });

    const { caller } = await as(`${unique}-bob`, "bob-password-1");
    expect(
      await codeOf(
        caller.identity.me.changePassword({ originalPassword: "wrong", password: "bob-password-2" }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await caller.identity.me.changePassword({
        originalPassword: "bob-password-1",
        password: "bob-password-2",
      }),
    ).toEqual({
      ok: true,
    });
    expect(await codeOf(caller.session.projects())).toBe("UNAUTHORIZED");
    const { caller: again } = await as(`${unique}-bob`, "bob-password-2");
    expect((await again.session.me()).user.name).toBe(`${unique}-bob`);
  });
});
