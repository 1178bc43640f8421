import { describe, expect, it } from "vitest";
import { parseTimestamp } from "../src/http/metric/query.ts";
import { aggregatePoints, expandChunks, foldMeasures } from "../src/services/metering/chunks.ts";
import { parseOperations } from "../src/services/metering/operations.ts";
import { searchFilterWhere } from "../src/services/metering/search-filter.ts";
import { uuid5 } from "../src/services/metering/subjects.ts";

describe("metering arithmetic", () => {
  it("folds samples into one delta per metric, granularity and chunk, and reads them back", () => {
    const at = 1_800_000_000_000; // a multiple of 10 min and 1 h
    const deltas = foldMeasures([
      { metricSeq: 1, at, value: 2 },
      { metricSeq: 1, at: at + 5_000, value: 4 },
      { metricSeq: 1, at: at + 10_000, value: 9 },
    ]);
    expect(deltas.map((d) => d.granularity).sort((a, b) => a - b)).toEqual([10, 60, 3600]);
    const ten = deltas.find((d) => d.granularity === 10);
    expect(ten?.cnt.slice(0, 3)).toEqual([2, 1, null]);
    expect(ten?.sum.slice(0, 2)).toEqual([6, 9]);
    // The finest level keeps no extremes: a point there is its mean.
    expect(ten?.mn[0]).toBeNull();
    const minute = deltas.find((d) => d.granularity === 60);
    expect([minute?.cnt[0], minute?.sum[0], minute?.mn[0], minute?.mx[0]]).toEqual([3, 15, 2, 9]);
    const points = expandChunks(ten ? [ten] : [], 0, Number.MAX_SAFE_INTEGER);
    expect(points).toEqual([
      { ts: at / 1000, count: 2, sum: 6, min: 3, max: 3 },
      { ts: at / 1000 + 10, count: 1, sum: 9, min: 9, max: 9 },
    ]);
    expect(aggregatePoints(points, "rate:mean")).toEqual([[at / 1000 + 10, 6]]);
    expect(aggregatePoints(points, "count")).toEqual([
      [at / 1000, 2],
      [at / 1000 + 10, 1],
    ]);
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
