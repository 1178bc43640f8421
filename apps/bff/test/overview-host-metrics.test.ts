import { createGnocchiClient, type MetricService } from "@zenith/api-client/gnocchi";
import { describe, expect, it } from "vitest";
import { hostMetrics } from "../src/services/overview/host-metrics.ts";

/**
 * The admin overview's measured host use against a scripted Gnocchi that
 * answers as upstream does: `host` resources found by their original
 * resource id (the host name), measures as `[[iso, granularity, value]]`.
 */

const NOW = Date.parse("2026-12-06T18:00:00Z");
const GIB = 1024 ** 3;

function fakeGnocchi(hosts: Record<string, Record<string, [string, number, number][]>>) {
  const calls: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    calls.push(`${init?.method ?? "GET"} ${url.pathname}`);
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    if (url.pathname === "/metric/v1/search/resource/host") {
      const filter = JSON.parse(String(init?.body ?? "{}")) as { in?: { original_resource_id?: string[] } };
      const wanted = filter.in?.original_resource_id ?? [];
      return json(
        Object.entries(hosts)
          .filter(([name]) => wanted.includes(name))
          .map(([name, metrics], i) => ({
            id: `00000000-0000-5000-8000-00000000000${i}`,
            type: "host",
            original_resource_id: name,
            metrics: Object.fromEntries(Object.keys(metrics).map((m) => [m, `${name}/${m}`])),
          })),
      );
    }
    const m = /^\/metric\/v1\/metric\/(.+)\/measures$/.exec(url.pathname);
    if (m) {
      const [host, metric] = decodeURIComponent(m[1] ?? "").split("/");
      const rows = hosts[host ?? ""]?.[metric ?? ""];
      return rows ? json(rows) : json({ code: 404, description: "Metric does not exist" }, 404);
    }
    return json({ code: 404, description: "no route" }, 404);
  };
  const service: MetricService = {
    available: true,
    endpoint: "http://gnocchi.test/metric",
    client: createGnocchiClient({ endpoint: "http://gnocchi.test/metric", token: "t", fetch: fetchImpl }),
  };
  return { service, calls };
}

describe("measured host use", () => {
  it("reads the latest measure of each hardware metric per host, by host name", async () => {
    const { service } = fakeGnocchi({
      compute1: {
        // Every archive at once, coarsest first, as Gnocchi answers without a granularity.
        "hardware.cpu.util": [
          ["2026-12-06T17:00:00+00:00", 3600, 50],
          ["2026-12-06T17:59:00+00:00", 60, 40],
          ["2026-12-06T17:59:40+00:00", 10, 20],
          ["2026-12-06T17:59:50+00:00", 10, 35.5],
        ],
        "hardware.memory.used": [["2026-12-06T17:59:50+00:00", 10, 3 * GIB]],
        "hardware.memory.total": [["2026-12-06T17:59:50+00:00", 10, 8 * GIB]],
        "hardware.disk.size.used": [["2026-12-06T17:59:50+00:00", 10, 40 * GIB]],
        "hardware.disk.size.total": [["2026-12-06T17:59:50+00:00", 10, 500 * GIB]],
      },
      other: { "hardware.cpu.util": [["2026-12-06T17:59:50+00:00", 10, 99]] },
    });
    const use = await hostMetrics(service, ["compute1", "compute2"], NOW);
    expect(use?.get("compute1")).toEqual({
      cpuPercent: 35.5,
      memoryUsedBytes: 3 * GIB,
      memoryTotalBytes: 8 * GIB,
      diskUsedBytes: 40 * GIB,
      diskTotalBytes: 500 * GIB,
    });
    // A host the service does not measure is absent (its row shows allocation only); others are not asked for.
    expect(use?.has("compute2")).toBe(false);
    expect(use?.has("other")).toBe(false);
  });

  it("keeps what it could read when one metric fails, and is null without a metric service", async () => {
    const { service } = fakeGnocchi({
      compute1: { "hardware.memory.total": [["2026-12-06T17:59:50+00:00", 10, 8 * GIB]] },
    });
    const use = await hostMetrics(service, ["compute1"], NOW);
    expect(use?.get("compute1")).toMatchObject({ memoryTotalBytes: 8 * GIB, cpuPercent: null });
    expect(
      await hostMetrics({ available: false, reason: "no-metric-service" }, ["compute1"], NOW),
    ).toBeNull();
  });
});
