import type { Sample } from "@zenith/agent-protocol/metering";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ComputeTestEnv, startCompute } from "./compute-servers-harness.ts";

const DAY = 86_400_000;

/**
 * Rollups and retention on a simulated clock: two days of 10 s samples of
 * a host gauge, read back at every granularity, then the clock moves on
 * and retention drops each level when its timespan has passed.
 */
describe("metering: rollups and retention on a simulated clock", () => {
  let env: ComputeTestEnv;
  // Midnight, a whole number of 60 h chunks from the epoch (the coarsest level's row span).
  const T0 = Math.floor(Date.parse("2026-11-01T00:00:00Z") / (216_000_000 * 10)) * 216_000_000 * 10;
  let now = T0 + 2 * DAY;
  const HOST = "clock-host";

  const measures = async (granularity: number, aggregation = "mean") => {
    const hostId = (await env.api("GET", `/metric/v1/resource/host/${HOST}`, { token: env.adminToken })).body
      .id;
    const res = await env.api(
      "GET",
      `/metric/v1/resource/host/${hostId}/metric/hardware.cpu.util/measures?granularity=${granularity}&aggregation=${aggregation}&start=0`,
      { token: env.adminToken },
    );
    expect(res.status, res.text).toBe(200);
    return res.body as Array<[string, number, number]>;
  };
  const chunkRows = async (granularity: number) =>
    env.control.running.db.prisma.measureChunk.count({ where: { granularity } });

  beforeAll(async () => {
    env = await startCompute("meterclock", {
      control: { meteringClock: () => now, meteringIntervalMs: 3_600_000 },
    });
    // Value i % 6 every 10 s: each minute holds 0..5 (mean 2.5, min 0, max 5, sum 15, count 6).
    const samples: Sample[] = Array.from({ length: (2 * DAY) / 10_000 }, (_, i) => ({
      resource: "host",
      subject: HOST,
      metric: "hardware.cpu.util",
      value: i % 6,
      at: T0 + i * 10_000,
    }));
    const ingest = env.control.running.metering.ingest;
    for (let i = 0; i < samples.length; i += 5_000) {
      const result = await ingest.ingest(HOST, samples.slice(i, i + 5_000));
      expect(result.rejected).toBe(0);
    }
    await env.control.running.metering.aggregator.processBacklog();
  });
  afterAll(async () => env?.close());

  it("keeps 10 s points for one day only, though two were sent", async () => {
    const ten = await measures(10);
    expect(ten).toHaveLength(8_640);
    expect(Date.parse(ten[0]?.[0] ?? "")).toBe(now - DAY);
  });

  it("rolls minutes up exactly: mean, min, max, sum, count", async () => {
    for (const [aggregation, value] of [
      ["mean", 2.5],
      ["min", 0],
      ["max", 5],
      ["sum", 15],
      ["count", 6],
    ] as const) {
      const minutes = await measures(60, aggregation);
      expect(minutes).toHaveLength(2 * 1_440);
      expect(new Set(minutes.map((m) => m[2]))).toEqual(new Set([value]));
    }
  });

  it("rolls hours up exactly", async () => {
    const hours = await measures(3600, "count");
    expect(hours).toHaveLength(48);
    expect(hours.every((h) => h[2] === 360)).toBe(true);
    expect((await measures(3600, "max")).every((h) => h[2] === 5)).toBe(true);
  });

  it("folds a late sample into the aggregates it belongs to", async () => {
    const ingest = env.control.running.metering.ingest;
    await ingest.ingest(HOST, [
      { resource: "host", subject: HOST, metric: "hardware.cpu.util", value: 100, at: T0 + DAY + 5_000 },
    ]);
    await env.control.running.metering.aggregator.processBacklog();
    const minute = (await measures(60, "max")).find((m) => Date.parse(m[0]) === T0 + DAY);
    expect(minute?.[2]).toBe(100);
    const count = (await measures(60, "count")).find((m) => Date.parse(m[0]) === T0 + DAY);
    expect(count?.[2]).toBe(7);
  });

  it("drops each level once its timespan has passed", async () => {
    const aggregator = env.control.running.metering.aggregator;
    await aggregator.applyRetention();
    // The day before yesterday's 10 s rows are gone; yesterday's stay.
    expect(await chunkRows(10)).toBe(144);
    expect(await chunkRows(60)).toBe(48);
    now = T0 + 9 * DAY;
    await aggregator.applyRetention();
    expect(await chunkRows(10)).toBe(0);
    expect(await measures(60)).toEqual([]);
    expect(await chunkRows(60)).toBe(0);
    expect(await measures(3600, "count")).toHaveLength(48);
    now = T0 + 93 * DAY;
    await aggregator.applyRetention();
    expect(await chunkRows(3600)).toBe(0);
    expect(await measures(3600)).toEqual([]);
  });
});
