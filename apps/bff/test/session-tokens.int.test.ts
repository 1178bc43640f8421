import { isOpenStackError } from "@zenith/api-client/http";
import { createKeystoneClient, passwordLogin } from "@zenith/api-client/keystone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalLoginFetch, readSession, revokeSessionTokens, type SessionPayload } from "../src/session.ts";
import { ADMIN_PASSWORD, type Harness, startHarness } from "./cloud-harness.ts";
import { callerFor, SECRET, sessionCookie } from "./helpers.ts";

/** Logout and login against the real control plane (in-memory database). */

const PORTAL_SECRET = "portal-secret-for-bff-tests-0123456789-abcdefgh";
let cloud: Harness;
let keystoneUrl = "";
let admin: ReturnType<typeof createKeystoneClient>;

/** Every token Keystone hands out through this fetch. */
function recordingFetch(seen: string[]): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const token = res.headers.get("x-subject-token");
    if (init?.method === "POST" && token) seen.push(token);
    return res;
  };
}

async function isValid(token: string): Promise<boolean> {
  return admin.validateToken(token).then(
    () => true,
    (err: unknown) => {
      if (isOpenStackError(err) && err.status === 404) return false;
      throw err;
    },
  );
}

/** The session a Set-Cookie answer carries, decoded as the next request would. */
async function sessionFrom(setCookie: string[]): Promise<{ cookie: string; keystone: SessionPayload }> {
  const cookie = setCookie.map((h) => h.split(";")[0]).join("; ");
  const decoded = await readSession(cookie, SECRET);
  if (!decoded) throw new Error("no session in Set-Cookie");
  return { cookie, keystone: decoded.keystone };
}

beforeAll(async () => {
  cloud = await startHarness({
    name: "session",
    control: {
      portalSecret: PORTAL_SECRET,
      loginThrottle: { maxFailures: 50, maxFailuresPerAddress: 3, windowMs: 60_000 },
    },
  });
  keystoneUrl = cloud.keystoneUrl;
  const session = await cloud.login("admin", ADMIN_PASSWORD);
  admin = createKeystoneClient({ authUrl: keystoneUrl, token: session.token });
});

afterAll(async () => {
  await cloud?.close();
});

describe("logout", () => {
  it("revokes every token the session obtained: the unscoped one and each project switch's", async () => {
    // A user with no default project: the login goes through an unscoped token.
    const member = (await admin.roles.list()).find((r) => r.name === "member");
    if (!member) throw new Error("no member role");
    const user = await admin.users.create({ name: "hopper", password: "hopper-password" });
    const projects = [];
    for (const name of ["hop-a", "hop-b"]) {
      const project = await admin.projects.create({ name });
      await admin.grants.grantOnProject(project.id, { userId: user.id }, member.id);
      projects.push(project);
    }
    const seen: string[] = [];
    const spy = recordingFetch(seen);
    const login = await passwordLogin({
      authUrl: keystoneUrl,
      username: "hopper",
      password: "hopper-password",
      fetch: spy,
    });
    expect(seen).toHaveLength(2);
    let cookie = await sessionCookie(login);
    let keystone: SessionPayload = login;
    for (const project of [...projects, ...projects]) {
      const { caller, cookies } = await callerFor(cookie, { keystoneUrl, fetch: spy });
      await caller.session.switchProject({ projectId: project.id });
      ({ cookie, keystone } = await sessionFrom(cookies));
    }
    expect(seen).toHaveLength(6);
    expect(await isValid(keystone.token)).toBe(true);

    expect(await revokeSessionTokens({ keystoneUrl, session: keystone })).toBeGreaterThan(0);
    for (const [i, token] of seen.entries()) {
      expect(await isValid(token), `token ${i} of the session`).toBe(false);
    }
  });
});

describe("cloud admin in the portal", () => {
  it("is admin on the admin project only: admin on another project gets no admin pages or procedures", async () => {
    const adminRole = (await admin.roles.list()).find((r) => r.name === "admin");
    if (!adminRole) throw new Error("no admin role");
    const project = await admin.projects.create({ name: "own-shop" });
    const user = await admin.users.create({
      name: "shopkeeper",
      password: "shopkeeper-password",
      default_project_id: project.id,
    });
    await admin.grants.grantOnProject(project.id, { userId: user.id }, adminRole.id);
    const login = await passwordLogin({
      authUrl: keystoneUrl,
      username: "shopkeeper",
      password: "shopkeeper-password",
    });
    expect(login).toMatchObject({ project: { name: "own-shop" }, isAdminProject: false });
    const { caller } = await callerFor(await sessionCookie(login), { keystoneUrl });
    expect(await caller.session.me()).toMatchObject({
      isAdmin: false,
      roles: expect.arrayContaining(["admin"]),
    });
    await expect(caller.identity.projects.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });

    const cloudAdmin = await passwordLogin({
      authUrl: keystoneUrl,
      username: "admin",
      password: ADMIN_PASSWORD,
    });
    const { caller: asAdmin } = await callerFor(await sessionCookie(cloudAdmin), { keystoneUrl });
    expect(await asAdmin.session.me()).toMatchObject({ isAdmin: true, project: { name: "admin" } });
  });
});

describe("login from the portal", () => {
  it("counts failed logins per browser address when the portal secret goes with it", async () => {
    const from = (clientAddress: string) => portalLoginFetch({ secret: PORTAL_SECRET, clientAddress });
    const attempt = (password: string, clientAddress: string) =>
      passwordLogin({ authUrl: keystoneUrl, username: "admin", password, fetch: from(clientAddress) }).then(
        () => 201,
        (err: unknown) => (isOpenStackError(err) ? err.status : 0),
      );
    for (let i = 0; i < 3; i++) expect(await attempt("wrong", "203.0.113.20")).toBe(401);
    expect(await attempt(ADMIN_PASSWORD, "203.0.113.20")).toBe(429);
    expect(await attempt(ADMIN_PASSWORD, "203.0.113.21")).toBe(201);
  });
});
