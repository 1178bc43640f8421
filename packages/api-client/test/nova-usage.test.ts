import { beforeEach, describe, expect, it } from "vitest";
import { createNovaClient, forgetMicroversions } from "../src/nova/index.ts";
import { fakeFetch } from "./fake-fetch.ts";

beforeEach(() => forgetMicroversions());

const server = (id: string, tenant: string, hours: number) => ({
  instance_id: id,
  name: id,
  hours,
  vcpus: 1,
  memory_mb: 512,
  local_gb: 1,
  started_at: "2026-12-01T00:00:00.000000",
  ended_at: null,
  state: "active",
  tenant_id: tenant,
});

describe("usage of every project", () => {
  it("follows Nova's pages over instances and adds up a project split across them", async () => {
    const fake = fakeFetch([
      { path: "/compute/v2.1", body: { version: { id: "v2.1", version: "2.79", min_version: "2.1" } } },
      {
        path: /^\/compute\/v2\.1\/os-simple-tenant-usage\?.*marker=b/,
        body: {
          tenant_usages: [
            { tenant_id: "p2", total_hours: 5, total_vcpus_usage: 5, server_usages: [server("c", "p2", 5)] },
          ],
        },
      },
      {
        path: /^\/compute\/v2\.1\/os-simple-tenant-usage\?/,
        body: {
          tenant_usages: [
            {
              tenant_id: "p1",
              total_hours: 3,
              total_vcpus_usage: 3,
              server_usages: [server("a", "p1", 1), server("b", "p1", 2)],
            },
          ],
          tenant_usages_links: [
            { rel: "next", href: "http://c/compute/v2.1/os-simple-tenant-usage?detailed=1&marker=b" },
          ],
        },
      },
    ]);
    const nova = createNovaClient({ endpoint: "http://c/compute/v2.1", token: "t", fetch: fake.fetch });
    const usages = await nova.quotas.usageAll(
      new Date("2026-12-01T00:00:00Z"),
      new Date("2026-12-02T00:00:00Z"),
      true,
    );
    expect(usages.map((u) => u.tenant_id)).toEqual(["p1", "p2"]);
    expect(usages[0]?.server_usages?.map((s) => s.instance_id)).toEqual(["a", "b"]);
    const pages = fake.calls.filter((c) => c.url.includes("os-simple-tenant-usage"));
    expect(pages).toHaveLength(2);
    expect(pages[0]?.url).toContain("start=2026-12-01T00%3A00%3A00");
    expect(pages[1]?.url).toContain("marker=b");
  });

  it("merges one project's totals and instances when they arrive on two pages", async () => {
    const fake = fakeFetch([
      { path: "/compute/v2.1", body: { version: { id: "v2.1", version: "2.79", min_version: "2.1" } } },
      {
        path: /marker=a/,
        body: {
          tenant_usages: [
            { tenant_id: "p1", total_hours: 2, total_vcpus_usage: 4, server_usages: [server("b", "p1", 2)] },
          ],
        },
      },
      {
        path: /^\/compute\/v2\.1\/os-simple-tenant-usage\?/,
        body: {
          tenant_usages: [
            { tenant_id: "p1", total_hours: 1, total_vcpus_usage: 1, server_usages: [server("a", "p1", 1)] },
          ],
          tenant_usages_links: [
            { rel: "next", href: "http://c/compute/v2.1/os-simple-tenant-usage?marker=a" },
          ],
        },
      },
    ]);
    const nova = createNovaClient({ endpoint: "http://c/compute/v2.1", token: "t", fetch: fake.fetch });
    const [p1, ...rest] = await nova.quotas.usageAll(new Date(0), new Date(1000), true);
    expect(rest).toEqual([]);
    expect(p1).toMatchObject({ tenant_id: "p1", total_hours: 3, total_vcpus_usage: 5 });
    expect(p1?.server_usages?.map((s) => s.instance_id)).toEqual(["a", "b"]);
  });
});
