import { describe, expect, it } from "vitest";
import { OpenStackError } from "../src/http.ts";
import { chooseProject, passwordLogin, rescope } from "../src/keystone/session.ts";
import { fakeFetch } from "./fake-fetch.ts";

const AUTH_URL = "http://keystone.test/identity/v3";
const user = { id: "u1", name: "demo", domain: { id: "default", name: "Default" } };
const unscopedToken = { token: { methods: ["password"], expires_at: "2099-01-01T00:00:00Z", user } };
const scopedToken = {
  token: {
    methods: ["token", "password"],
    expires_at: "2099-01-01T00:00:00Z",
    user,
    project: { id: "p2", name: "demo", domain: { id: "default", name: "Default" } },
    roles: [{ id: "r1", name: "member" }],
  },
};
const authProjects = {
  projects: [
    { id: "p1", name: "disabled", domain_id: "default", enabled: false },
    { id: "p3", name: "other", domain_id: "default", enabled: true },
    { id: "p2", name: "demo", domain_id: "default", enabled: true },
  ],
};

describe("chooseProject", () => {
  it("prefers the default project, else the first enabled", () => {
    expect(chooseProject(authProjects.projects, "p2")?.id).toBe("p2");
    expect(chooseProject(authProjects.projects, "p1")?.id).toBe("p3");
    expect(chooseProject(authProjects.projects, null)?.id).toBe("p3");
    expect(chooseProject([], "p2")).toBeUndefined();
  });
});

describe("passwordLogin", () => {
  it("logs in unscoped, picks the default project and rescopes with the token method", async () => {
    const fake = fakeFetch([
      {
        method: "POST",
        path: "/identity/v3/auth/tokens",
        status: 201,
        body: unscopedToken,
        headers: { "x-subject-token": "unscoped-tok" },
      },
      { path: "/identity/v3/auth/projects", body: authProjects },
      {
        path: "/identity/v3/users/u1",
        body: { user: { id: "u1", name: "demo", domain_id: "default", default_project_id: "p2" } },
      },
    ]);
    // The second POST (rescope) answers with the scoped token.
    const scoped = fakeFetch([
      {
        method: "POST",
        path: "/identity/v3/auth/tokens",
        status: 201,
        body: scopedToken,
        headers: { "x-subject-token": "scoped-tok" },
      },
    ]);
    let posts = 0;
    const fetchImpl: typeof fetch = (input, init) => {
      if (init?.method === "POST" && posts++ > 0) return scoped.fetch(input, init);
      return fake.fetch(input, init);
    };
    const session = await passwordLogin({
      authUrl: AUTH_URL,
      username: "demo",
      password: "secret",
      fetch: fetchImpl,
    });
    expect(session).toEqual({
      token: "scoped-tok",
      expiresAt: "2099-01-01T00:00:00Z",
      user: { id: "u1", name: "demo", domainId: "default", domainName: "Default" },
      project: { id: "p2", name: "demo", domainId: "default" },
      roles: ["member"],
    });
    expect(fake.calls[0]?.body).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "demo", domain: { name: "Default" }, password: "secret" } },
        },
      },
    });
    expect(fake.calls[1]?.headers.get("x-auth-token")).toBe("unscoped-tok");
    expect(scoped.calls[0]?.body).toEqual({
      auth: {
        identity: { methods: ["token"], token: { id: "unscoped-tok" } },
        scope: { project: { id: "p2" } },
      },
    });
  });

  it("returns an unscoped session for a user without projects", async () => {
    const fake = fakeFetch([
      {
        method: "POST",
        path: "/identity/v3/auth/tokens",
        status: 201,
        body: unscopedToken,
        headers: { "x-subject-token": "t" },
      },
      { path: "/identity/v3/auth/projects", body: { projects: [] } },
      { path: "/identity/v3/users/u1", status: 403, body: { error: { message: "forbidden" } } },
    ]);
    const session = await passwordLogin({
      authUrl: AUTH_URL,
      username: "demo",
      password: "p",
      fetch: fake.fetch,
    });
    expect(session.project).toBeNull();
    expect(session.roles).toEqual([]);
  });

  it("throws 401 on bad credentials and 429 when throttled", async () => {
    const bad = fakeFetch([
      {
        method: "POST",
        path: "/identity/v3/auth/tokens",
        status: 401,
        body: { error: { code: 401, message: "The request you have made requires authentication." } },
      },
    ]);
    const err = await passwordLogin({
      authUrl: AUTH_URL,
      username: "x",
      password: "y",
      fetch: bad.fetch,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenStackError);
    expect(err).toMatchObject({ status: 401 });
    const throttled = fakeFetch([
      {
        method: "POST",
        path: "/identity/v3/auth/tokens",
        status: 429,
        body: { error: { code: 429, message: "Too many" } },
      },
    ]);
    await expect(
      passwordLogin({ authUrl: AUTH_URL, username: "x", password: "y", fetch: throttled.fetch }),
    ).rejects.toMatchObject({
      status: 429,
    });
  });

  it("scopes directly when given a project id", async () => {
    const fake = fakeFetch([
      {
        method: "POST",
        path: "/identity/v3/auth/tokens",
        status: 201,
        body: scopedToken,
        headers: { "x-subject-token": "s" },
      },
    ]);
    const session = await passwordLogin({
      authUrl: AUTH_URL,
      username: "demo",
      password: "p",
      domain: "Other",
      projectId: "p2",
      fetch: fake.fetch,
    });
    expect(session.project?.id).toBe("p2");
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.body).toMatchObject({ auth: { scope: { project: { id: "p2" } } } });
  });
});

describe("rescope", () => {
  it("exchanges a token for a project-scoped one", async () => {
    const fake = fakeFetch([
      {
        method: "POST",
        path: "/identity/v3/auth/tokens",
        status: 201,
        body: scopedToken,
        headers: { "x-subject-token": "new" },
      },
    ]);
    const session = await rescope({ authUrl: AUTH_URL, token: "old", projectId: "p2", fetch: fake.fetch });
    expect(session.token).toBe("new");
    expect(session.project?.name).toBe("demo");
    expect(fake.calls[0]?.headers.get("x-auth-token")).toBeNull();
  });

  it("fails when Keystone omits the subject token header", async () => {
    const fake = fakeFetch([
      { method: "POST", path: "/identity/v3/auth/tokens", status: 201, body: scopedToken },
    ]);
    await expect(
      rescope({ authUrl: AUTH_URL, token: "old", projectId: "p2", fetch: fake.fetch }),
    ).rejects.toMatchObject({ status: 502 });
  });
});
