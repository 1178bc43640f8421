/**
 * Gnocchi's metricd, in-process: folds the backlog into chunks at every
 * granularity, drops what retention no longer keeps, and marks resources
 * whose subject is gone as ended. Each backlog batch is taken and folded
 * in one transaction, so a crash loses nothing and counts nothing twice;
 * an advisory lock keeps two control planes from folding the same rows.
 */
import type { Logger } from "@zenith/core/logger";
import { Prisma, type PrismaClient } from "@zenith/db/client";
import { ARCHIVE_LEVELS, chunkSpan } from "./archive-policy.ts";
import { type ChunkDelta, foldMeasures, type LastSample, type RawMeasure, trimDelta } from "./chunks.ts";

const LOCK_KEY = 0x6d657465; // "mete"
/**
 * Gnocchi's metricd default. Folding rewrites a series' current chunk rows,
 * so the longer the interval the more samples one rewrite carries; reads
 * see the backlog meanwhile (measures.ts), so charts are not the later for it.
 */
const DEFAULT_INTERVAL_MS = 60_000;
/** Samples folded per transaction. */
export const FOLD_BATCH = 100_000;
const RETENTION_EVERY_MS = 10 * 60_000;
const ENDED_EVERY_MS = 60_000;

export interface AggregatorOptions {
  prisma: PrismaClient;
  logger: Logger;
  now?: () => number;
  /** How often the backlog is folded while running (default 60 s). */
  intervalMs?: number;
}

export class MeteringAggregator {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastRetention = 0;
  private lastEnded = 0;

  constructor(private readonly options: AggregatorOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round: fold the backlog, then the periodic chores when due. Never two at once. */
  tick(): Promise<void> {
    this.running ??= (async () => {
      try {
        await this.processBacklog();
        const now = this.now();
        if (now - this.lastRetention >= RETENTION_EVERY_MS) {
          this.lastRetention = now;
          await this.applyRetention();
        }
        if (now - this.lastEnded >= ENDED_EVERY_MS) {
          this.lastEnded = now;
          await this.endGoneResources();
        }
      } catch (err) {
        this.options.logger.error({ err }, "metering aggregation failed; retried next round");
      }
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Folds the whole backlog (batch by batch); returns how many measures it folded. */
  async processBacklog(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.processBatch();
      total += n;
      if (n < FOLD_BATCH) return total;
    }
  }

  private async processBatch(): Promise<number> {
    return this.options.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
        const rows = await tx.$queryRaw<Array<{ metric_seq: number; at: bigint; value: number }>>`
          DELETE FROM measure_backlog WHERE id IN (SELECT id FROM measure_backlog ORDER BY id LIMIT ${FOLD_BATCH})
          RETURNING metric_seq, at, value`;
        if (rows.length === 0) return 0;
        await mergeMeasures(
          tx,
          rows.map((r) => ({ metricSeq: r.metric_seq, at: Number(r.at), value: r.value })),
        );
        return rows.length;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  }

  /** Drops chunks entirely older than their level's timespan; returns how many. */
  async applyRetention(): Promise<number> {
    const nowS = Math.floor(this.now() / 1000);
    let dropped = 0;
    for (const { granularity, timespan } of ARCHIVE_LEVELS) {
      // A chunk goes once its last point is past the timespan; queries clamp the partial one.
      const cutoff = nowS - timespan - chunkSpan(granularity);
      dropped += await this.options.prisma.measureChunk
        .deleteMany({
          where: { granularity, start: { lte: BigInt(cutoff) } },
        })
        .then((r) => r.count);
    }
    if (dropped > 0) this.options.logger.info({ dropped }, "metering retention dropped old chunks");
    return dropped;
  }

  /** Resources whose subject was deleted get `ended_at` (Ceilometer sets it on the delete notification). */
  async endGoneResources(): Promise<number> {
    const prisma = this.options.prisma;
    const counts = await Promise.all([
      prisma.$executeRaw`
        UPDATE metric_resource r SET ended_at = now()
        WHERE r.ended_at IS NULL AND r.type IN ('instance', 'instance_disk', 'instance_network_interface')
          AND NOT EXISTS (SELECT 1 FROM instance i
                          WHERE i.id = coalesce(r.attributes->>'instance_id', r.id) AND i.deleted_at IS NULL)`,
      prisma.$executeRaw`
        UPDATE metric_resource r SET ended_at = now()
        WHERE r.ended_at IS NULL AND r.type = 'volume'
          AND NOT EXISTS (SELECT 1 FROM volume v WHERE v.id = r.id AND v.deleted_at IS NULL)`,
      prisma.$executeRaw`
        UPDATE metric_resource r SET ended_at = now()
        WHERE r.ended_at IS NULL AND r.type = 'router' AND NOT EXISTS (SELECT 1 FROM router x WHERE x.id = r.id)`,
      prisma.$executeRaw`
        UPDATE metric_resource r SET ended_at = now()
        WHERE r.ended_at IS NULL AND r.type = 'floating_ip'
          AND NOT EXISTS (SELECT 1 FROM floating_ip x WHERE x.id = r.id)`,
    ]);
    return counts.reduce((a, b) => a + b, 0);
  }
}

/** The deltas as the fold's statement reads them (`jsonb_to_recordset`), each cut to its touched slots. */
export function deltasJson(deltas: readonly ChunkDelta[]): string {
  return JSON.stringify(
    deltas.map(trimDelta).map((d) => ({
      metric_seq: d.metricSeq,
      granularity: d.granularity,
      start: d.start,
      off: d.off,
      cnt: d.cnt,
      sum: d.sum,
      mn: d.mn,
      mx: d.mx,
      dcnt: d.dcnt,
      dsum: d.dsum,
      dmn: d.dmn,
      dmx: d.dmx,
    })),
  );
}

type ChunkColumn = "cnt" | "sum" | "mn" | "mx" | "dcnt" | "dsum" | "dmn" | "dmx";

/** A trimmed array of the incoming row (alias `x`) with NULLs before slot `off`, as stored. */
const padded = (column: ChunkColumn) => Prisma.raw(`array_fill(NULL::float8, ARRAY[x.off]) || x.${column}`);

const COMBINE = {
  sum: "a + b",
  least: "least(a, b)",
  greatest: "greatest(a, b)",
} as const;

/** `column = ` the stored and the incoming arrays combined slot by slot. Names are fixed here, never input. */
const merged = (column: ChunkColumn, how: keyof typeof COMBINE) =>
  Prisma.raw(
    `${column} = ARRAY(SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a ELSE ${COMBINE[how]} END
       FROM unnest(c.${column}, EXCLUDED.${column}) WITH ORDINALITY AS t(a, b, i) ORDER BY i)`,
  );

/**
 * Folds measures into the chunk rows of every level (the backlog's path;
 * also the benchmark's, to lay down a day of history without the backlog),
 * with their changes from each metric's newest folded sample, which moves
 * on to the newest of these. Callers that fold concurrently must hold the
 * aggregator's lock (the aggregator does).
 */
export async function mergeMeasures(
  db: Pick<PrismaClient, "$executeRaw" | "$queryRaw">,
  measures: readonly RawMeasure[],
): Promise<void> {
  if (measures.length === 0) return;
  const seqs = [...new Set(measures.map((m) => m.metricSeq))];
  const known = await db.$queryRaw<Array<{ seq: number; last_at: bigint | null; last_value: number | null }>>`
    SELECT seq, last_at, last_value FROM metric WHERE seq = ANY(${seqs}::int[])`;
  const previous = new Map<number, LastSample>();
  for (const k of known) {
    if (k.last_at !== null && k.last_value !== null)
      previous.set(k.seq, { at: Number(k.last_at), value: k.last_value });
  }
  const { deltas, last } = foldMeasures(measures, undefined, previous);
  const json = deltasJson(deltas);
  // Each array arrives cut to its touched slots and is padded back to slot 0 here (`array_fill`).
  // Then slot by slot: counts and sums add up, extremes keep the extreme; a slot empty on one side
  // takes the other (arrays of unequal length pad with NULL).
  await db.$executeRaw`
    INSERT INTO measure_chunk AS c (metric_seq, granularity, start, cnt, sum, mn, mx, dcnt, dsum, dmn, dmx)
    SELECT x.metric_seq, x.granularity, x.start, ${padded("cnt")}, ${padded("sum")}, ${padded("mn")},
           ${padded("mx")}, ${padded("dcnt")}, ${padded("dsum")}, ${padded("dmn")}, ${padded("dmx")}
    FROM jsonb_to_recordset(${json}::jsonb)
      AS x(metric_seq int, granularity int, start bigint, off int, cnt float8[], sum float8[], mn float8[],
           mx float8[], dcnt float8[], dsum float8[], dmn float8[], dmx float8[])
    ON CONFLICT (metric_seq, granularity, start) DO UPDATE SET
      ${merged("cnt", "sum")}, ${merged("sum", "sum")}, ${merged("mn", "least")}, ${merged("mx", "greatest")},
      ${merged("dcnt", "sum")}, ${merged("dsum", "sum")}, ${merged("dmn", "least")}, ${merged("dmx", "greatest")}`;
  const lastJson = JSON.stringify([...last].map(([seq, l]) => ({ seq, at: l.at, value: l.value })));
  await db.$executeRaw`
    UPDATE metric m SET last_at = x.at, last_value = x.value
    FROM jsonb_to_recordset(${lastJson}::jsonb) AS x(seq int, at bigint, value float8)
    WHERE m.seq = x.seq AND (m.last_at IS NULL OR m.last_at < x.at)`;
}
