import { createGnocchiClient } from "@zenith/api-client/gnocchi";
import { createNovaClient } from "@zenith/api-client/nova";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Cloud } from "../src/services/cloud/clients.ts";
import {
  clearRankingCache,
  RANKING_BATCH,
  RANKING_PARALLEL,
  RANKING_TTL_MS,
  SEARCH_PAGE,
  topInstances,
} from "../src/services/metrics/top-instances.ts";
import { novaServer, server } from "./fake-cloud.ts";

const NOW = Date.parse("2030-01-01T12:00:00Z");
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const urlOf = (input: Parameters<typeof fetch>[0]) =>
  new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);

/** The ids an aggregates search names with `{"in": {"id": […]}}` (alone or in an `and`), or null for none. */
function idsIn(search: unknown): string[] | null {
  if (!search || typeof search !== "object") return null;
  const node = search as { in?: { id?: unknown }; and?: unknown[] };
  if (Array.isArray(node.in?.id)) return node.in.id.map(String);
  for (const part of node.and ?? []) {
    const ids = idsIn(part);
    if (ids) return ids;
  }
  return null;
}

/**
 * A cloud whose metric service knows `busy` instances (vm-0 the busiest, CPU
 * counters growing 1e8 ns a minute less for each next one; 1e7 more with
 * `busiestLast`), of which Nova still lists those not in
 * `goneFromNova`; records Nova's paths, the searches and the aggregates
 * calls. Like Zenith's metric service, it refuses an aggregates call over
 * more resources than `maxSeries` with a 400, rather than answer a part.
 */
function fakeCloud(
  busy: number,
  goneFromNova: string[] = [],
  opts: { busiestLast?: boolean; maxSeries?: number; startedAt?: string } = {},
) {
  const novaPaths: string[] = [];
  const searches: unknown[] = [];
  const searchLimits: Array<string | null> = [];
  const aggregateCalls: Array<{ ids: number; granularity: unknown; start: unknown }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const ids = Array.from({ length: busy }, (_, i) => `vm-${i}`);
  // Tenths the other way round: all under one vCPU's 6e10 ns a minute, where CPU % stops at 100.
  const growth = (i: number) => (opts.busiestLast ? (i + 1) / 10 : busy - i);
  const novaFetch: typeof fetch = async (input) => {
    const url = urlOf(input);
    novaPaths.push(url.pathname);
    if (url.pathname.endsWith("/flavors/detail") || url.pathname.endsWith("/flavors"))
      return json({ flavors: [{ id: "f1", name: "m1", vcpus: 1, ram: 512, disk: 1, swap: "" }] });
    const id = url.pathname.split("/").at(-1) ?? "";
    if (!ids.includes(id) || goneFromNova.includes(id))
      return json({ itemNotFound: { code: 404, message: "Instance could not be found." } }, 404);
    return json({ server: novaServer(server(0, { id, name: `nova-name-${id}` })) });
  };
  const minute = (k: number) => new Date(NOW - (3 - k) * 60_000).toISOString();
  const gnocchiFetch: typeof fetch = async (input, init) => {
    const url = urlOf(input);
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : null;
    if (url.pathname.startsWith("/metric/v1/search/resource/instance_network_interface")) return json([]);
    if (url.pathname.startsWith("/metric/v1/search/resource/instance")) {
      searches.push(body);
      searchLimits.push(url.searchParams.get("limit"));
      if (url.searchParams.get("marker")) return json([]);
      return json(
        ids.map((id) => ({
          id,
          type: "instance",
          display_name: `gnocchi-name-${id}`,
          flavor_id: "f1",
          started_at: opts.startedAt ?? null,
          metrics: {},
        })),
      );
    }
    if (url.pathname === "/metric/v1/aggregates") {
      if (!String(body?.operations).includes("(metric cpu mean)")) return json({ measures: {} });
      const named = idsIn(body?.search);
      const matched = named ? ids.filter((id) => named.includes(id)) : ids;
      aggregateCalls.push({
        ids: matched.length,
        granularity: body?.granularity ?? url.searchParams.get("granularity"),
        start: url.searchParams.get("start") ?? body?.start,
      });
      if (matched.length > (opts.maxSeries ?? 2_000)) {
        const description = `Too many series: ${matched.length} match. Narrow the search.`;
        return json({ code: 400, title: "Bad Request", description }, 400);
      }
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const measures = Object.fromEntries(
        matched.map((id) => [
          id,
          {
            cpu: {
              mean: [0, 1, 2, 3].map((k) => [minute(k), 60, k * growth(ids.indexOf(id)) * 1e8]),
            },
          },
        ]),
      );
      return json({ measures });
    }
    return json({ description: "not found" }, 404);
  };
  const nova = createNovaClient({
    endpoint: "http://c/compute/v2.1",
    token: "t",
    fetch: novaFetch,
    microversion: "2.79",
  });
  const gnocchi = createGnocchiClient({ endpoint: "http://c/metric", token: "t", fetch: gnocchiFetch });
  const cloud: Pick<Cloud, "metric" | "nova"> = {
    nova: async () => nova,
    metric: async () => ({ available: true, endpoint: "http://c/metric", client: gnocchi }),
  };
  return { cloud, novaPaths, searches, searchLimits, aggregateCalls, maxInFlight: () => maxInFlight };
}

const scope = { token: "t", isAdmin: false };

describe("topInstances", () => {
  beforeEach(() => clearRankingCache());

  it("reads minute points over a young cloud's day, hourly points over an older one's", async () => {
    // The oldest live instance started 30 min ago: the day's window is those 30 min and the hour
    // before (samples may predate their resource), at 1 min points (hourly points would leave its
    // ranking empty: a rate needs two whole hours).
    const young = fakeCloud(5, [], { startedAt: new Date(NOW - 30 * 60_000).toISOString() });
    const top = await topInstances(young.cloud, scope, "p-demo", "24h", 3, NOW);
    expect(top.byCpu.map((t) => t.id)).toEqual(["vm-0", "vm-1", "vm-2"]);
    const [call] = young.aggregateCalls;
    expect(String(call?.granularity)).toBe("60");
    // From one period before the window.
    expect(Date.parse(String(call?.start))).toBe(NOW - 91 * 60_000);

    // Another cloud at the same address: not the ranking cached for the first.
    clearRankingCache();
    const old = fakeCloud(5, [], { startedAt: new Date(NOW - 3 * 86_400_000).toISOString() });
    await topInstances(old.cloud, scope, "p-demo", "24h", 3, NOW);
    expect(String(old.aggregateCalls[0]?.granularity)).toBe("3600");
    expect(Date.parse(String(old.aggregateCalls[0]?.start))).toBe(NOW - 25 * 3_600_000);
  });

  it("ranks the metric service's live instances, then asks Nova for the few at the top only", async () => {
    const { cloud, novaPaths, searches, searchLimits } = fakeCloud(500);
    const top = await topInstances(cloud, scope, "p-demo", "1h", 3, NOW);
    expect(top.byCpu.map((t) => t.id)).toEqual(["vm-0", "vm-1", "vm-2"]);
    // Names are Nova's.
    expect(top.byCpu[0]?.name).toBe("nova-name-vm-0");
    // No listing of every server: the flavors, then one GET per candidate (3 + spares).
    expect(novaPaths.filter((p) => p.endsWith("/servers") || p.endsWith("/servers/detail"))).toEqual([]);
    expect(novaPaths.filter((p) => p.includes("/servers/")).length).toBeLessThanOrEqual(6);
    // Only resources of the project that have not ended.
    expect(searches[0]).toEqual({ and: [{ "=": { project_id: "p-demo" } }, { "=": { ended_at: null } }] });
    // In pages as large as the metric service answers (they come one after another).
    expect(searchLimits[0]).toBe(String(SEARCH_PAGE));
  });

  it("leaves out an instance Nova no longer lists, and the next one takes its place", async () => {
    const { cloud } = fakeCloud(10, ["vm-1"]);
    const top = await topInstances(cloud, scope, "p-demo", "1h", 3, NOW);
    expect(top.byCpu.map((t) => t.id)).toEqual(["vm-0", "vm-2", "vm-3"]);
  });

  it("ranks more live instances than one aggregates call may hold: in batches, a bounded number at a time", async () => {
    // 1,200 instances, the busiest listed last; one call over all of them is refused, as Zenith's metric service does.
    const count = 2 * RANKING_BATCH + 200;
    const { cloud, aggregateCalls, maxInFlight } = fakeCloud(count, [], {
      busiestLast: true,
      maxSeries: RANKING_BATCH,
    });
    const top = await topInstances(cloud, scope, "p-demo", "1h", 3, NOW);
    expect(top.byCpu.map((t) => t.id)).toEqual([`vm-${count - 1}`, `vm-${count - 2}`, `vm-${count - 3}`]);
    expect(aggregateCalls.map((c) => c.ids)).toEqual([RANKING_BATCH, RANKING_BATCH, 200]);
    expect(maxInFlight()).toBeGreaterThan(1);
    expect(maxInFlight()).toBeLessThanOrEqual(RANKING_PARALLEL);
  });

  it("shares one ranking between readers for a while, and still asks Nova about its top on every call", async () => {
    const gone: string[] = [];
    const { cloud, aggregateCalls, novaPaths } = fakeCloud(10, gone);
    // Readers at once (a server render and the browser's retry) wait for the same read.
    const [a, b] = await Promise.all([
      topInstances(cloud, scope, "p-demo", "1h", 3, NOW),
      topInstances(cloud, scope, "p-demo", "1h", 3, NOW),
    ]);
    expect(a).toEqual(b);
    expect(aggregateCalls).toHaveLength(1);
    // A later reader within the TTL: no metric read, but an instance deleted since is left out.
    gone.push("vm-0");
    const serverGets = () => novaPaths.filter((p) => p.includes("/servers/")).length;
    const before = serverGets();
    const later = await topInstances(cloud, scope, "p-demo", "1h", 3, NOW);
    expect(aggregateCalls).toHaveLength(1);
    expect(serverGets()).toBeGreaterThan(before);
    expect(later.byCpu.map((t) => t.id)).toEqual(["vm-1", "vm-2", "vm-3"]);
    // Another range or project is a ranking of its own.
    await topInstances(cloud, scope, "p-demo", "24h", 3, NOW);
    await topInstances(cloud, scope, "p-other", "1h", 3, NOW);
    expect(aggregateCalls).toHaveLength(3);
  });

  it("reads the ranking again once it is older than the TTL", async () => {
    const { cloud, aggregateCalls } = fakeCloud(5);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      await topInstances(cloud, scope, "p-demo", "1h", 3, NOW);
      vi.advanceTimersByTime(RANKING_TTL_MS - 1_000);
      await topInstances(cloud, scope, "p-demo", "1h", 3, NOW);
      expect(aggregateCalls).toHaveLength(1);
      vi.advanceTimersByTime(2_000);
      await topInstances(cloud, scope, "p-demo", "1h", 3, NOW);
      expect(aggregateCalls).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("fails rather than rank nothing when the metric service refuses a call as too big", async () => {
    const { cloud } = fakeCloud(RANKING_BATCH, [], { maxSeries: RANKING_BATCH - 1 });
    await expect(topInstances(cloud, scope, "p-demo", "1h", 3, NOW)).rejects.toThrow(/Too many series/);
  });
});
