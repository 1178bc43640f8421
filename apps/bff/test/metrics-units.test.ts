import { createGnocchiClient } from "@zenith/api-client/gnocchi";
import { describe, expect, it } from "vitest";
import { type InstanceSource, readSeries } from "../src/services/metrics/instance-series.ts";
import { closestGranularity, readMeasures } from "../src/services/metrics/measures-read.ts";
import { cpuPercent, perSecond, sumByTime } from "../src/services/metrics/series-math.ts";
import { watchSeries } from "../src/services/metrics/watch-series.ts";

/**
 * The series arithmetic and the live loop against a scripted Gnocchi that
 * answers measures as upstream does (`[[iso, granularity, value]]`,
 * filtered by `start`), 404 for metrics that do not exist, and 400 for a
 * granularity its archive policy lacks.
 */

type Rows = [string, number, number][];
const SERVER = "srv-1";

function fakeGnocchi(opts: {
  measures: Record<string, Rows>;
  disks?: string[];
  nics?: string[];
  granularities?: number[];
  /** Aggregation methods of the archive policy; default all. */
  aggregations?: string[];
}) {
  const calls: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    calls.push(`${init?.method ?? "GET"} ${url.pathname}${url.search}`);
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    const search = /^\/metric\/v1\/search\/resource\/(instance_disk|instance_network_interface)$/.exec(
      url.pathname,
    );
    if (search) {
      const ids = search[1] === "instance_disk" ? (opts.disks ?? []) : (opts.nics ?? []);
      return json(ids.map((id) => ({ id, type: search[1], instance_id: SERVER, metrics: {} })));
    }
    const m = /^\/metric\/v1\/resource\/[^/]+\/([^/]+)\/metric\/([^/]+)\/measures$/.exec(url.pathname);
    if (!m) return json({ code: 404, description: "no route" }, 404);
    const rows = opts.measures[`${decodeURIComponent(m[1] ?? "")}/${decodeURIComponent(m[2] ?? "")}`];
    if (!rows) return json({ code: 404, description: "Metric does not exist" }, 404);
    const granularity = url.searchParams.get("granularity");
    const aggregation = url.searchParams.get("aggregation") ?? "mean";
    // A real Gnocchi's words for both (AggregationDoesNotExist, a 404).
    if (
      (granularity && opts.granularities && !opts.granularities.includes(Number(granularity))) ||
      (opts.aggregations && !opts.aggregations.includes(aggregation))
    )
      return json(
        {
          code: 404,
          description: `Aggregation method '${aggregation}' at granularity '${granularity ?? "any"}' for metric x does not exist`,
          title: "Not Found",
        },
        404,
      );
    const start = url.searchParams.get("start");
    const from = start ? Date.parse(start) : 0;
    return json(
      rows.filter(([t, g]) => Date.parse(t) >= from && (!granularity || g === Number(granularity))),
    );
  };
  return {
    client: createGnocchiClient({ endpoint: "http://cloud/metric", token: "t", fetch: fetchImpl }),
    calls,
  };
}

const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 18, 0, s)).toISOString().replace(".000Z", "+00:00");
const ms = (s: number) => Date.UTC(2026, 11, 6, 18, 0, s);

function source(
  gnocchi: ReturnType<typeof fakeGnocchi>,
  parts: Partial<InstanceSource> = {},
): InstanceSource {
  return {
    gnocchi: gnocchi.client,
    serverId: SERVER,
    vcpus: 2,
    granularity: 10,
    disks: [],
    nics: [],
    ...parts,
  };
}

describe("series arithmetic", () => {
  it("turns a CPU time rate into % of the flavor's vCPUs, clamped", () => {
    // 10 s at 2 vCPUs is 20e9 ns of capacity.
    expect(cpuPercent(2)(10e9, 10)).toBe(50);
    expect(cpuPercent(2)(25e9, 10)).toBe(100);
    expect(cpuPercent(1)(-5, 10)).toBeNull();
  });
  it("reads counter rates per second and drops a restarted counter", () => {
    expect(perSecond(1000, 10)).toBe(100);
    expect(perSecond(-1, 10)).toBeNull();
  });
  it("sums parts at equal times", () => {
    expect(
      sumByTime([
        [
          { t: 1, v: 1 },
          { t: 2, v: 2 },
        ],
        [{ t: 2, v: 3 }],
      ]),
    ).toEqual([
      { t: 1, v: 1 },
      { t: 2, v: 5 },
    ]);
  });
  it("keeps the finest granularity at least as coarse as wanted", () => {
    const m = (g: number) => ({ timestamp: "", at: 0, granularity: g, value: 1 });
    expect(closestGranularity([m(300), m(3600), m(86400)], 60).map((x) => x.granularity)).toEqual([300]);
    expect(closestGranularity([m(300), m(3600)], 86400).map((x) => x.granularity)).toEqual([3600]);
  });
});

describe("readSeries", () => {
  it("reads CPU %, memory and summed disk and network rates", async () => {
    const gnocchi = fakeGnocchi({
      disks: ["disk-a", "disk-b"],
      nics: ["nic-a"],
      measures: {
        // Counters' means per period: the rates are their differences.
        [`${SERVER}/cpu`]: [
          [at(0), 10, 0],
          [at(10), 10, 5e9],
          [at(20), 10, 25e9],
        ],
        [`${SERVER}/memory.usage`]: [[at(10), 10, 256]],
        "disk-a/disk.device.read.bytes": [
          [at(0), 10, 0],
          [at(10), 10, 10_240],
        ],
        "disk-b/disk.device.read.bytes": [
          [at(0), 10, 0],
          [at(10), 10, 2_048],
        ],
        // A counter that started again: no reading.
        "disk-a/disk.device.write.bytes": [
          [at(0), 10, 10],
          [at(10), 10, 5],
        ],
        "nic-a/network.incoming.bytes": [
          [at(10), 10, 0],
          [at(20), 10, 1_000],
        ],
        // No outgoing metric yet: an empty series, not an error.
      },
    });
    const series = await readSeries(
      source(gnocchi, { disks: ["disk-a", "disk-b"], nics: ["nic-a"] }),
      new Date(ms(10)),
    );
    expect(series.cpu).toEqual([
      { t: ms(10), v: 25 },
      { t: ms(20), v: 100 },
    ]);
    expect(series.memory).toEqual([{ t: ms(10), v: 256 }]);
    expect(series.diskRead).toEqual([{ t: ms(10), v: 1228.8 }]);
    expect(series.diskWrite).toEqual([]);
    expect(series.netIn).toEqual([{ t: ms(20), v: 100 }]);
    expect(series.netOut).toEqual([]);
    // Counters are read as means from one period before the range (upstream's rate:mean is per sample).
    expect(gnocchi.calls).toContain(
      `GET /metric/v1/resource/instance/${SERVER}/metric/cpu/measures?start=${encodeURIComponent(new Date(ms(0)).toISOString())}&granularity=10&aggregation=mean`,
    );
  });

  it("falls back to the cloud's own granularity where the wanted one does not exist", async () => {
    const gnocchi = fakeGnocchi({
      granularities: [300],
      measures: { [`${SERVER}/memory.usage`]: [[at(0), 300, 512]] },
    });
    const series = await readSeries(source(gnocchi), new Date(0));
    expect(series.memory).toEqual([{ t: ms(0), v: 512 }]);
  });
});

describe("readSeries on a Gnocchi without rate:mean", () => {
  it("derives the rate from consecutive means at the policy's granularity", async () => {
    const gnocchi = fakeGnocchi({
      granularities: [300],
      aggregations: ["mean"],
      measures: {
        [`${SERVER}/cpu`]: [
          [at(0), 300, 0],
          [at(300), 300, 150e9],
          [at(600), 300, 450e9],
        ],
      },
    });
    const series = await readSeries(source(gnocchi), new Date(0));
    // 150e9 ns over 300 s × 2 vCPUs is 25 %; 300e9 is 50 %.
    expect(series.cpu).toEqual([
      { t: ms(300), v: 25 },
      { t: ms(600), v: 50 },
    ]);
  });

  it("scales the growth to one period where points are further apart (a gap, a sparser polling)", async () => {
    const gnocchi = fakeGnocchi({
      granularities: [300],
      measures: {
        [`${SERVER}/cpu`]: [
          [at(0), 300, 0],
          [at(600), 300, 300e9],
        ],
      },
    });
    const series = await readSeries(source(gnocchi), new Date(0));
    // 300e9 ns over 600 s is 150e9 per 300 s period: 25 % of 2 vCPUs.
    expect(series.cpu).toEqual([{ t: ms(600), v: 25 }]);
  });
});

describe("readMeasures on a Gnocchi whose metricd lags", () => {
  /** Measures wait in the backlog until a read asks to `refresh`; `locked`: metricd holds the metric (503). */
  function backlogGnocchi(opts: { locked: boolean }) {
    const refreshes: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      const json = (body: unknown, status = 200) =>
        new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
      if (url.searchParams.get("refresh") !== "true") return json([]);
      refreshes.push(url.pathname);
      if (opts.locked)
        return json({ code: 503, description: "Unable to refresh metric: x. Metric is locked." }, 503);
      return json([[at(10), 10, 256]]);
    };
    return {
      client: createGnocchiClient({ endpoint: "http://cloud/metric", token: "t", fetch: fetchImpl }),
      refreshes,
    };
  }
  const req = {
    type: "instance",
    resourceId: SERVER,
    metric: "memory.usage",
    aggregation: "mean",
    granularity: 10,
    start: new Date(ms(0)),
  };

  it("asks again with refresh=true where nothing is aggregated yet", async () => {
    const gnocchi = backlogGnocchi({ locked: false });
    expect((await readMeasures(gnocchi.client, req)).map((m) => m.value)).toEqual([256]);
    expect(gnocchi.refreshes).toEqual([
      `/metric/v1/resource/instance/${SERVER}/metric/memory.usage/measures`,
    ]);
  });

  it("answers the empty series where metricd holds the metric right then (503)", async () => {
    const gnocchi = backlogGnocchi({ locked: true });
    expect(await readMeasures(gnocchi.client, req)).toEqual([]);
    expect(gnocchi.refreshes).toHaveLength(1);
  });
});

describe("watchSeries", () => {
  it("pushes only points the browser has not seen, and a point again when its value changed", async () => {
    const rows: Rows = [[at(10), 10, 128]];
    const gnocchi = fakeGnocchi({ measures: { [`${SERVER}/memory.usage`]: rows } });
    const abort = new AbortController();
    const updates = watchSeries(source(gnocchi), {
      after: ms(10),
      intervalMs: 0,
      signal: abort.signal,
      now: () => ms(20),
    });
    const first = await updates.next();
    expect(first.value?.series).toEqual({ memory: [{ t: ms(10), v: 128 }] });
    // The newest period fills up, and a new one starts.
    rows[0] = [at(10), 10, 130];
    rows.push([at(20), 10, 140]);
    const second = await updates.next();
    expect(second.value?.series).toEqual({
      memory: [
        { t: ms(10), v: 130 },
        { t: ms(20), v: 140 },
      ],
    });
    // Nothing new: no event until something arrives.
    rows.push([at(30), 10, 150]);
    const third = await updates.next();
    expect(third.value?.series).toEqual({ memory: [{ t: ms(30), v: 150 }] });
    // Each read asks only for two periods before the newest point held (20 s here), never the whole range.
    const lastRead = gnocchi.calls.filter((c) => c.includes("memory.usage")).at(-1) ?? "";
    expect(new URL(`http://x${lastRead.split(" ")[1]}`).searchParams.get("start")).toBe(
      new Date(ms(0)).toISOString(),
    );
    abort.abort();
    expect((await updates.next()).done).toBe(true);
  });
});
