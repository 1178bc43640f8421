import type { AddressInfo } from "node:net";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBffServer } from "../src/server.ts";
import { SESSION_EXPIRED } from "../src/trpc.ts";
import { fakeKeystone } from "./fake-keystone.ts";
import { callerFor, keystoneSession, SECRET, sessionCookie, silentLog } from "./helpers.ts";

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

describe("procedure ladder (createCaller)", () => {
  it("refuses every non-public procedure without a cookie", async () => {
    const { caller } = await callerFor(undefined);
    expect(await codeOf(caller.session.me())).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await codeOf(caller.identity.projects.list({}))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await codeOf(caller.identity.apiAccess.openrc())).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("treats an expired Keystone token as no session", async () => {
    const expired = keystoneSession({ expiresAt: new Date(Date.now() - 60_000).toISOString() });
    const { caller } = await callerFor(await sessionCookie(expired));
    expect(await codeOf(caller.session.me())).toEqual({ code: "UNAUTHORIZED", message: SESSION_EXPIRED });
  });

  it("lets a member read their session but refuses admin procedures", async () => {
    const { caller } = await callerFor(await sessionCookie(keystoneSession()));
    const me = await caller.session.me();
    expect(me).toMatchObject({
      isAdmin: false,
      roles: ["member", "reader"],
      project: { id: "p-demo", name: "demo" },
    });
    for (const call of [
      caller.identity.projects.list({}),
      caller.identity.projects.get({ id: "p-admin" }),
      caller.identity.users.create({ name: "x", password: "y" }),
      caller.identity.roles.list({}),
      caller.identity.assignments.list({}),
      caller.identity.groups.members({ groupId: "g" }),
    ]) {
      expect(await codeOf(call)).toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("refuses project procedures to an unscoped session", async () => {
    const { caller } = await callerFor(await sessionCookie(keystoneSession({ project: null, roles: [] })));
    expect(await codeOf(caller.identity.apiAccess.cloudsYaml())).toMatchObject({ code: "FORBIDDEN" });
    expect(await codeOf(caller.identity.appCredentials.create({ name: "x" }))).toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("lets an admin through and maps Keystone errors once", async () => {
    const keystone = fakeKeystone([
      {
        path: "/projects/missing",
        status: 404,
        body: { error: { code: 404, message: "Could not find project: missing." } },
      },
      {
        method: "POST",
        path: "/projects",
        status: 409,
        body: { error: { code: 409, message: "Conflict occurred." } },
      },
      { method: "DELETE", path: "/roles/r", status: 403, body: { error: { code: 403, message: "Nope." } } },
      {
        method: "DELETE",
        path: "/users/u",
        status: 429,
        body: { error: { code: 429, message: "Slow down." } },
      },
    ]);
    const admin = keystoneSession({ token: "tok-admin", roles: ["admin", "member", "reader"] });
    const { caller } = await callerFor(await sessionCookie(admin), { fetch: keystone.fetch });
    expect(await codeOf(caller.identity.projects.get({ id: "missing" }))).toEqual({
      code: "NOT_FOUND",
      message: "Could not find project: missing.",
    });
    expect(await codeOf(caller.identity.projects.create({ name: "dup" }))).toMatchObject({
      code: "CONFLICT",
    });
    expect(await codeOf(caller.identity.roles.delete({ id: "r" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await codeOf(caller.identity.users.delete({ id: "u" }))).toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect(keystone.calls.every((c) => c.token === "tok-admin")).toBe(true);
  });

  it("rejects bad input with BAD_REQUEST", async () => {
    const admin = keystoneSession({ roles: ["admin"] });
    const { caller } = await callerFor(await sessionCookie(admin));
    expect(await codeOf(caller.identity.projects.list({ pageSize: 1000 }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("error shape over HTTP", () => {
  let base = "";
  const keystone = fakeKeystone([
    {
      path: "/users/gone",
      status: 404,
      body: { error: { code: 404, message: "Could not find user: gone." } },
    },
    { path: "/auth/catalog", status: 500, body: { error: { code: 500, message: "db password is hunter2" } } },
  ]);
  const server = createBffServer(
    { keystoneUrl: "http://keystone.test/identity/v3", authSecret: SECRET, fetch: keystone.fetch },
    silentLog,
  );
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function post(path: string, input: unknown, cookie?: string) {
    const res = await fetch(`${base}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(input),
    });
    return { status: res.status, body: await res.json() };
  }

  it("puts field errors and the zenith code in error.data", async () => {
    const cookie = await sessionCookie(keystoneSession({ roles: ["admin"] }));
    const { status, body } = await post(
      "identity.users.create",
      { name: "", password: "p", email: "not-an-email" },
      cookie,
    );
    expect(status).toBe(400);
    expect(body.error.data.code).toBe("BAD_REQUEST");
    expect(body.error.data.zenithCode).toBe("BAD_REQUEST");
    expect(body.error.data.fields.map((f: { path: string }) => f.path).sort()).toEqual(["email", "name"]);
    expect(body.error.message).toContain("Invalid input for field 'name'");
    expect(body.error.data.stack).toBeUndefined();
  });

  it("renders ZenithError fields from services", async () => {
    const cookie = await sessionCookie(keystoneSession({ roles: ["admin"] }));
    const { status, body } = await post("identity.users.delete", { id: "u-demo" }, cookie);
    expect(status).toBe(400);
    expect(body.error.data.zenithCode).toBe("BAD_REQUEST");
  });

  it("answers 401 without a cookie, 403 for members, 404 from Keystone", async () => {
    expect((await post("identity.projects.create", { name: "x" })).status).toBe(401);
    const member = await sessionCookie(keystoneSession());
    const refused = await post("identity.projects.create", { name: "x" }, member);
    expect(refused.status).toBe(403);
    expect(refused.body.error.data.zenithCode).toBe("FORBIDDEN");
    const admin = await sessionCookie(keystoneSession({ roles: ["admin"] }));
    const res = await fetch(
      `${base}/api/trpc/identity.users.get?input=${encodeURIComponent(JSON.stringify({ id: "gone" }))}`,
      {
        headers: { cookie: admin },
      },
    );
    expect(res.status).toBe(404);
    expect((await res.json()).error.data.zenithCode).toBe("NOT_FOUND");
  });

  it("hides upstream 5xx details behind a request id", async () => {
    const cookie = await sessionCookie(keystoneSession());
    const res = await fetch(`${base}/api/trpc/identity.apiAccess.openrc`, {
      headers: { cookie, "x-request-id": "req-42" },
    });
    const body = await res.json();
    expect(res.status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(body.error.data.requestId).toBe("req-42");
  });

  it("serves /healthz", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
