import { describe, expect, it } from "vitest";
import { parseTimestamp } from "../src/http/metric/query.ts";
import { deltasJson, FOLD_BATCH } from "../src/services/metering/aggregator.ts";
import {
  aggregatePoints,
  expandChunks,
  foldMeasures,
  mergePoints,
  trimDelta,
} from "../src/services/metering/chunks.ts";
import { parseOperations } from "../src/services/metering/operations.ts";
import { searchFilterWhere } from "../src/services/metering/search-filter.ts";
import { uuid5 } from "../src/services/metering/subjects.ts";

describe("metering arithmetic", () => {
  it("folds samples into one delta per metric, granularity and chunk, and reads them back", () => {
    const at = 1_800_000_000_000; // a multiple of 10 min and 1 h
    const { deltas, last } = foldMeasures([
      { metricSeq: 1, at, value: 2 },
      { metricSeq: 1, at: at + 5_000, value: 4 },
      { metricSeq: 1, at: at + 10_000, value: 9 },
    ]);
    expect(last.get(1)).toEqual({ at: at + 10_000, value: 9 });
    expect(deltas.map((d) => d.granularity).sort((a, b) => a - b)).toEqual([10, 60, 3600]);
    const ten = deltas.find((d) => d.granularity === 10);
    expect(ten?.cnt.slice(0, 3)).toEqual([2, 1, null]);
    expect(ten?.sum.slice(0, 2)).toEqual([6, 9]);
    // The finest level keeps extremes too: two samples 5 s apart share a 10 s point.
    expect([ten?.mn[0], ten?.mx[0]]).toEqual([2, 4]);
    const minute = deltas.find((d) => d.granularity === 60);
    expect([minute?.cnt[0], minute?.sum[0], minute?.mn[0], minute?.mx[0]]).toEqual([3, 15, 2, 9]);
    const points = expandChunks(ten ? [ten] : [], 0, Number.MAX_SAFE_INTEGER);
    // The changes: none for the first sample, +2 in slot 0, +5 in slot 1.
    expect(points).toEqual([
      { ts: at / 1000, count: 2, sum: 6, min: 2, max: 4, changes: { count: 1, sum: 2, min: 2, max: 2 } },
      { ts: at / 1000 + 10, count: 1, sum: 9, min: 9, max: 9, changes: { count: 1, sum: 5, min: 5, max: 5 } },
    ]);
    expect(aggregatePoints(points, "rate:mean")).toEqual([
      [at / 1000, 2],
      [at / 1000 + 10, 5],
    ]);
    const minutePoints = expandChunks(minute ? [minute] : [], 0, Number.MAX_SAFE_INTEGER);
    expect(aggregatePoints(minutePoints, "rate:mean")).toEqual([[at / 1000, 3.5]]);
    expect(aggregatePoints(minutePoints, "rate:sum")).toEqual([[at / 1000, 7]]);
    expect(aggregatePoints(minutePoints, "rate:max")).toEqual([[at / 1000, 5]]);
    expect(aggregatePoints(minutePoints, "rate:min")).toEqual([[at / 1000, 2]]);
    expect(aggregatePoints(points, "count")).toEqual([
      [at / 1000, 2],
      [at / 1000 + 10, 1],
    ]);
  });

  it("rates as Gnocchi's: the changes between consecutive samples, aggregated per period, across folds", () => {
    const at = 1_800_000_000_000;
    // A counter growing 1 per second, sampled every 10 s for 3 minutes.
    const samples = Array.from({ length: 18 }, (_, i) => ({
      metricSeq: 7,
      at: at + i * 10_000,
      value: i * 10,
    }));
    const minuteRates = (points: ReturnType<typeof expandChunks>) => ({
      mean: aggregatePoints(points, "rate:mean"),
      sum: aggregatePoints(points, "rate:sum"),
    });
    const whole = foldMeasures(samples, [60]);
    const wholePoints = expandChunks(whole.deltas, 0, Number.MAX_SAFE_INTEGER);
    // Per sample +10 (rate:mean), per minute +60 (rate:sum); the first minute has 5 changes, not 6.
    expect(minuteRates(wholePoints)).toEqual({
      mean: [
        [at / 1000, 10],
        [at / 1000 + 60, 10],
        [at / 1000 + 120, 10],
      ],
      sum: [
        [at / 1000, 50],
        [at / 1000 + 60, 60],
        [at / 1000 + 120, 60],
      ],
    });
    // Folded in two batches (the second continuing from the first's newest sample): the same rates.
    const first = foldMeasures(samples.slice(0, 7), [60]);
    const second = foldMeasures(samples.slice(7), [60], first.last);
    const parts = mergePoints(
      expandChunks(first.deltas, 0, Number.MAX_SAFE_INTEGER),
      expandChunks(second.deltas, 0, Number.MAX_SAFE_INTEGER),
    );
    expect(minuteRates(parts)).toEqual(minuteRates(wholePoints));
    // A sample older than one already folded counts in the values, not in the rates.
    const late = foldMeasures([{ metricSeq: 7, at: at + 15_000, value: 1_000 }], [60], whole.last);
    const latePoint = expandChunks(late.deltas, 0, Number.MAX_SAFE_INTEGER)[0];
    expect(latePoint?.count).toBe(1);
    expect(latePoint?.changes).toBeUndefined();
    expect(late.last.size).toBe(0);
  });

  it("cuts a delta to its touched slots, and keeps a full batch at 5,000 instances under jsonb's 256 MB", () => {
    const at = 1_800_000_000_000 + 300_000; // slot 30 of its 10-min chunk
    const { deltas } = foldMeasures([
      { metricSeq: 1, at, value: 2 },
      { metricSeq: 1, at: at + 20_000, value: 5 },
    ]);
    const ten = deltas.find((d) => d.granularity === 10);
    expect(ten && trimDelta(ten)).toMatchObject({
      off: 30,
      cnt: [1, null, 1],
      sum: [2, null, 5],
      dcnt: [null, null, 1],
      dsum: [null, null, 3],
    });
    // A fold's batch as the aggregator takes it at 5,000 instances (~30,000 metrics sampled every
    // 10 s): all 60 slots of 8 arrays made ~90,000 rows of JSON past PostgreSQL's 268,435,455 bytes.
    const metrics = 30_000;
    const batch = Array.from({ length: FOLD_BATCH }, (_, i) => ({
      metricSeq: i % metrics,
      at: at + Math.floor(i / metrics) * 10_000,
      value: i,
    }));
    const folded = foldMeasures(batch).deltas;
    expect(folded.length).toBe(metrics * 3);
    expect(deltasJson(folded).length).toBeLessThan(64 * 1024 * 1024);
  });

  it("parses Gnocchi's operations and refuses what it does not serve", () => {
    expect(parseOperations("(metric abc mean)")).toEqual({
      op: "metric",
      refs: [{ ref: "abc", aggregation: "mean" }],
    });
    expect(parseOperations("(metric ((a mean) (b rate:mean)))")).toEqual({
      op: "metric",
      refs: [
        { ref: "a", aggregation: "mean" },
        { ref: "b", aggregation: "rate:mean" },
      ],
    });
    expect(parseOperations(["aggregate", "sum", ["metric", "cpu", "rate:mean"]])).toMatchObject({
      op: "aggregate",
      method: "sum",
    });
    for (const bad of [
      "(metric a median)",
      "(rolling mean 2 (metric a mean))",
      "(metric a",
      ")(",
      "x".repeat(9000),
      `${"(".repeat(20)}${")".repeat(20)}`,
    ]) {
      expect(() => parseOperations(bad), bad.slice(0, 20)).toThrow(/Invalid operations/);
    }
  });

  it("turns search filters into bounded where clauses", () => {
    expect(searchFilterWhere({ and: [{ "=": { project_id: "p" } }, { in: { id: ["a", "b"] } }] })).toEqual({
      AND: [{ projectId: "p" }, { id: { in: ["a", "b"] } }],
    });
    expect(searchFilterWhere({ "=": { instance_id: "i" } })).toEqual({
      attributes: { path: ["instance_id"], equals: "i" },
    });
    expect(searchFilterWhere({ "!=": { ended_at: null } })).toEqual({ endedAt: { not: null } });
    expect(() => searchFilterWhere({ "=": { "bad field": 1 } })).toThrow(/Unknown attribute/);
    expect(() =>
      searchFilterWhere({ or: Array.from({ length: 300 }, () => ({ "=": { id: "x" } })) }),
    ).toThrow(/too large/);
    let deep: unknown = { "=": { id: "x" } };
    for (let i = 0; i < 12; i++) deep = { not: deep };
    expect(() => searchFilterWhere(deep)).toThrow(/too large/);
  });

  it("derives stable UUIDv5 ids (RFC 4122's DNS example) and reads Gnocchi's timestamps", () => {
    expect(uuid5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
    const now = Date.parse("2026-12-06T12:00:00Z");
    expect(parseTimestamp("-2 hours", now)).toBe(now / 1000 - 7200);
    expect(parseTimestamp("now", now)).toBe(now / 1000);
    expect(parseTimestamp("2026-12-06T11:00:00", now)).toBe(now / 1000 - 3600);
    expect(parseTimestamp("1796580000", now)).toBe(1796580000);
    expect(parseTimestamp("-3 fortnights", now)).toMatch(/Unknown time unit/);
    expect(parseTimestamp("yesterday-ish", now)).toMatch(/Invalid timestamp/);
  });
});
