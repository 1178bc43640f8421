import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ComputeTestEnv, FLAVORS, seed, startCompute } from "./compute-servers-harness.ts";

describe("servers: listing 5,000 instances", () => {
  let env: ComputeTestEnv;
  const total = 5000;

  beforeAll(async () => {
    env = await startCompute("list");
    const { imageId } = await seed(env);
    const flavor = {
      id: FLAVORS.small.id,
      name: "zt.small",
      vcpus: 1,
      ram: 512,
      disk: 1,
      ephemeral: 0,
      swap: 0,
      extra_specs: {},
    };
    const start = Date.UTC(2024, 0, 1);
    const rows = Array.from({ length: total }, (_, i) => ({
      id: randomUUID(),
      name: `bulk-${i}`,
      projectId: env.demoProjectId,
      userId: "u",
      reservationId: "r-bulk0000",
      flavorId: FLAVORS.small.id,
      flavor,
      imageId,
      vmState: i % 10 === 0 ? "stopped" : "active",
      powerState: i % 10 === 0 ? 4 : 1,
      // A few share a timestamp, so ids must break ties for paging to stay exact.
      createdAt: new Date(start + Math.floor(i / 3) * 1000),
    }));
    const prisma = env.control.running.db.prisma;
    for (let i = 0; i < rows.length; i += 1000)
      await prisma.instance.createMany({ data: rows.slice(i, i + 1000) });
    // PostgreSQL's autovacuum would analyze after a bulk load; PGlite has none, so do it here.
    await env.control.running.db.raw.exec("ANALYZE instance");
  });
  afterAll(async () => {
    await env?.close();
  });

  // Its speed is measured by bench/compute.mjs, not asserted here.
  it("serves GET /servers/detail?limit=50 with a next link over many instances", async () => {
    const res = await env.api("GET", "servers/detail?limit=50");
    expect(res.body.servers).toHaveLength(50);
    expect(res.body.servers_links[0].rel).toBe("next");
  });

  it("pages through everything exactly once, newest first", async () => {
    const seen = new Set<string>();
    let path: string | null = "servers?limit=1000";
    let pages = 0;
    let previous = "";
    while (path) {
      const res = await env.api("GET", path);
      for (const s of res.body.servers as Array<{ id: string; name: string }>) {
        expect(seen.has(s.id)).toBe(false);
        seen.add(s.id);
        previous = s.name;
      }
      pages++;
      const next = res.body.servers_links?.[0]?.href as string | undefined;
      path = next ? next.slice(next.indexOf("/compute")) : null;
    }
    expect(seen.size).toBe(total);
    expect(pages).toBe(6);
    expect(previous).toMatch(/^bulk-[012]$/);
  });

  it("filters by status with the same paging", async () => {
    const res = await env.api("GET", "servers/detail?status=SHUTOFF&limit=100");
    expect(res.body.servers).toHaveLength(100);
    expect(res.body.servers.every((s: { status: string }) => s.status === "SHUTOFF")).toBe(true);
    const asc = await env.api("GET", "servers?sort_key=display_name&sort_dir=asc&limit=2");
    expect(asc.body.servers.map((s: { name: string }) => s.name)).toEqual(["bulk-0", "bulk-1"]);
  });

  it("filters by changes-before (2.66+; ignored before, as Nova's schema strips it)", async () => {
    await env.control.running.db.raw.exec(
      `UPDATE instance SET updated_at = '2020-06-01T00:00:00Z' WHERE name IN ('bulk-7', 'bulk-8', 'bulk-9')`,
    );
    const before = "changes-before=2021-01-01T00:00:00Z";
    const res = await env.api("GET", `servers?${before}&sort_key=display_name&sort_dir=asc`, { mv: "2.66" });
    expect(res.body.servers.map((s: { name: string }) => s.name)).toEqual(["bulk-7", "bulk-8", "bulk-9"]);
    const old = await env.api("GET", `servers?${before}&limit=10`, { mv: "2.65" });
    expect(old.body.servers).toHaveLength(10);
    const both = await env.api("GET", `servers?${before}&changes-since=2022-01-01T00:00:00Z`, { mv: "2.66" });
    expect(both.status).toBe(400);
    expect(both.body.badRequest.message).toBe(
      "The value of changes-since must be less than or equal to changes-before.",
    );
  });
});
