/**
 * The write path of metering: samples from an agent, checked against this
 * cloud's records (the subject must live on the sending host), turned into
 * metric rows on first sight and appended to the backlog. Aggregation
 * happens later, in batches (aggregator.ts), as Gnocchi's metricd does:
 * ingest stays one insert per batch however many series it touches.
 */
import { METRICS, type Sample } from "@zenith/agent-protocol/metering";
import type { Logger } from "@zenith/core/logger";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import { ARCHIVE_POLICY_NAME } from "./archive-policy.ts";
import { resolveSubject, type Subject, subjectKey } from "./subjects.ts";

/** A subject's owner and host are checked again after this long (a migrated instance changes host). */
const RECHECK_MS = 60_000;
const MAX_CACHED_SUBJECTS = 50_000;
/** Agent clocks may run ahead a little; more is refused rather than stored in the future. */
const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
const MAX_AGE_MS = 90 * 86_400_000;

interface KnownSubject {
  subject: Subject | null;
  /** Its resource row is written (only once a sample was accepted, so refused claims leave nothing behind). */
  saved: boolean;
  checkedAt: number;
  /** Metric name → seq, for the metrics created so far. */
  metrics: Map<string, number>;
}

export interface IngestResult {
  accepted: number;
  rejected: number;
}

export class MeteringIngest {
  private readonly known = new Map<string, KnownSubject>();

  constructor(private readonly deps: { prisma: PrismaClient; logger: Logger; now?: () => number }) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Stores what `host` may write of `samples`: those about subjects that live on it. */
  async ingest(host: string, samples: readonly Sample[]): Promise<IngestResult> {
    const now = this.now();
    const byKey = new Map<string, Sample[]>();
    let rejected = 0;
    for (const s of samples) {
      const def = METRICS[s.metric];
      if (def.resourceType !== s.resource || s.at > now + MAX_CLOCK_AHEAD_MS || s.at < now - MAX_AGE_MS) {
        rejected++;
        continue;
      }
      const key = subjectKey({ type: s.resource, subject: s.subject, part: s.part });
      const group = byKey.get(key);
      if (group) group.push(s);
      else byKey.set(key, [s]);
    }
    const seqs: number[] = [];
    const ats: number[] = [];
    const values: number[] = [];
    for (const [key, group] of byKey) {
      const first = group[0];
      if (!first) continue;
      const known = await this.subjectOf(key, first, now);
      const subject = known.subject;
      if (!subject?.host || subject.host !== host) {
        rejected += group.length;
        continue;
      }
      if (!known.saved) {
        await this.saveResource(subject);
        known.saved = true;
      }
      await this.ensureMetrics(known, subject, group);
      for (const s of group) {
        const seq = known.metrics.get(s.metric);
        if (seq === undefined) {
          rejected++;
          continue;
        }
        seqs.push(seq);
        ats.push(s.at);
        values.push(s.value);
      }
    }
    if (seqs.length > 0) {
      await this.deps.prisma.$executeRaw`
        INSERT INTO measure_backlog (metric_seq, at, value)
        SELECT * FROM unnest(${seqs}::int[], ${ats}::bigint[], ${values}::float8[])`;
    }
    return { accepted: seqs.length, rejected };
  }

  private async subjectOf(key: string, sample: Sample, now: number): Promise<KnownSubject> {
    const cached = this.known.get(key);
    if (cached && now - cached.checkedAt < RECHECK_MS) return cached;
    const subject = await resolveSubject(this.deps.prisma, {
      type: sample.resource,
      subject: sample.subject,
      part: sample.part,
    });
    const entry: KnownSubject = {
      subject,
      checkedAt: now,
      saved: false,
      metrics: cached?.metrics ?? new Map(),
    };
    if (!cached && this.known.size >= MAX_CACHED_SUBJECTS) {
      // Oldest first out (Map keeps insertion order); it is looked up again when next seen.
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
    this.known.set(key, entry);
    return entry;
  }

  /** Creates the resource, or refreshes what may have changed (name, host); a returning subject is no longer ended. */
  private async saveResource(subject: Subject): Promise<void> {
    const attributes = subject.attributes as Prisma.InputJsonObject;
    await this.deps.prisma.metricResource.upsert({
      where: { id: subject.id },
      create: {
        id: subject.id,
        type: subject.type,
        originalResourceId: subject.originalResourceId,
        projectId: subject.projectId,
        userId: subject.userId,
        host: subject.host,
        attributes,
      },
      update: { host: subject.host, attributes, ...(subject.host ? { endedAt: null } : {}) },
    });
  }

  private async ensureMetrics(
    known: KnownSubject,
    subject: Subject,
    group: readonly Sample[],
  ): Promise<void> {
    const missing = [...new Set(group.map((s) => s.metric))].filter((name) => !known.metrics.has(name));
    if (missing.length === 0) return;
    const prisma = this.deps.prisma;
    await prisma.metric.createMany({
      data: missing.map((name) => ({
        id: crypto.randomUUID(),
        resourceId: subject.id,
        name,
        unit: METRICS[name].unit,
      })),
      skipDuplicates: true,
    });
    const rows = await prisma.metric.findMany({
      where: { resourceId: subject.id, name: { in: missing } },
      select: { name: true, seq: true },
    });
    for (const row of rows) known.metrics.set(row.name, row.seq);
    this.deps.logger.debug(
      { resourceId: subject.id, metrics: missing, archivePolicy: ARCHIVE_POLICY_NAME },
      "metering: metrics created",
    );
  }
}
