import { randomUUID } from "node:crypto";
import { createTestDatabase, testPgUrl } from "@zenith/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STARTER_IMAGE_NAME } from "../src/services/image/bootstrap-image.ts";
import { ADMIN_PASSWORD, DEMO_PASSWORD, startTestControl, type TestControl, tempDir } from "./harness.ts";

/** Each file gets its own database: the harness's PostgreSQL reset would wipe other files' data. */
const targets = [{ label: "PGlite", pg: false }, ...(testPgUrl() ? [{ label: "PostgreSQL", pg: true }] : [])];

interface ImageResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
  body: any;
}

for (const target of targets) {
  describe(`image visibility, members and policy on ${target.label}`, () => {
    let cp: TestControl;
    let dropDb: (() => Promise<void>) | undefined;
    const dir = tempDir("zenith-image-access-");
    const tokens = { admin: "", demo: "", other: "", reader: "" };
    const projects = { demo: "", other: "" };

    async function img(
      who: keyof typeof tokens,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<ImageResponse> {
      const headers: Record<string, string> = { "x-auth-token": tokens[who] };
      let payload: string | Buffer | undefined;
      if (path.endsWith("/file") && method === "PUT") {
        headers["content-type"] = "application/octet-stream";
        payload = Buffer.from("image-bytes");
      } else if (body !== undefined) {
        headers["content-type"] =
          method === "PATCH" ? "application/openstack-images-v2.1-json-patch" : "application/json";
        payload = JSON.stringify(body);
      }
      const res = await fetch(`${cp.url}/image${path}`, { method, headers, body: payload });
      const text = await res.text();
      return {
        status: res.status,
        body: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text,
      };
    }
    async function create(who: keyof typeof tokens, attrs: Record<string, unknown>): Promise<string> {
      const res = await img(who, "POST", "/v2/images", {
        disk_format: "raw",
        container_format: "bare",
        ...attrs,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id;
    }
    // The public starter image seeded at first start is visible to everyone; leave it out.
    const listNames = async (who: keyof typeof tokens, query = "") =>
      (await img(who, "GET", `/v2/images${query}`)).body.images
        .map((i: { name: string }) => i.name)
        .filter((name: string) => name !== STARTER_IMAGE_NAME)
        .sort();

    /** A user with `role` on a new (or given) project, through the identity API. */
    async function userWithRole(
      name: string,
      role: string,
      projectId?: string,
    ): Promise<{ project: string; token: string }> {
      const id = async (method: string, path: string, body?: unknown) =>
        cp.api(method, path, { token: tokens.admin, body });
      const project =
        projectId ??
        (await id("POST", "/projects", { project: { name: `${name}-project`, domain_id: "default" } })).body
          .project.id;
      const user = (
        await id("POST", "/users", { user: { name, password: "pw-secret", domain_id: "default" } })
      ).body.user;
      const roleId = (await id("GET", `/roles?name=${role}`)).body.roles[0].id;
      expect((await id("PUT", `/projects/${project}/users/${user.id}/roles/${roleId}`)).status).toBe(204);
      return { project, token: await cp.login(name, "pw-secret", { projectId: project }) };
    }

    beforeAll(async () => {
      let databaseUrl = "memory://";
      const pgUrl = testPgUrl();
      if (target.pg && pgUrl) {
        const db = await createTestDatabase(pgUrl, "image_access");
        databaseUrl = db.url;
        dropDb = db.drop;
      }
      cp = await startTestControl(
        { label: target.label, databaseUrl, reset: async () => {} },
        { imageDir: dir.path },
      );
      tokens.admin = await cp.login("admin", ADMIN_PASSWORD, { project: "admin" });
      const demoLogin = await cp.passwordAuth("demo", DEMO_PASSWORD, { project: "demo" });
      tokens.demo = demoLogin.headers.get("x-subject-token") ?? "";
      projects.demo = demoLogin.body.token.project.id;
      const other = await userWithRole("olivia", "member");
      tokens.other = other.token;
      projects.other = other.project;
      tokens.reader = (await userWithRole("rita", "reader", projects.demo)).token;
    });
    afterAll(async () => {
      await cp?.close();
      await dropDb?.();
      dir.remove();
    });

    it("shows each project public, own and accepted shared images; community only when asked", async () => {
      await create("demo", { name: "demo-private", visibility: "private" });
      await create("demo", { name: "demo-shared" });
      const community = await create("demo", { name: "demo-community", visibility: "community" });
      await create("admin", { name: "admin-public", visibility: "public" });
      await create("admin", { name: "admin-private", visibility: "private" });

      expect(await listNames("demo")).toEqual([
        "admin-public",
        "demo-community",
        "demo-private",
        "demo-shared",
      ]);
      expect(await listNames("other")).toEqual(["admin-public"]);
      expect(await listNames("other", "?visibility=community")).toEqual(["demo-community"]);
      expect(await listNames("other", "?visibility=all")).toEqual(["admin-public", "demo-community"]);
      expect(await listNames("other", "?visibility=private")).toEqual([]);
      expect((await img("other", "GET", `/v2/images/${community}`)).status).toBe(200);
      // Admins see every image.
      expect(await listNames("admin")).toEqual([
        "admin-private",
        "admin-public",
        "demo-community",
        "demo-private",
        "demo-shared",
      ]);
      // Publishing needs an admin.
      const pub = await img("demo", "POST", "/v2/images", { name: "nope", visibility: "public" });
      expect(pub.status).toBe(403);
    });

    it("hides another project's private image on every verb (404)", async () => {
      const secret = await create("demo", { name: "secret", visibility: "private" });
      const unshared = await create("demo", { name: "unshared" });
      for (const id of [secret, unshared]) {
        const verbs: Array<[string, string, unknown?]> = [
          ["GET", `/v2/images/${id}`],
          ["PATCH", `/v2/images/${id}`, [{ op: "replace", path: "/name", value: "mine" }]],
          ["DELETE", `/v2/images/${id}`],
          ["GET", `/v2/images/${id}/file`],
          ["PUT", `/v2/images/${id}/file`],
          ["GET", `/v2/images/${id}/members`],
          ["POST", `/v2/images/${id}/members`, { member: projects.other }],
          ["GET", `/v2/images/${id}/members/${projects.other}`],
          ["PUT", `/v2/images/${id}/members/${projects.other}`, { status: "accepted" }],
          ["PUT", `/v2/images/${id}/tags/x`],
          ["DELETE", `/v2/images/${id}/tags/x`],
        ];
        for (const [method, path, body] of verbs) {
          const res = await img("other", method, path, body);
          expect(res.status, `${method} ${path}`).toBe(404);
          expect(res.body).toEqual({ code: 404, title: "Not Found", message: expect.stringContaining(id) });
        }
      }
      // Still intact for its owner.
      expect((await img("demo", "GET", `/v2/images/${secret}`)).body.name).toBe("secret");
      expect((await img("demo", "GET", `/v2/images/${secret}/file`)).status).toBe(204);
    });

    it("shares through members: pending, accepted, rejected, removed", async () => {
      const id = await create("demo", { name: "to-share" });
      const added = await img("demo", "POST", `/v2/images/${id}/members`, { member: projects.other });
      expect(added.status).toBe(200);
      expect(added.body).toMatchObject({
        image_id: id,
        member_id: projects.other,
        status: "pending",
        schema: "/v2/schemas/member",
      });
      expect((await img("demo", "POST", `/v2/images/${id}/members`, { member: projects.other })).status).toBe(
        409,
      );
      await img("demo", "POST", `/v2/images/${id}/members`, { member: "someone-else" });

      // Pending: addressable by id, listed only on request.
      expect((await img("other", "GET", `/v2/images/${id}`)).status).toBe(200);
      expect(await listNames("other")).not.toContain("to-share");
      expect(await listNames("other", "?member_status=pending")).toContain("to-share");
      expect(await listNames("other", "?member_status=all")).toContain("to-share");
      // A member sees only its own membership; the owner sees all.
      const theirs = await img("other", "GET", `/v2/images/${id}/members`);
      expect(theirs.body.members.map((m: { member_id: string }) => m.member_id)).toEqual([projects.other]);
      expect((await img("demo", "GET", `/v2/images/${id}/members`)).body.members).toHaveLength(2);
      expect((await img("other", "GET", `/v2/images/${id}/members/someone-else`)).status).toBe(404);

      // Only the member answers; only the owner manages.
      expect(
        (await img("demo", "PUT", `/v2/images/${id}/members/${projects.other}`, { status: "accepted" }))
          .status,
      ).toBe(403);
      expect((await img("other", "POST", `/v2/images/${id}/members`, { member: "x" })).status).toBe(403);
      expect((await img("other", "DELETE", `/v2/images/${id}`)).status).toBe(403);
      expect(
        (await img("other", "PATCH", `/v2/images/${id}`, [{ op: "add", path: "/name", value: "x" }])).status,
      ).toBe(403);
      const bad = await img("other", "PUT", `/v2/images/${id}/members/${projects.other}`, {
        status: "maybe",
      });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/'status'/);

      const accepted = await img("other", "PUT", `/v2/images/${id}/members/${projects.other}`, {
        status: "accepted",
      });
      expect(accepted.body.status).toBe("accepted");
      expect(await listNames("other")).toContain("to-share");
      expect(await listNames("other", "?visibility=shared")).toEqual(["to-share"]);
      expect((await img("other", "GET", `/v2/images/${id}/file`)).status).toBe(204);

      await img("other", "PUT", `/v2/images/${id}/members/${projects.other}`, { status: "rejected" });
      expect(await listNames("other")).not.toContain("to-share");
      expect(await listNames("other", "?member_status=rejected")).toContain("to-share");

      expect((await img("demo", "DELETE", `/v2/images/${id}/members/${projects.other}`)).status).toBe(204);
      expect((await img("demo", "DELETE", `/v2/images/${id}/members/${projects.other}`)).status).toBe(404);
      expect((await img("other", "GET", `/v2/images/${id}`)).status).toBe(404);

      // Members belong to shared images only.
      const priv = await create("demo", { name: "priv-members", visibility: "private" });
      const refused = await img("demo", "POST", `/v2/images/${priv}/members`, { member: projects.other });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe("Only shared images have members.");
    });

    it("lets readers read but not write", async () => {
      const id = await create("demo", { name: "readable" });
      expect((await img("reader", "GET", `/v2/images/${id}`)).status).toBe(200);
      expect(await listNames("reader")).toContain("readable");
      expect((await img("reader", "POST", "/v2/images", { name: "r" })).status).toBe(403);
      expect(
        (await img("reader", "PATCH", `/v2/images/${id}`, [{ op: "add", path: "/x", value: "y" }])).status,
      ).toBe(403);
      expect((await img("reader", "PUT", `/v2/images/${id}/file`)).status).toBe(403);
      expect((await img("reader", "DELETE", `/v2/images/${id}`)).status).toBe(403);
    });

    it("refuses to delete protected images (403) and images in use by a server (409)", async () => {
      const id = await create("demo", { name: "guarded", protected: true });
      await img("demo", "PUT", `/v2/images/${id}/file`);
      const refused = await img("demo", "DELETE", `/v2/images/${id}`);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/protected/);
      await img("demo", "PATCH", `/v2/images/${id}`, [{ op: "replace", path: "/protected", value: false }]);

      const prisma = cp.running.db.prisma;
      const server = await prisma.instance.create({
        data: {
          id: randomUUID(),
          name: "vm",
          projectId: projects.demo,
          userId: "u",
          reservationId: "r-1",
          flavorId: "1",
          flavor: {},
          imageId: id,
        },
      });
      const inUse = await img("demo", "DELETE", `/v2/images/${id}`);
      expect(inUse.status).toBe(409);
      expect(inUse.body.message).toMatch(/in use by 1 server/);
      await prisma.instance.update({ where: { id: server.id }, data: { deletedAt: new Date() } });

      expect((await img("demo", "DELETE", `/v2/images/${id}`)).status).toBe(204);
      expect((await img("demo", "GET", `/v2/images/${id}`)).status).toBe(404);
      expect((await img("demo", "DELETE", `/v2/images/${id}`)).status).toBe(404);
      expect(await listNames("demo")).not.toContain("guarded");
      // Deleted ids are not reused.
      expect((await img("demo", "POST", "/v2/images", { id })).status).toBe(409);
    });
  });
}
