import { forgetMicroversions } from "@zenith/api-client/nova";
import { beforeEach, describe, expect, it } from "vitest";
import { clearCatalogCache } from "../src/services/cloud/catalog.ts";
import { clearJoinCaches } from "../src/services/compute/joins.ts";
import { substringRegex } from "../src/services/compute/list-instances.ts";
import { quotaReason } from "../src/services/compute/quota.ts";
import { fakeCloud, server } from "./fake-cloud.ts";
import { callerFor, codeOf, keystoneSession, sessionCookie } from "./helpers.ts";

beforeEach(() => {
  clearJoinCaches();
  clearCatalogCache();
  forgetMicroversions();
});

async function as(cloud: ReturnType<typeof fakeCloud>, roles = ["member", "reader"]) {
  const cookie = await sessionCookie(keystoneSession({ roles }));
  return callerFor(cookie, { fetch: cloud.fetch });
}

const novaCalls = (cloud: ReturnType<typeof fakeCloud>, path: string) =>
  cloud.calls.filter((c) => c.host === "nova.test" && c.path === path);

describe("compute.instances.list", () => {
  const servers = Array.from({ length: 45 }, (_, i) => server(i + 1));

  it("reads the plain page 1 with one limits and one detail call, joins only the page's ids", async () => {
    const cloud = fakeCloud({ servers });
    const { caller } = await as(cloud);
    const page = await caller.compute.instances.list({ pageSize: 10, sort: "name", dir: "asc" });
    expect(page.total).toBe(45);
    expect(page.items.map((i) => i.name)).toEqual(servers.slice(0, 10).map((s) => s.name));
    expect(page.items[0]).toMatchObject({
      status: "ACTIVE",
      powerState: "RUNNING",
      flavor: { id: "2", name: "m1.small", vcpus: 1, ram: 2048, disk: 20 },
      image: { id: "img-1", name: "image img-1" },
      addresses: ["10.0.0.5"],
      availabilityZone: "nova",
    });
    expect(page.items[0]?.projectName).toBeUndefined();
    const detail = novaCalls(cloud, "/v2.1/servers/detail");
    expect(detail).toHaveLength(1);
    expect(detail[0]?.query.get("limit")).toBe("10");
    expect(detail[0]?.query.get("sort_key")).toBe("display_name");
    expect(detail[0]?.query.get("marker")).toBeNull();
    // Three distinct images on the page: three lookups, no image list.
    const glance = cloud.calls.filter((c) => c.host === "glance.test");
    expect(glance.map((c) => c.path).sort()).toEqual([
      "/v2/images/img-0",
      "/v2/images/img-1",
      "/v2/images/img-2",
    ]);
    expect(cloud.calls.every((c) => c.host !== "keystone.test" || c.path.endsWith("/auth/catalog"))).toBe(
      true,
    );
    // The total comes from `totalInstancesUsed`: no summary listing of every server.
    expect(novaCalls(cloud, "/v2.1/servers")).toHaveLength(0);
    expect(novaCalls(cloud, "/v2.1/limits")).toHaveLength(1);
  });

  it("reads a filtered page 1 with one summary and one detail call", async () => {
    const cloud = fakeCloud({ servers });
    const { caller } = await as(cloud);
    const page = await caller.compute.instances.list({ pageSize: 10, status: "ACTIVE" });
    expect(page.total).toBe(servers.filter((s) => s.status === "ACTIVE").length);
    expect(novaCalls(cloud, "/v2.1/servers")).toHaveLength(1);
    expect(novaCalls(cloud, "/v2.1/servers/detail")).toHaveLength(1);
  });

  it("counts every project's first page through Zenith's server counts, not a summary listing", async () => {
    const mixed = servers.map((s, i) => (i % 3 === 0 ? { ...s, status: "SHUTOFF" } : s));
    const cloud = fakeCloud({ servers: mixed, zenith: true });
    const { caller } = await as(cloud, ["admin", "member", "reader"]);
    const all = await caller.compute.instances.list({ allProjects: true, pageSize: 10 });
    expect(all.total).toBe(mixed.length);
    const off = await caller.compute.instances.list({ allProjects: true, pageSize: 10, status: "SHUTOFF" });
    expect(off.total).toBe(mixed.filter((s) => s.status === "SHUTOFF").length);
    expect(novaCalls(cloud, "/v2.1/servers")).toHaveLength(0);
    expect(cloud.calls.filter((c) => c.path === "/zenith/v1/server-counts")).toHaveLength(2);
    // A name filter or a later page still walks the summary (the counts know neither).
    await caller.compute.instances.list({ allProjects: true, pageSize: 10, q: "vm" });
    await caller.compute.instances.list({ allProjects: true, pageSize: 10, page: 2 });
    expect(novaCalls(cloud, "/v2.1/servers")).toHaveLength(2);
  });

  it("reads page N through the marker found in the summary listing", async () => {
    const cloud = fakeCloud({ servers });
    const { caller } = await as(cloud);
    const page = await caller.compute.instances.list({ page: 3, pageSize: 10, sort: "name", dir: "asc" });
    expect(page).toMatchObject({ total: 45, page: 3, pageSize: 10 });
    expect(page.items.map((i) => i.id)).toEqual(servers.slice(20, 30).map((s) => s.id));
    const detail = novaCalls(cloud, "/v2.1/servers/detail");
    expect(detail).toHaveLength(1);
    expect(detail[0]?.query.get("marker")).toBe(servers[19]?.id);
  });

  it("answers an empty page past the end without a detail call", async () => {
    const cloud = fakeCloud({ servers });
    const { caller } = await as(cloud);
    const page = await caller.compute.instances.list({ page: 9, pageSize: 10 });
    expect(page).toMatchObject({ items: [], total: 45 });
    expect(novaCalls(cloud, "/v2.1/servers/detail")).toHaveLength(0);
  });

  it("filters by a case-insensitive substring through Nova's regex filter", async () => {
    const cloud = fakeCloud({ servers: [server(1, { name: "Web.Front" }), server(2, { name: "db" })] });
    const { caller } = await as(cloud);
    const page = await caller.compute.instances.list({ q: "web.f" });
    expect(page.items.map((i) => i.name)).toEqual(["Web.Front"]);
    expect(substringRegex("a.b")).toBe("[aA]\\.[bB]");
  });

  it("refuses other projects to members and labels them for admins", async () => {
    const cloud = fakeCloud({ servers: [server(1, { tenant_id: "p-other" }), server(2)] });
    const member = await as(cloud);
    expect(await codeOf(member.caller.compute.instances.list({ allProjects: true }))).toBe("FORBIDDEN");
    const admin = await as(cloud, ["admin", "member", "reader"]);
    const page = await admin.caller.compute.instances.list({ allProjects: true });
    expect(page.items.map((i) => i.projectName).sort()).toEqual(["name of p-demo", "name of p-other"]);
    expect(novaCalls(cloud, "/v2.1/servers/detail")[0]?.query.get("all_tenants")).toBe("1");
  });
});

describe("compute.instances.action", () => {
  it("reports each server's result", async () => {
    const cloud = fakeCloud({ servers: [server(1), server(2, { status: "SHUTOFF" })] });
    const { caller } = await as(cloud);
    const res = await caller.compute.instances.action({
      ids: ["srv-001", "srv-002", "nope"],
      action: "start",
    });
    expect(res.results).toEqual([
      { id: "srv-001", ok: false, message: "Cannot 'start' instance while it is in vm_state active" },
      { id: "srv-002", ok: true },
      { id: "nope", ok: false, message: "Instance nope could not be found." },
    ]);
  });
});

describe("compute.launchOptions", () => {
  it("disables flavors the quota cannot fit, with the reason", async () => {
    const cloud = fakeCloud();
    const { caller } = await as(cloud);
    const options = await caller.compute.launchOptions();
    const medium = options.flavors.find((f) => f.name === "m1.medium");
    expect(medium?.disabledReason).toBe("Not enough vCPU quota: 2 needed, 1 left");
    expect(options.flavors.find((f) => f.name === "m1.small")?.disabledReason).toBeUndefined();
    expect(medium?.extraSpecs).toEqual({ "hw:cpu_policy": "shared" });
    expect(options.images.map((i) => i.id)).toEqual(["img-0", "img-big"]);
    expect(options.images[1]?.minDisk).toBe(50);
    expect(options.availabilityZones).toEqual(["nova"]);
    expect(options.keyPairs).toEqual([{ name: "k1", fingerprint: "fp" }]);
    expect(options.quota.cores).toEqual({ used: 3, limit: 4 });
  });

  it("explains every quota shortfall", () => {
    const q = (used: number, limit: number) => ({ used, limit });
    const base = { instances: q(0, 10), cores: q(0, -1), ram: q(0, 1024), keyPairs: q(0, 1) };
    expect(quotaReason(base, { vcpus: 64, ram: 512 })).toBeUndefined();
    expect(quotaReason(base, { vcpus: 1, ram: 2048 })).toBe(
      "Not enough RAM quota: 2048 MB needed, 1024 MB left",
    );
    expect(quotaReason({ ...base, instances: q(10, 10) }, { vcpus: 1, ram: 1 })).toBe(
      "Not enough instance quota: 1 needed, 0 left",
    );
  });
});
