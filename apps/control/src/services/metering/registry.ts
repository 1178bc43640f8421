import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { AggregatesService } from "./aggregates.ts";
import { MeteringAggregator } from "./aggregator.ts";
import { MeteringIngest } from "./ingest.ts";
import { MeasureReader } from "./measures.ts";
import { MetricResources } from "./resources.ts";

/** Metering (Ceilometer + Gnocchi's roles): ingest from agents, aggregation, and the reads the metric API serves. */
export interface MeteringServices {
  ingest: MeteringIngest;
  aggregator: MeteringAggregator;
  resources: MetricResources;
  reader: MeasureReader;
  aggregates: AggregatesService;
  /** Measures received and not yet aggregated (Gnocchi's status backlog). */
  backlog(): Promise<number>;
}

export function createMeteringServices(deps: {
  prisma: PrismaClient;
  logger: Logger;
  /** The clock, replaced by tests of retention and rollups. */
  now?: () => number;
  aggregateIntervalMs?: number;
}): MeteringServices {
  const { prisma } = deps;
  const logger = deps.logger.child({ component: "metering" });
  const now = deps.now ?? Date.now;
  const resources = new MetricResources(prisma);
  const reader = new MeasureReader(prisma, now);
  return {
    ingest: new MeteringIngest({ prisma, logger, now }),
    aggregator: new MeteringAggregator({ prisma, logger, now, intervalMs: deps.aggregateIntervalMs }),
    resources,
    reader,
    aggregates: new AggregatesService(resources, reader),
    backlog: () => prisma.measureBacklog.count(),
  };
}
