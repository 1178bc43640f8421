import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startTestControl, type TestControl, tempDir } from "./harness.ts";

const V20_PATCH = "application/openstack-images-v2.0-json-patch";

interface Res {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
  body: any;
}

describe("Glance fidelity on PGlite", () => {
  let cp: TestControl;
  let admin: string;
  let demo: string;
  const dir = tempDir("zenith-image-fidelity-");

  async function img(
    method: string,
    path: string,
    opts: { body?: unknown; raw?: Buffer; type?: string; tok?: string } = {},
  ): Promise<Res> {
    const headers: Record<string, string> = { "x-auth-token": opts.tok ?? admin };
    let body: string | Buffer | undefined;
    if (opts.raw !== undefined) {
      headers["content-type"] = opts.type ?? "application/octet-stream";
      body = opts.raw;
    } else if (opts.body !== undefined) {
      headers["content-type"] = opts.type ?? "application/json";
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(`${cp.url}/image${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text && text.startsWith("{") ? JSON.parse(text) : text };
  }

  beforeAll(async () => {
    cp = await startTestControl(
      { label: "PGlite", databaseUrl: "memory://", reset: async () => {} },
      { imageDir: dir.path, imageMaxBytes: 64 * 1024 },
    );
    admin = await cp.adminToken();
    demo = await cp.login("demo", DEMO_PASSWORD, { project: "demo" });
  });
  afterAll(async () => {
    await cp?.close();
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
    const bad = await img("PATCH", `/v2/images/${made.body.id}`, {
      body: [{ op: "replace", path: "/name", value: "x" }],
      type: "application/json",
    });
    expect(bad.status).toBe(415);
  });

  it("filters by size_min and size_max", async () => {
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
});
