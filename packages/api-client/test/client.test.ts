import { describe, expect, it } from "vitest";
import { createKeystoneClient } from "../src/keystone/client.ts";
import { fakeFetch } from "./fake-fetch.ts";

const AUTH_URL = "http://k/v3";

describe("createKeystoneClient", () => {
  it("lists role assignments with filters as Keystone query parameters", async () => {
    const fake = fakeFetch([{ path: /^\/v3\/role_assignments/, body: { role_assignments: [] } }]);
    const ks = createKeystoneClient({ authUrl: AUTH_URL, token: "t", fetch: fake.fetch });
    await ks.roleAssignments.list({ userId: "u", projectId: "p", effective: true, includeNames: true });
    const url = new URL(fake.calls[0]?.url ?? "");
    expect(url.searchParams.get("user.id")).toBe("u");
    expect(url.searchParams.get("scope.project.id")).toBe("p");
    expect(url.searchParams.get("effective")).toBe("true");
    expect(url.searchParams.get("include_names")).toBe("true");
    expect(url.searchParams.has("group.id")).toBe(false);
  });

  it("grants and revokes roles on projects for users and groups", async () => {
    const fake = fakeFetch([
      { method: "PUT", path: /^\/v3\/projects\/p\/(users|groups)\/\w+\/roles\/r$/, status: 204 },
      { method: "DELETE", path: /^\/v3\/projects\/p\/(users|groups)\/\w+\/roles\/r$/, status: 204 },
    ]);
    const ks = createKeystoneClient({ authUrl: AUTH_URL, token: "t", fetch: fake.fetch });
    await ks.grants.grantOnProject("p", { userId: "u" }, "r");
    await ks.grants.revokeOnProject("p", { groupId: "g" }, "r");
    expect(fake.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      "PUT /v3/projects/p/users/u/roles/r",
      "DELETE /v3/projects/p/groups/g/roles/r",
    ]);
  });

  it("PATCHes only the fields that change", async () => {
    const fake = fakeFetch([
      {
        method: "PATCH",
        path: "/v3/users/u",
        body: { user: { id: "u", name: "n", domain_id: "default", enabled: false } },
      },
    ]);
    const ks = createKeystoneClient({ authUrl: AUTH_URL, token: "t", fetch: fake.fetch });
    const user = await ks.users.update("u", { enabled: false, name: undefined, default_project_id: null });
    expect(fake.calls[0]?.body).toEqual({ user: { enabled: false, default_project_id: null } });
    expect(user.email).toBeUndefined();
  });

  it("changes the user's own password with original_password", async () => {
    const fake = fakeFetch([{ method: "POST", path: "/v3/users/u/password", status: 204 }]);
    const ks = createKeystoneClient({ authUrl: AUTH_URL, token: "t", fetch: fake.fetch });
    await ks.users.changePassword("u", "old", "new");
    expect(fake.calls[0]?.body).toEqual({ user: { original_password: "old", password: "new" } });
  });

  it("validates a token with X-Subject-Token", async () => {
    const token = {
      token: {
        methods: ["password"],
        expires_at: "2099-01-01T00:00:00Z",
        user: { id: "u", name: "n", domain: { id: "d", name: "D" } },
      },
    };
    const fake = fakeFetch([{ path: "/v3/auth/tokens?nocatalog=true", body: token }]);
    const ks = createKeystoneClient({ authUrl: AUTH_URL, token: "admin", fetch: fake.fetch });
    const body = await ks.validateToken("subject", { noCatalog: true });
    expect(body.user.id).toBe("u");
    expect(fake.calls[0]?.headers.get("x-subject-token")).toBe("subject");
    expect(fake.calls[0]?.headers.get("x-auth-token")).toBe("admin");
  });
});
