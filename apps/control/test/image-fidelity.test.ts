import { randomBytes } from "node:crypto";
import { createTestDatabase, testPgUrl } from "@zenith/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startTestControl, type TestControl, tempDir } from "./harness.ts";

/** Each file gets its own database: the harness's PostgreSQL reset would wipe other files' data. */
const targets = [{ label: "PGlite", pg: false }, ...(testPgUrl() ? [{ label: "PostgreSQL", pg: true }] : [])];

const V20_PATCH = "application/openstack-images-v2.0-json-patch";

interface Res {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
  body: any;
}

describe.each(targets)("Glance fidelity on $label", (target) => {
  let cp: TestControl;
  let dropDb: (() => Promise<void>) | undefined;
  let admin: string;
  let demo: string;
  const dir = tempDir("zenith-image-fidelity-");

  async function img(
    method: string,
    path: string,
    opts: { body?: unknown; raw?: Buffer | ReadableStream; type?: string; tok?: string } = {},
  ): Promise<Res> {
    const headers: Record<string, string> = { "x-auth-token": opts.tok ?? admin };
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
    const text = await res.text();
    return { status: res.status, body: text.startsWith("{") ? JSON.parse(text) : text };
  }

  beforeAll(async () => {
    let databaseUrl = "memory://";
    const pgUrl = testPgUrl();
    if (target.pg && pgUrl) {
      const db = await createTestDatabase(pgUrl, "image_fidelity");
      databaseUrl = db.url;
      dropDb = db.drop;
    }
    cp = await startTestControl(
      { label: target.label, databaseUrl, reset: async () => {} },
      { imageDir: dir.path, imageMaxBytes: 64 * 1024 },
    );
    admin = await cp.adminToken();
    demo = await cp.login("demo", DEMO_PASSWORD, { project: "demo" });
  });
  afterAll(async () => {
    await cp?.close();
    await dropDb?.();
    dir.remove();
  });

  it("PATCH accepts the v2.0 json-patch media type and refuses others with 415", async () => {
    const made = await img("POST", "/v2/images", { body: { name: "v20" } });
    expect(made.status).toBe(201);
    const ok = await img("PATCH", `/v2/images/${made.body.id}`, {
      body: [{ op: "replace", path: "/name", value: "v20-renamed" }],
      type: V20_PATCH,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.name).toBe("v20-renamed");
    // The v2.0 draft's shape, the operation as the key (what tempest's images client sends).
    const keyed = await img("PATCH", `/v2/images/${made.body.id}`, {
      body: [
        { replace: "/name", value: "v20-keyed" },
        { add: "/os_distro", value: "debian" },
      ],
      type: V20_PATCH,
    });
    expect(keyed.status).toBe(200);
    expect(keyed.body).toMatchObject({ name: "v20-keyed", os_distro: "debian" });
    const bad = await img("PATCH", `/v2/images/${made.body.id}`, {
      body: [{ op: "replace", path: "/name", value: "x" }],
      type: "application/json",
    });
    expect(bad.status).toBe(415);
  });

  it("filters by size, size_min and size_max", async () => {
    const a = await img("POST", "/v2/images", {
      body: { name: "sz-a", disk_format: "raw", container_format: "bare", tags: ["sz"] },
    });
    expect((await img("PUT", `/v2/images/${a.body.id}/file`, { raw: randomBytes(500) })).status).toBe(204);
    const names = async (q: string) =>
      (await img("GET", `/v2/images?tag=sz&${q}`)).body.images.map((i: { name: string }) => i.name);
    expect(await names("size_min=500")).toEqual(["sz-a"]);
    expect(await names("size_max=499")).toEqual([]);
    expect(await names("size_min=501")).toEqual([]);
    expect(await names("size_max=500")).toEqual(["sz-a"]);
    // `size` is an exact match (tempest's test_list_images_param_size).
    expect(await names("size=500")).toEqual(["sz-a"]);
    expect(await names("size=499")).toEqual([]);
  });

  it("answers 404 for an empty image id (GET /v2/images/)", async () => {
    const res = await img("GET", "/v2/images/");
    expect(res.status).toBe(404);
    expect((await img("DELETE", "/v2/images/")).status).toBe(404);
  });

  it("pages in the database: every order, nullable keys included, visits each image once in the full order", async () => {
    const made: string[] = [];
    const specs = [
      { name: "pq-1", size: 300, protected: true },
      { name: "pq-2", size: 100 },
      { name: null, size: 300 },
      { name: "pq-4" },
      { name: "pq-5", size: 200, protected: true },
      { name: null },
    ];
    for (const spec of specs) {
      const body: Record<string, unknown> = { tags: ["pq"], disk_format: "raw", container_format: "bare" };
      if (spec.name !== null) body.name = spec.name;
      if (spec.protected) body.protected = true;
      const res = await img("POST", "/v2/images", { body });
      made.push(res.body.id);
      if (spec.size !== undefined) {
        await img("PUT", `/v2/images/${res.body.id}/file`, { raw: randomBytes(spec.size) });
      }
    }
    const orders = [
      "sort=size:asc",
      "sort=size:desc",
      "sort=name:asc,size:desc",
      "sort=name:desc",
      "sort=protected:asc,name:asc",
      "sort=protected:desc",
      "sort_key=status&sort_dir=asc",
      "sort=created_at:asc",
    ];
    for (const order of orders) {
      const whole = await img("GET", `/v2/images?tag=pq&${order}&limit=100`);
      expect(whole.status, order).toBe(200);
      const expected = whole.body.images.map((i: { id: string }) => i.id);
      expect([...expected].sort(), order).toEqual([...made].sort());
      const seen: string[] = [];
      let url: string | undefined = `/v2/images?tag=pq&${order}&limit=1`;
      while (url) {
        const page = await img("GET", url);
        expect(page.status, url).toBe(200);
        seen.push(...page.body.images.map((i: { id: string }) => i.id));
        url = page.body.next;
        expect(seen.length).toBeLessThanOrEqual(made.length);
      }
      expect(seen, order).toEqual(expected);
    }
    // The order itself is the SQL one: NULL sizes last ascending, first descending.
    const asc = await img("GET", "/v2/images?tag=pq&sort=size:asc,name:asc&limit=100");
    expect(asc.body.images.map((i: { size: number | null }) => i.size)).toEqual([
      100,
      200,
      300,
      300,
      null,
      null,
    ]);
    const desc = await img("GET", "/v2/images?tag=pq&sort=size:desc&limit=100");
    expect(desc.body.images.map((i: { size: number | null }) => i.size).slice(0, 2)).toEqual([null, null]);
    for (const id of made)
      await img("PATCH", `/v2/images/${id}`, {
        body: [{ op: "replace", path: "/protected", value: false }],
        type: V20_PATCH,
      });
  });

  describe("image quotas (Glance's unified-limits names), 413 when exceeded", () => {
    let demoProject: string;
    const prisma = () => cp.running.db.prisma;
    const setLimit = async (resource: string, hardLimit: number) => {
      await prisma().quota.upsert({
        where: { projectId_resource: { projectId: demoProject, resource } },
        create: { projectId: demoProject, resource, hardLimit },
        update: { hardLimit },
      });
    };
    /** A body without Content-Length, so only the streamed byte count can stop it. */
    const chunked = (bytes: Buffer) =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new Uint8Array(bytes));
          controller.close();
        },
      });
    const demoImage = async (name: string) => {
      const res = await img("POST", "/v2/images", {
        tok: demo,
        body: { name, disk_format: "raw", container_format: "bare" },
      });
      return res;
    };

    beforeAll(async () => {
      const project = await prisma().project.findFirst({ where: { name: "demo" } });
      demoProject = project?.id ?? "";
    });
    afterAll(async () => {
      await prisma().quota.deleteMany({
        where: { projectId: demoProject, resource: { startsWith: "image_" } },
      });
    });

    it("image_count_total bounds create, also with an unlimited compute quota", async () => {
      const used = await prisma().image.count({ where: { ownerId: demoProject, deletedAt: null } });
      await setLimit("image_count_total", used + 2);
      const a = await demoImage("q-a");
      expect(a.status).toBe(201);
      expect((await demoImage("q-b")).status).toBe(201);
      const over = await demoImage("q-c");
      expect(over.status).toBe(413);
      expect(over.body.message).toContain("image_count_total is over limit of");
      // Another project is not affected.
      expect((await img("POST", "/v2/images", { body: { name: "q-admin" } })).status).toBe(201);
      expect((await img("DELETE", `/v2/images/${a.body.id}`, { tok: demo })).status).toBe(204);
      expect((await demoImage("q-d")).status).toBe(201);
      await setLimit("image_count_total", -1);
      expect((await demoImage("q-e")).status).toBe(201);
    });

    it("image_size_total: refused when used up, cut at what remains, declared lengths refused before reading", async () => {
      const filler = await demoImage("q-filler");
      // 1 MiB of quota, 1 MiB - 1000 bytes already used by the project.
      await prisma().image.update({
        where: { id: filler.body.id },
        data: { status: "active", size: BigInt(1024 * 1024 - 1000) },
      });
      await setLimit("image_size_total", 1);
      const target = await demoImage("q-target");
      const id = target.body.id;
      const declared = await img("PUT", `/v2/images/${id}/file`, { tok: demo, raw: randomBytes(2000) });
      expect(declared.status).toBe(413);
      expect(declared.body.message).toContain("image_size_total");
      const streamed = await img("PUT", `/v2/images/${id}/file`, {
        tok: demo,
        raw: chunked(randomBytes(2000)),
      });
      expect(streamed.status).toBe(413);
      expect(streamed.body.message).toContain("exceeds the quota");
      expect((await img("GET", `/v2/images/${id}`, { tok: demo })).body.status).toBe("queued");
      const fits = await img("PUT", `/v2/images/${id}/file`, { tok: demo, raw: chunked(randomBytes(1000)) });
      expect(fits.status).toBe(204);
      const next = await demoImage("q-next");
      const full = await img("PUT", `/v2/images/${next.body.id}/file`, { tok: demo, raw: randomBytes(200) });
      expect(full.status).toBe(413);
      expect(full.body.message).toContain("image_size_total is over limit of 1");
      await setLimit("image_size_total", -1);
      expect(
        (await img("PUT", `/v2/images/${next.body.id}/file`, { tok: demo, raw: randomBytes(200) })).status,
      ).toBe(204);
    });

    it("reports limits and usage at GET /v2/info/usage, as Glance", async () => {
      await setLimit("image_count_total", 50);
      const res = await img("GET", "/v2/info/usage", { tok: demo });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.usage).sort()).toEqual([
        "image_count_total",
        "image_count_uploading",
        "image_size_total",
        "image_stage_total",
      ]);
      const live = await prisma().image.count({ where: { ownerId: demoProject, deletedAt: null } });
      expect(res.body.usage.image_count_total).toEqual({ limit: 50, usage: live });
      expect(res.body.usage.image_stage_total.usage).toBe(0);
      expect(res.body.usage.image_size_total.usage).toBeGreaterThanOrEqual(1);
      await setLimit("image_count_total", -1);
    });

    it("image_count_uploading bounds uploads at once", async () => {
      const busy = await demoImage("q-busy");
      await prisma().image.update({ where: { id: busy.body.id }, data: { status: "saving" } });
      await setLimit("image_count_uploading", 1);
      const other = await demoImage("q-other");
      const res = await img("PUT", `/v2/images/${other.body.id}/file`, { tok: demo, raw: randomBytes(10) });
      expect(res.status).toBe(413);
      expect(res.body.message).toContain("image_count_uploading is over limit of 1");
      expect((await img("GET", `/v2/images/${other.body.id}`, { tok: demo })).body.status).toBe("queued");
      await prisma().image.update({ where: { id: busy.body.id }, data: { status: "queued" } });
      expect(
        (await img("PUT", `/v2/images/${other.body.id}/file`, { tok: demo, raw: randomBytes(10) })).status,
      ).toBe(204);
    });
  });
});
