/**
 * Reading measures: the points of one metric at one or every granularity
 * within [start, stop), reduced by an aggregation method, honouring
 * retention exactly (a point older than its level's timespan is not
 * served even while its chunk row still exists).
 */
import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import {
  type AggregationMethod,
  ARCHIVE_LEVELS,
  type ArchiveLevel,
  chunkSpan,
  levelOf,
} from "./archive-policy.ts";
import {
  aggregatePoints,
  type ChunkDelta,
  expandChunks,
  foldMeasures,
  type LastSample,
  mergePoints,
  type Point,
} from "./chunks.ts";

export interface MeasureQuery {
  /** Unix seconds; default: the level's whole timespan. */
  start?: number | undefined;
  stop?: number | undefined;
  /** Seconds; absent: every level, coarsest first (as Gnocchi answers). */
  granularity?: number | undefined;
  aggregation: AggregationMethod;
}

/** Gnocchi's measure: [ISO timestamp, granularity in seconds, value]. */
export type Measure = [string, number, number];

/** At most this many points per series and granularity in one answer (30 days at 10 s would be 259,200). */
export const MAX_POINTS = 100_000;

/** Unix seconds: [first, last) holds every point of some metrics at one granularity. */
export interface DataSpan {
  first: number;
  last: number;
}

export class MeasureReader {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => number = Date.now,
  ) {}

  levelsFor(granularity: number | undefined) {
    if (granularity === undefined) return [...ARCHIVE_LEVELS].reverse();
    const level = levelOf(granularity);
    if (!level) {
      throw ZenithError.badRequest(
        `Aggregation method does not exist for this metric: granularity ${granularity} is not one of ${ARCHIVE_LEVELS.map((l) => l.granularity).join(", ")}`,
      );
    }
    return [level];
  }

  /**
   * The most points one series can have at a granularity within [start, stop)
   * and the level's retention (up to an hour ahead: agents' clocks run a
   * little fast), and within `data` (Unix seconds, where the metrics' data
   * begins and ends) where given: what the bounds on one answer are checked
   * against.
   */
  pointsAt(granularity: number, start?: number, stop?: number, data?: DataSpan): number {
    const level = levelOf(granularity);
    if (!level) return 0;
    const { from, to } = this.window(level, start, stop);
    const nowS = Math.floor(this.now() / 1000);
    const first = Math.max(from, data?.first ?? from);
    const last = Math.min(to, nowS + 3600, data?.last ?? Number.MAX_SAFE_INTEGER);
    return Math.max(0, Math.ceil((last - first) / granularity));
  }

  /**
   * Where the metrics' data begins and ends, per granularity (Unix seconds):
   * their chunks' first and last slots, widened to the samples not yet
   * folded. A granularity absent from the map has no data at all. One
   * grouped read on indexed columns: cheap beside reading the points.
   */
  async dataSpans(metricSeqs: readonly number[]): Promise<Map<number, DataSpan>> {
    const seqs = [...metricSeqs];
    if (seqs.length === 0) return new Map();
    const [chunks, backlog] = await this.prisma.$transaction([
      this.prisma.$queryRaw<Array<{ granularity: number; first: bigint; last: bigint }>>`
        SELECT granularity, min(start) AS first, max(start) AS last FROM measure_chunk
        WHERE metric_seq = ANY(${seqs}::int[]) GROUP BY granularity`,
      this.prisma.$queryRaw<Array<{ first: bigint | null; last: bigint | null }>>`
        SELECT min(at) AS first, max(at) AS last FROM measure_backlog WHERE metric_seq = ANY(${seqs}::int[])`,
    ]);
    const waiting = backlog[0];
    const out = new Map<number, DataSpan>();
    for (const { granularity } of ARCHIVE_LEVELS) {
      const spans: DataSpan[] = [];
      const folded = chunks.find((c) => Number(c.granularity) === granularity);
      if (folded) {
        spans.push({ first: Number(folded.first), last: Number(folded.last) + chunkSpan(granularity) });
      }
      if (waiting?.first != null && waiting.last != null) {
        spans.push({
          first: Math.floor(Number(waiting.first) / 1000),
          last: Math.ceil(Number(waiting.last) / 1000) + 1,
        });
      }
      if (spans.length > 0) {
        out.set(granularity, {
          first: Math.min(...spans.map((d) => d.first)),
          last: Math.max(...spans.map((d) => d.last)),
        });
      }
    }
    return out;
  }

  /** [from, to) in Unix seconds: the asked window clamped to the level's retention. */
  private window(level: ArchiveLevel, start?: number, stop?: number): { from: number; to: number } {
    const nowS = Math.floor(this.now() / 1000);
    return { from: Math.max(start ?? 0, nowS - level.timespan), to: stop ?? Number.MAX_SAFE_INTEGER };
  }

  /** The raw points of one metric at one granularity, within the window and the level's retention. */
  async points(metricSeq: number, granularity: number, start?: number, stop?: number): Promise<Point[]> {
    return (await this.pointsMany([metricSeq], granularity, start, stop)).get(metricSeq) ?? [];
  }

  /** The same for many metrics in one read (aggregates over hundreds of series). */
  async pointsMany(
    metricSeqs: readonly number[],
    granularity: number,
    start?: number,
    stop?: number,
  ): Promise<Map<number, Point[]>> {
    const out = new Map<number, Point[]>();
    const level = levelOf(granularity);
    if (!level || metricSeqs.length === 0) return out;
    const { from, to } = this.window(level, start, stop);
    if (to <= from) return out;
    if (this.pointsAt(granularity, start, stop) > MAX_POINTS) {
      throw ZenithError.badRequest(
        `Too many points: ask a coarser granularity than ${granularity} s for this range.`,
      );
    }
    const seqs = [...metricSeqs];
    // One snapshot of both tables: the aggregator moves rows from the backlog into chunks in one
    // transaction, so a sample is seen exactly once, folded or still waiting.
    const [rows, pending, known] = await this.prisma.$transaction(
      [
        // As text: slots without a sample are SQL NULLs inside the arrays, which Prisma's typed reads refuse.
        this.prisma.$queryRaw<ChunkText[]>`
          SELECT metric_seq, start,
                 array_to_string(cnt, ',', '') AS cnt, array_to_string(sum, ',', '') AS sum,
                 array_to_string(mn, ',', '') AS mn, array_to_string(mx, ',', '') AS mx,
                 array_to_string(dcnt, ',', '') AS dcnt, array_to_string(dsum, ',', '') AS dsum,
                 array_to_string(dmn, ',', '') AS dmn, array_to_string(dmx, ',', '') AS dmx
          FROM measure_chunk
          WHERE metric_seq = ANY(${seqs}::int[]) AND granularity = ${granularity}
            AND start > ${from - chunkSpan(granularity)} AND start < ${Math.min(to, Number.MAX_SAFE_INTEGER)}`,
        // All of a metric's waiting samples before `to` (a minute's worth): the first in range takes its
        // change from the one before it, folded or waiting; points outside [from, to) are dropped below.
        this.prisma.$queryRaw<Array<{ metric_seq: number; at: bigint; value: number }>>`
          SELECT metric_seq, at, value FROM measure_backlog
          WHERE metric_seq = ANY(${seqs}::int[])
            AND at < ${Math.min(to, Number.MAX_SAFE_INTEGER / 1000) * 1000}`,
        // Where the backlog's changes start: each metric's newest folded sample.
        this.prisma.$queryRaw<Array<{ seq: number; last_at: bigint | null; last_value: number | null }>>`
          SELECT seq, last_at, last_value FROM metric WHERE seq = ANY(${seqs}::int[])`,
      ],
      { isolationLevel: "RepeatableRead" },
    );
    const bySeq = new Map<number, typeof rows>();
    for (const row of rows) {
      const list = bySeq.get(row.metric_seq);
      if (list) list.push(row);
      else bySeq.set(row.metric_seq, [row]);
    }
    for (const [seq, list] of bySeq) {
      out.set(
        seq,
        expandChunks(
          list.map((r) => ({
            granularity,
            start: Number(r.start),
            cnt: slots(r.cnt),
            sum: slots(r.sum),
            mn: slots(r.mn),
            mx: slots(r.mx),
            dcnt: slots(r.dcnt),
            dsum: slots(r.dsum),
            dmn: slots(r.dmn),
            dmx: slots(r.dmx),
          })),
          from,
          to,
        ),
      );
    }
    if (pending.length > 0) {
      const previous = new Map<number, LastSample>();
      for (const k of known) {
        if (k.last_at !== null && k.last_value !== null)
          previous.set(k.seq, { at: Number(k.last_at), value: k.last_value });
      }
      const { deltas } = foldMeasures(
        pending.map((r) => ({ metricSeq: r.metric_seq, at: Number(r.at), value: r.value })),
        [granularity],
        previous,
      );
      const late = new Map<number, ChunkDelta[]>();
      for (const d of deltas) late.set(d.metricSeq, [...(late.get(d.metricSeq) ?? []), d]);
      for (const [seq, list] of late) {
        out.set(seq, mergePoints(out.get(seq) ?? [], expandChunks(list, from, to)));
      }
    }
    return out;
  }

  async measures(metricSeq: number, query: MeasureQuery): Promise<Measure[]> {
    const out: Measure[] = [];
    for (const { granularity } of this.levelsFor(query.granularity)) {
      const points = await this.points(metricSeq, granularity, query.start, query.stop);
      for (const [ts, value] of aggregatePoints(points, query.aggregation)) {
        out.push([isoSeconds(ts), granularity, value]);
      }
    }
    return out;
  }
}

interface ChunkText {
  metric_seq: number;
  start: bigint;
  cnt: string | null;
  sum: string | null;
  mn: string | null;
  mx: string | null;
  dcnt: string | null;
  dsum: string | null;
  dmn: string | null;
  dmx: string | null;
}

/** `1,,2.5` → [1, null, 2.5]. */
function slots(text: string | null): Array<number | null> {
  if (!text) return [];
  return text.split(",").map((v) => (v === "" ? null : Number(v)));
}

/** Gnocchi's timestamp form: `2026-12-06T18:00:00+00:00`. */
export function isoSeconds(ts: number): string {
  return new Date(ts * 1000).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}
