import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  createGnocchiClient,
  flattenAggregates,
  gnocchiV1Url,
  resolveMetricService,
  timespanSeconds,
  ZAggregatesResponse,
  ZArchivePolicies,
  ZMeasures,
  ZMetric,
  ZMetrics,
  ZResource,
  ZResources,
  ZResourceTypes,
} from "../src/gnocchi/index.ts";
import type { CatalogEntry } from "../src/keystone/schemas.ts";
import { fakeFetch } from "./fake-fetch.ts";

/**
 * Bodies recorded in the shapes a real Gnocchi 4 (fed by Ceilometer)
 * answers, extra keys included (`creator`, `revision_*`, `server_group`,
 * `compute.instance.booting.time`…), and the timespan strings of its
 * archive policies.
 */
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/gnocchi/${name}`, import.meta.url), "utf8"));

const INSTANCE = "75c44741-cc60-4033-804e-2d3098c7d2e9";
const CPU_METRIC = "0ae8a0bb-9a92-4f5a-90f3-9d1a1f2a8e5b";

function client(routes: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch(routes);
  const gnocchi = createGnocchiClient({ endpoint: "http://cloud:8041", token: "tok", fetch: fake.fetch });
  return { fake, gnocchi };
}

describe("Gnocchi schemas", () => {
  it.each([
    ["resource-instance-show-response.json", ZResource],
    ["search-instance-disk-response.json", ZResources],
    ["metric-show-response.json", ZMetric],
    ["metric-list-response.json", ZMetrics],
    ["measures-response.json", ZMeasures],
    ["archive-policy-list-response.json", ZArchivePolicies],
    ["resource-type-list-response.json", ZResourceTypes],
    ["aggregates-metric-response.json", ZAggregatesResponse],
    ["aggregates-search-response.json", ZAggregatesResponse],
    ["aggregates-groupby-response.json", ZAggregatesResponse],
  ] as const)("parses %s", (name, schema) => {
    expect(schema.safeParse(fixture(name)).error?.message).toBeUndefined();
  });

  it("keeps a resource type's own attributes and unknown keys", () => {
    const resource = ZResource.parse(fixture("resource-instance-show-response.json"));
    expect(resource.display_name).toBe("web-1");
    expect(resource.metrics.cpu).toBe(CPU_METRIC);
    expect(resource.server_group).toBeNull();
  });

  it("reads Gnocchi's timespans as seconds", () => {
    expect(timespanSeconds("0:05:00")).toBe(300);
    expect(timespanSeconds("1 day, 0:00:00")).toBe(86_400);
    expect(timespanSeconds("30 days, 0:00:00")).toBe(2_592_000);
    expect(timespanSeconds("0:00:10.5")).toBe(10.5);
    expect(timespanSeconds(3600)).toBe(3600);
    expect(timespanSeconds("60")).toBe(60);
    expect(timespanSeconds("soon")).toBeUndefined();
  });

  it("flattens every nesting of an aggregates answer", () => {
    const byMetric = ZAggregatesResponse.parse(fixture("aggregates-metric-response.json"));
    if (Array.isArray(byMetric)) throw new Error("expected one result");
    expect(flattenAggregates(byMetric.measures)).toEqual([
      {
        key: CPU_METRIC,
        aggregation: "rate:mean",
        measures: [
          {
            timestamp: "2026-12-06T18:05:00+00:00",
            at: Date.parse("2026-12-06T18:05:00Z"),
            granularity: 300,
            value: 300_000_000_000,
          },
          {
            timestamp: "2026-12-06T18:10:00+00:00",
            at: Date.parse("2026-12-06T18:10:00Z"),
            granularity: 300,
            value: 150_000_000_000,
          },
        ],
      },
    ]);
    const byResource = ZAggregatesResponse.parse(fixture("aggregates-search-response.json"));
    if (Array.isArray(byResource)) throw new Error("expected one result");
    const series = flattenAggregates(byResource.measures);
    expect(series.map((s) => [s.key, s.metric, s.aggregation, s.measures[0]?.value])).toEqual([
      [INSTANCE, "cpu", "rate:mean", 300_000_000_000],
      ["0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e", "cpu", "rate:mean", 30_000_000_000],
    ]);
  });
});

describe("Gnocchi client", () => {
  it("versions an unversioned catalog URL", () => {
    expect(gnocchiV1Url("http://cloud:8041")).toBe("http://cloud:8041/v1");
    expect(gnocchiV1Url("http://cloud/metric/")).toBe("http://cloud/metric/v1");
    expect(gnocchiV1Url("http://cloud/metric/v1")).toBe("http://cloud/metric/v1");
  });

  it("reads a resource metric's measures with every query parameter", async () => {
    const { fake, gnocchi } = client([
      {
        path: /^\/v1\/resource\/instance\/[^/]+\/metric\/cpu\/measures\?/,
        body: fixture("measures-response.json"),
      },
    ]);
    const measures = await gnocchi.resources.measures("instance", INSTANCE, "cpu", {
      start: new Date("2026-12-06T18:00:00Z"),
      stop: "2026-12-06T19:00:00Z",
      granularity: 300,
      aggregation: "rate:mean",
      refresh: true,
    });
    expect(measures.map((m) => m.value)).toEqual([1.2e9, 1.5e9, 9e8]);
    expect(measures[0]?.granularity).toBe(300);
    const url = new URL(fake.calls[0]?.url ?? "");
    expect(url.pathname).toBe(`/v1/resource/instance/${INSTANCE}/metric/cpu/measures`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      start: "2026-12-06T18:00:00.000Z",
      stop: "2026-12-06T19:00:00Z",
      granularity: "300",
      aggregation: "rate:mean",
      refresh: "true",
    });
    expect(fake.calls[0]?.headers.get("x-auth-token")).toBe("tok");
  });

  it("searches resources by attribute and pages by marker", async () => {
    const disk = (fixture("search-instance-disk-response.json") as object[])[0] as Record<string, unknown>;
    const page1 = [
      { ...disk, id: "a" },
      { ...disk, id: "b" },
    ];
    const page2 = [{ ...disk, id: "c" }];
    const { fake, gnocchi } = client([
      { method: "POST", path: "/v1/search/resource/instance_disk?limit=2&sort=id%3Aasc", body: page1 },
      {
        method: "POST",
        path: "/v1/search/resource/instance_disk?limit=2&marker=b&sort=id%3Aasc",
        body: page2,
      },
    ]);
    const all = await gnocchi.resources.searchAll(
      "instance_disk",
      { "=": { instance_id: INSTANCE } },
      { limit: 2 },
    );
    expect(all.map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(all[0]?.instance_id).toBe(INSTANCE);
    expect(fake.calls[0]?.body).toEqual({ "=": { instance_id: INSTANCE } });
  });

  it("sends aggregates with resource_type, search and groupby, and answers groups", async () => {
    const { fake, gnocchi } = client([
      { method: "POST", path: /^\/v1\/aggregates\?/, body: fixture("aggregates-groupby-response.json") },
    ]);
    const groups = await gnocchi.aggregates({
      operations: "(aggregate sum (metric cpu rate:mean))",
      resourceType: "instance",
      search: { "=": { ended_at: null } },
      groupby: ["project_id"],
      start: "2026-12-06T18:00:00Z",
      granularity: 3600,
      neededOverlap: 0,
      fill: 0,
    });
    expect(groups.map((g) => g.group.project_id)).toEqual([
      "8d7a5f0e1a2b4c3d9e8f7a6b5c4d3e2f",
      "1e2d3c4b5a6f4e7d8c9b0a1f2e3d4c5b",
    ]);
    expect(flattenAggregates(groups[0]?.measures.measures ?? {})[0]?.measures.map((m) => m.value)).toEqual([
      5.5, 7.25,
    ]);
    const call = fake.calls[0];
    expect(call?.body).toEqual({
      operations: "(aggregate sum (metric cpu rate:mean))",
      resource_type: "instance",
      search: { "=": { ended_at: null } },
    });
    const url = new URL(call?.url ?? "");
    expect(url.searchParams.get("groupby")).toBe("project_id");
    expect(url.searchParams.get("needed_overlap")).toBe("0");
    expect(url.searchParams.get("fill")).toBe("0");
    expect(url.searchParams.get("granularity")).toBe("3600");
  });

  it("answers one ungrouped aggregates result, references included", async () => {
    const { fake, gnocchi } = client([
      { method: "POST", path: /^\/v1\/aggregates/, body: fixture("aggregates-metric-response.json") },
    ]);
    const result = await gnocchi.aggregate({ operations: `(metric ${CPU_METRIC} rate:mean)`, details: true });
    expect(result.references).toHaveLength(1);
    expect(flattenAggregates(result.measures)[0]?.measures).toHaveLength(2);
    // Without a resource type, no search or groupby goes out.
    expect(fake.calls[0]?.body).toEqual({ operations: `(metric ${CPU_METRIC} rate:mean)` });
  });

  it("reads metrics, archive policies and resource types", async () => {
    const { gnocchi } = client([
      { path: `/v1/metric/${CPU_METRIC}`, body: fixture("metric-show-response.json") },
      { path: "/v1/metric?resource_id=r", body: fixture("metric-list-response.json") },
      { path: "/v1/archive_policy", body: fixture("archive-policy-list-response.json") },
      { path: "/v1/resource_type", body: fixture("resource-type-list-response.json") },
    ]);
    const metric = await gnocchi.metrics.get(CPU_METRIC);
    expect(metric.archive_policy?.aggregation_methods).toContain("rate:mean");
    expect(metric.resource?.id).toBe(INSTANCE);
    expect((await gnocchi.metrics.list({ resourceId: "r" }))[0]?.archive_policy_name).toBe(
      "ceilometer-low-rate",
    );
    const policies = await gnocchi.archivePolicies.list();
    expect(policies.map((p) => p.definition.map((d) => timespanSeconds(d.granularity)))).toEqual([
      [300, 3600, 86_400],
      [10, 60, 3600],
    ]);
    expect((await gnocchi.resourceTypes.list()).map((t) => t.name)).toEqual(["generic", "instance_disk"]);
  });

  it("turns Gnocchi's error bodies into OpenStackError", async () => {
    const { gnocchi } = client([
      {
        path: `/v1/resource/instance/${INSTANCE}`,
        status: 404,
        body: { code: 404, description: `Resource ${INSTANCE} does not exist`, title: "Not Found" },
      },
    ]);
    await expect(gnocchi.resources.get("instance", INSTANCE)).rejects.toMatchObject({
      status: 404,
      message: `Resource ${INSTANCE} does not exist`,
    });
  });
});

describe("resolveMetricService", () => {
  const entry = (type: string, url: string): CatalogEntry => ({
    id: type,
    type,
    name: type === "metric" ? "gnocchi" : type,
    endpoints: [{ id: `${type}-pub`, interface: "public", region: "RegionOne", region_id: "RegionOne", url }],
  });

  it("finds the metric service in the catalog", () => {
    const found = resolveMetricService(
      [entry("compute", "http://cloud/compute/v2.1"), entry("metric", "http://cloud/metric")],
      { token: "tok" },
    );
    expect(found.available).toBe(true);
    if (found.available) expect(found.client.http.baseUrl).toBe("http://cloud/metric/v1");
  });

  it("answers a typed absence, not a throw, on a cloud without one", () => {
    expect(resolveMetricService([entry("compute", "http://cloud/compute/v2.1")], { token: "tok" })).toEqual({
      available: false,
      reason: "no-metric-service",
    });
  });
});
