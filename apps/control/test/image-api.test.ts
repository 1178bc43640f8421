import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createTestDatabase, testPgUrl } from "@zenith/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestControl, type TestControl, tempDir } from "./harness.ts";

/** Each file gets its own database: the harness's PostgreSQL reset would wipe other files' data. */
const targets = [{ label: "PGlite", pg: false }, ...(testPgUrl() ? [{ label: "PostgreSQL", pg: true }] : [])];

const GLANCE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const PATCH_TYPE = "application/openstack-images-v2.1-json-patch";
const MAX_BYTES = 64 * 1024;

interface ImageResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
  body: any;
  bytes: Buffer;
}

for (const target of targets) {
  describe(`image API on ${target.label}`, () => {
    let cp: TestControl;
    let token: string;
    let adminProject: string;
    let dropDb: (() => Promise<void>) | undefined;
    const dir = tempDir("zenith-image-api-");

    async function img(
      method: string,
      path: string,
      opts: { body?: unknown; raw?: Buffer | ReadableStream; type?: string; tok?: string } = {},
    ): Promise<ImageResponse> {
      const headers: Record<string, string> = { "x-auth-token": opts.tok ?? token };
      let body: string | Buffer | ReadableStream | undefined;
      if (opts.raw !== undefined) {
        headers["content-type"] = opts.type ?? "application/octet-stream";
        body = opts.raw;
      } else if (opts.body !== undefined) {
        headers["content-type"] = opts.type ?? "application/json";
        body = JSON.stringify(opts.body);
      }
      const res = await fetch(`${cp.url}/image${path}`, {
        method,
        headers,
        body,
        ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      let parsed: unknown = null;
      if ((res.headers.get("content-type") ?? "").includes("json") && bytes.length) {
        parsed = JSON.parse(bytes.toString("utf8"));
      }
      return { status: res.status, headers: res.headers, body: parsed, bytes };
    }
    const patch = (id: string, ops: unknown) =>
      img("PATCH", `/v2/images/${id}`, { body: ops, type: PATCH_TYPE });
    const create = async (attrs: Record<string, unknown>) => {
      const res = await img("POST", "/v2/images", { body: attrs });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };

    beforeAll(async () => {
      let databaseUrl = "memory://";
      const pgUrl = testPgUrl();
      if (target.pg && pgUrl) {
        const db = await createTestDatabase(pgUrl, "image_api");
        databaseUrl = db.url;
        dropDb = db.drop;
      }
      cp = await startTestControl(
        { label: target.label, databaseUrl, reset: async () => {} },
        { imageDir: dir.path, imageMaxBytes: MAX_BYTES },
      );
      const login = await cp.passwordAuth("admin", "admin-secret", { project: "admin" });
      token = login.headers.get("x-subject-token") ?? "";
      adminProject = login.body.token.project.id;
      const image = login.body.token.catalog.find((s: { type: string }) => s.type === "image");
      expect(image?.name).toBe("glance");
      expect(
        image?.endpoints.map((e: { interface: string; url: string }) => [e.interface, e.url]).sort(),
      ).toEqual([
        ["admin", `${cp.url}/image`],
        ["internal", `${cp.url}/image`],
        ["public", `${cp.url}/image`],
      ]);
    });
    afterAll(async () => {
      await cp?.close();
      await dropDb?.();
      dir.remove();
    });

    it("serves version discovery at /image, /image/ and /image/v2 without a token", async () => {
      for (const path of ["/image", "/image/", "/image/v2", "/image/v2/"]) {
        const res = await fetch(`${cp.url}${path}`);
        expect(res.status).toBe(300);
        // biome-ignore lint/suspicious/noExplicitAny: JSON body.
        const body: any = await res.json();
        expect(body.versions[0]).toEqual({
          id: "v2.16",
          status: "CURRENT",
          links: [{ rel: "self", href: `${cp.url}/image/v2/` }],
        });
        expect(body.versions.slice(1).every((v: { status: string }) => v.status === "SUPPORTED")).toBe(true);
      }
    });

    it("creates, uploads and downloads with md5 and sha512 checksums", async () => {
      const id = randomUUID();
      const created = await img("POST", "/v2/images", {
        body: {
          id,
          name: "cirros",
          disk_format: "qcow2",
          container_format: "bare",
          "owner_specified.openstack.md5": "",
          "owner_specified.openstack.object": "images/cirros",
          os_distro: "cirros",
          kernel_id: null,
          tags: ["a", "a", "b"],
        },
      });
      expect(created.status).toBe(201);
      expect(created.headers.get("location")).toBe(`${cp.url}/image/v2/images/${id}`);
      expect(created.body).toEqual({
        id,
        name: "cirros",
        status: "queued",
        visibility: "shared",
        protected: false,
        os_hidden: false,
        owner: adminProject,
        disk_format: "qcow2",
        container_format: "bare",
        size: null,
        virtual_size: null,
        checksum: null,
        os_hash_algo: null,
        os_hash_value: null,
        min_disk: 0,
        min_ram: 0,
        tags: ["a", "b"],
        created_at: expect.stringMatching(GLANCE_TIME),
        updated_at: expect.stringMatching(GLANCE_TIME),
        self: `/v2/images/${id}`,
        file: `/v2/images/${id}/file`,
        schema: "/v2/schemas/image",
        "owner_specified.openstack.md5": "",
        "owner_specified.openstack.object": "images/cirros",
        os_distro: "cirros",
      });
      // No data yet: 204, as Glance.
      expect((await img("GET", `/v2/images/${id}/file`)).status).toBe(204);

      const bytes = randomBytes(40_000);
      const up = await img("PUT", `/v2/images/${id}/file`, { raw: bytes });
      expect(up.status).toBe(204);
      const md5 = createHash("md5").update(bytes).digest("hex");
      const shown = (await img("GET", `/v2/images/${id}`)).body;
      expect(shown).toMatchObject({
        status: "active",
        size: bytes.length,
        checksum: md5,
        os_hash_algo: "sha512",
        os_hash_value: createHash("sha512").update(bytes).digest("hex"),
      });
      const down = await img("GET", `/v2/images/${id}/file`);
      expect(down.status).toBe(200);
      expect(down.headers.get("content-md5")).toBe(md5);
      expect(down.headers.get("content-length")).toBe(String(bytes.length));
      expect(down.headers.get("content-type")).toBe("application/octet-stream");
      expect(down.bytes.equals(bytes)).toBe(true);

      // Only a queued image takes data.
      const again = await img("PUT", `/v2/images/${id}/file`, { raw: bytes });
      expect(again.status).toBe(409);
      expect(again.body).toEqual({
        code: 409,
        title: "Conflict",
        message: "Image status transition from active to saving is not allowed",
      });
      // Ids are unique.
      expect((await img("POST", "/v2/images", { body: { id } })).status).toBe(409);
    });

    it("refuses oversized uploads with 413 and returns the image to queued", async () => {
      const image = await create({ name: "big", disk_format: "raw", container_format: "bare" });
      const declared = await img("PUT", `/v2/images/${image.id}/file`, { raw: randomBytes(MAX_BYTES + 1) });
      expect(declared.status).toBe(413);
      // Streamed without a length: refused once the limit is crossed.
      const chunks = [randomBytes(MAX_BYTES / 2), randomBytes(MAX_BYTES / 2), randomBytes(1000)];
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      });
      const streamed = await img("PUT", `/v2/images/${image.id}/file`, { raw: stream });
      expect(streamed.status).toBe(413);
      expect((await img("GET", `/v2/images/${image.id}`)).body.status).toBe("queued");
      const ok = await img("PUT", `/v2/images/${image.id}/file`, { raw: Buffer.from("small") });
      expect(ok.status).toBe(204);
      expect((await img("GET", `/v2/images/${image.id}`)).body).toMatchObject({ status: "active", size: 5 });
    });

    it("requires formats before data and octet-stream bodies", async () => {
      const image = await create({ name: "no-formats" });
      const res = await img("PUT", `/v2/images/${image.id}/file`, { raw: Buffer.from("x") });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/disk_format, container_format/);
      const json = await img("PUT", `/v2/images/${image.id}/file`, { body: { a: 1 } });
      expect(json.status).toBe(415);
    });

    it("applies json-patch ops as Glance (add replaces, read-only is 403)", async () => {
      const image = await create({ name: "p", disk_format: "raw", container_format: "bare", min_ram: 32 });
      const res = await patch(image.id, [
        { op: "add", path: "/foo", value: "bar" },
        { op: "add", path: "/min_ram", value: 64 },
        { op: "replace", path: "/name", value: "renamed" },
        { op: "add", path: "/owner_specified.openstack.sha256", value: "abc" },
        { op: "replace", path: "/tags", value: ["x", "y"] },
        { op: "add", path: "/protected", value: true },
        { op: "replace", path: "/disk_format", value: "qcow2" },
        { op: "add", path: "/a~1b", value: "slash" },
      ]);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({
        foo: "bar",
        min_ram: 64,
        name: "renamed",
        "owner_specified.openstack.sha256": "abc",
        tags: ["x", "y"],
        protected: true,
        disk_format: "qcow2",
        "a/b": "slash",
      });
      const removed = await patch(image.id, [
        { op: "remove", path: "/foo" },
        { op: "replace", path: "/a~1b", value: "again" },
      ]);
      expect(removed.status).toBe(200);
      expect(removed.body).not.toHaveProperty("foo");
      expect(removed.body["a/b"]).toBe("again");

      expect((await patch(image.id, [{ op: "remove", path: "/foo" }])).status).toBe(409);
      expect((await patch(image.id, [{ op: "replace", path: "/missing", value: "v" }])).status).toBe(409);
      for (const attr of ["id", "status", "size", "checksum", "os_hash_value", "created_at"]) {
        const ro = await patch(image.id, [{ op: "replace", path: `/${attr}`, value: "x" }]);
        expect(ro.status).toBe(403);
        expect(ro.body.message).toBe(`Attribute '${attr}' is read-only.`);
      }
      expect((await patch(image.id, [{ op: "remove", path: "/name" }])).status).toBe(403);
      expect((await patch(image.id, [{ op: "add", path: "/deleted", value: "x" }])).status).toBe(403);
      const nested = await patch(image.id, [{ op: "add", path: "/a/b", value: "x" }]);
      expect(nested.status).toBe(400);
      const badOp = await patch(image.id, [{ op: "move", path: "/name", value: "x" }]);
      expect(badOp.status).toBe(400);
      expect(badOp.body.message).toMatch(/'0\.op'/);
      const badRam = await patch(image.id, [{ op: "add", path: "/min_ram", value: "lots" }]);
      expect(badRam.status).toBe(400);
      expect(badRam.body.message).toMatch(/'min_ram'/);
      const badProp = await patch(image.id, [{ op: "add", path: "/foo", value: 7 }]);
      expect(badProp.status).toBe(400);
      expect(badProp.body.message).toMatch(/'foo'/);
      const wrongType = await img("PATCH", `/v2/images/${image.id}`, { body: [] });
      expect(wrongType.status).toBe(415);
      // Nothing above changed the image.
      expect((await img("GET", `/v2/images/${image.id}`)).body.name).toBe("renamed");

      // Formats are fixed once the image has data.
      await patch(image.id, [{ op: "replace", path: "/protected", value: false }]);
      expect((await img("PUT", `/v2/images/${image.id}/file`, { raw: Buffer.from("data") })).status).toBe(
        204,
      );
      const late = await patch(image.id, [{ op: "replace", path: "/disk_format", value: "raw" }]);
      expect(late.status).toBe(403);
      expect((await patch(image.id, [{ op: "replace", path: "/name", value: "still-ok" }])).status).toBe(200);
    });

    it("adds and removes tags", async () => {
      const image = await create({ name: "tagged" });
      expect((await img("PUT", `/v2/images/${image.id}/tags/blue`)).status).toBe(204);
      expect((await img("PUT", `/v2/images/${image.id}/tags/blue`)).status).toBe(204);
      expect((await img("PUT", `/v2/images/${image.id}/tags/green`)).status).toBe(204);
      expect((await img("GET", `/v2/images/${image.id}`)).body.tags).toEqual(["blue", "green"]);
      expect((await img("DELETE", `/v2/images/${image.id}/tags/blue`)).status).toBe(204);
      expect((await img("DELETE", `/v2/images/${image.id}/tags/blue`)).status).toBe(404);
      expect((await img("GET", `/v2/images/${image.id}`)).body.tags).toEqual(["green"]);
    });

    it("pages with marker, limit and next links, in any sort order", async () => {
      const names = ["pg-e", "pg-b", "pg-g", "pg-a", "pg-f", "pg-c", "pg-d"];
      for (const name of names) await create({ name, tags: ["paging"], disk_format: "raw" });
      const seen: string[] = [];
      let url: string | undefined = "/v2/images?tag=paging&sort=name:asc&limit=3";
      let pages = 0;
      while (url) {
        const res = await img("GET", url);
        expect(res.status).toBe(200);
        expect(res.body.schema).toBe("/v2/schemas/images");
        if (pages === 0) expect(res.body.first).toBe("/v2/images?tag=paging&sort=name%3Aasc&limit=3");
        seen.push(...res.body.images.map((i: { name: string }) => i.name));
        url = res.body.next;
        if (url) expect(url).toMatch(/^\/v2\/images\?marker=[0-9a-f-]{36}&limit=3&tag=paging/);
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual([...names].sort());

      // sort_key/sort_dir, descending.
      const desc = await img("GET", "/v2/images?tag=paging&sort_key=name&sort_dir=desc&limit=2");
      expect(desc.body.images.map((i: { name: string }) => i.name)).toEqual(["pg-g", "pg-f"]);
      const next = await img("GET", desc.body.next);
      expect(next.body.images.map((i: { name: string }) => i.name)).toEqual(["pg-e", "pg-d"]);

      // Default order: newest first; default page size 25 and no next when all fit.
      const all = await img("GET", "/v2/images?tag=paging");
      expect(all.body.images).toHaveLength(7);
      expect(all.body.next).toBeUndefined();
      expect(all.body.first).toBe("/v2/images?tag=paging");
    });

    it("filters by name, status, formats, size and protected", async () => {
      const a = await create({ name: "flt-a", disk_format: "iso", container_format: "bare", tags: ["flt"] });
      const b = await create({ name: "flt-b", disk_format: "vmdk", container_format: "ova", tags: ["flt"] });
      await img("PUT", `/v2/images/${a.id}/file`, { raw: randomBytes(2000) });
      await patch(b.id, [{ op: "add", path: "/protected", value: true }]);
      const names = async (q: string) =>
        (await img("GET", `/v2/images?tag=flt&${q}`)).body.images.map((i: { name: string }) => i.name).sort();
      expect(await names("name=flt-a")).toEqual(["flt-a"]);
      expect(await names("name=in:flt-a,flt-b")).toEqual(["flt-a", "flt-b"]);
      expect(await names("status=active")).toEqual(["flt-a"]);
      expect(await names("disk_format=vmdk")).toEqual(["flt-b"]);
      expect(await names("container_format=bare")).toEqual(["flt-a"]);
      expect(await names("size_min=1000&size_max=3000")).toEqual(["flt-a"]);
      expect(await names("size_min=3000")).toEqual([]);
      expect(await names("protected=true")).toEqual(["flt-b"]);
      expect(await names(`owner=${adminProject}&os_hidden=false`)).toEqual(["flt-a", "flt-b"]);
      await patch(b.id, [{ op: "add", path: "/protected", value: false }]);
    });

    it("answers bad input with 400 naming the field, never 500", async () => {
      const cases: Array<[string, string, unknown, RegExp]> = [
        ["GET", "/v2/images?limit=-1", undefined, /'limit'/],
        ["GET", "/v2/images?limit=abc", undefined, /'limit'/],
        ["GET", "/v2/images?sort_key=bogus", undefined, /'sort_key'/],
        ["GET", "/v2/images?sort_dir=sideways", undefined, /'sort_dir'/],
        ["GET", "/v2/images?sort=name:up", undefined, /'sort'/],
        ["GET", "/v2/images?sort=name&sort_key=id", undefined, /'sort'/],
        ["GET", "/v2/images?visibility=everyone", undefined, /'visibility'/],
        ["GET", "/v2/images?member_status=maybe", undefined, /'member_status'/],
        ["GET", "/v2/images?size_min=-5", undefined, /'size_min'/],
        ["GET", `/v2/images?marker=${randomUUID()}`, undefined, /'marker'/],
        ["POST", "/v2/images", { disk_format: "floppy" }, /'disk_format'/],
        ["POST", "/v2/images", { container_format: "zip" }, /'container_format'/],
        ["POST", "/v2/images", { min_ram: -1 }, /'min_ram'/],
        ["POST", "/v2/images", { min_disk: 1.5 }, /'min_disk'/],
        ["POST", "/v2/images", { name: 42 }, /'name'/],
        ["POST", "/v2/images", { visibility: "secret" }, /'visibility'/],
        ["POST", "/v2/images", { id: "not-a-uuid" }, /'id'/],
        ["POST", "/v2/images", { tags: "a" }, /'tags'/],
        ["POST", "/v2/images", { tags: ["x".repeat(256)] }, /'tags\.0'/],
        ["POST", "/v2/images", { os_distro: 7 }, /'os_distro'/],
        ["POST", "/v2/images", ["a"], /./],
      ];
      for (const [method, path, body, message] of cases) {
        const res = await img(method, path, body === undefined ? {} : { body });
        expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
        expect(res.body.code).toBe(400);
        expect(res.body.message, path).toMatch(message);
      }
      const malformed = await fetch(`${cp.url}/image/v2/images`, {
        method: "POST",
        headers: { "x-auth-token": token, "content-type": "application/json" },
        body: "{nope",
      });
      expect(malformed.status).toBe(400);
      // Read-only attributes on create are 403, as Glance.
      const ro = await img("POST", "/v2/images", { body: { name: "x", status: "active" } });
      expect(ro.status).toBe(403);
      expect(ro.body.message).toBe("Attribute 'status' is read-only.");
      // Unknown image ids are 404; a missing token is 401.
      expect((await img("GET", "/v2/images/not-an-image")).status).toBe(404);
      expect((await img("GET", "/v2/images", { tok: "bogus" })).status).toBe(401);
    });

    it("serves the image and images schemas", async () => {
      const image = await img("GET", "/v2/schemas/image");
      expect(image.status).toBe(200);
      expect(image.body.name).toBe("image");
      expect(image.body.properties.disk_format.enum).toContain("qcow2");
      expect(image.body.additionalProperties).toEqual({ type: "string" });
      const images = await img("GET", "/v2/schemas/images");
      expect(images.body.properties.images.items.name).toBe("image");
    });
  });
}
