import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestControl, type TestControl, testTargets } from "./harness.ts";

for (const target of testTargets()) {
  describe(`discovery and error rendering on ${target.label}`, () => {
    let cp: TestControl;
    let admin: string;
    beforeAll(async () => {
      cp = await startTestControl(target);
      admin = await cp.adminToken();
    });
    afterAll(async () => cp?.close());

    it("answers the unversioned root with 300 and a v3 entry", async () => {
      const res = await cp.api("GET", "/identity");
      expect(res.status).toBe(300);
      const [v3] = res.body.versions.values;
      expect(v3).toMatchObject({ id: "v3.14", status: "stable" });
      expect(v3.links).toContainEqual({ rel: "self", href: `${cp.url}/identity/v3/` });
    });

    it("answers /identity/v3 (with or without slash) with the version document", async () => {
      for (const path of ["/identity/v3", "/identity/v3/"]) {
        const res = await cp.api("GET", path);
        expect(res.status).toBe(200);
        expect(res.body.version.id).toBe("v3.14");
        expect(res.body.version["media-types"][0].base).toBe("application/json");
        expect(res.headers.get("content-type")).toMatch(/^application\/json/);
        expect(res.headers.get("x-openstack-request-id")).toMatch(/^req-/);
      }
    });

    it("renders unknown routes as Keystone 404s", async () => {
      const res = await cp.api("GET", "/nothing-here", { token: admin });
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 404, title: "Not Found" });
    });

    it("asks for authentication without a token", async () => {
      const res = await cp.api("GET", "/projects");
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: {
          code: 401,
          title: "Unauthorized",
          message: "The request you have made requires authentication.",
        },
      });
    });

    it("rejects malformed JSON with 400", async () => {
      const res = await cp.api("POST", "/projects", { token: admin, rawBody: '{"project": {' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 400, title: "Bad Request" });
      const auth = await cp.api("POST", "/auth/tokens", { rawBody: "not json" });
      expect(auth.status).toBe(400);
    });

    it("names the field on wrong types and missing fields, never 500", async () => {
      const cases: Array<[string, string, unknown, string]> = [
        ["POST", "/users", { user: { name: 5 } }, "user.name"],
        ["POST", "/projects", { project: {} }, "project.name"],
        ["POST", "/projects", { project: { name: "x", enabled: "yes" } }, "project.enabled"],
        ["POST", "/auth/tokens", { auth: { identity: { methods: "password" } } }, "auth.identity.methods"],
        ["POST", "/auth/tokens", {}, "auth"],
        ["POST", "/groups", [], ""],
        [
          "POST",
          "/endpoints",
          { endpoint: { service_id: "x", interface: "bogus", url: "u" } },
          "endpoint.interface",
        ],
        ["PATCH", "/domains/default", { domain: { enabled: 1 } }, "domain.enabled"],
      ];
      for (const [method, path, body, field] of cases) {
        const res = await cp.api(method, path, { token: admin, body });
        expect(res.status, `${method} ${path}`).toBe(400);
        if (field) expect(res.body.error.message).toContain(`Invalid input for field '${field}'`);
      }
    });

    it("rejects a request without a body where one is required", async () => {
      const res = await cp.api("POST", "/roles", {
        token: admin,
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(400);
    });
  });
}
