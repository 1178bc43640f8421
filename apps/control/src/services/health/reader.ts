import type { Logger } from "@zenith/core/logger";
import type { Database, PoolStats } from "@zenith/db/client";
import { type AgentHostHealth, type AgentKind, type HubProbes, readAgentHosts } from "./agents.ts";
import { type PendingWork, readPendingWork } from "./pending-work.ts";

/** The cloud's own health at one moment: what /metrics shows besides request counts. */
export interface HealthSnapshot {
  /** False when the database queries failed; the database-backed parts are then empty. */
  databaseUp: boolean;
  databaseKind: Database["kind"];
  /** Null on PGlite (one in-process connection, no pool). */
  pool: PoolStats | null;
  agents: readonly AgentHostHealth[];
  /** Publications waiting in each hub's outbound chain (in memory, always known). */
  hubQueues: Readonly<Record<AgentKind, number>>;
  pending: PendingWork;
  /** Measures received from agents and not yet folded into aggregates (Gnocchi's status backlog). */
  meteringBacklog: number;
}

const NO_WORK: PendingWork = { computeTasks: [], unwiredPorts: [], volumeOperations: [] };

/**
 * Reads a HealthSnapshot on demand. Concurrent reads share one: every gauge
 * of a scrape asks at once (prom-client runs their collect() together), and
 * the database is queried once for all of them. Nothing is read between
 * scrapes: no timers.
 */
export class HealthReader {
  private inFlight: Promise<HealthSnapshot> | null = null;

  constructor(
    private readonly deps: {
      db: Database;
      probes: HubProbes;
      logger: Logger;
      /** Metering's backlog count (MeteringServices.backlog); absent: shown as 0. */
      meteringBacklog?: () => Promise<number>;
    },
  ) {}

  read(): Promise<HealthSnapshot> {
    if (this.inFlight) return this.inFlight;
    const reading = this.readNow().finally(() => {
      this.inFlight = null;
    });
    this.inFlight = reading;
    return reading;
  }

  private async readNow(): Promise<HealthSnapshot> {
    const { db, probes, logger } = this.deps;
    const hubQueues = {
      compute: probes.compute.queuedPublications(),
      network: probes.network.queuedPublications(),
      volume: probes.volume.queuedPublications(),
    };
    const base = { databaseKind: db.kind, pool: db.poolStats(), hubQueues };
    try {
      const [agents, pending, meteringBacklog] = await Promise.all([
        readAgentHosts(db.prisma, probes),
        readPendingWork(db.prisma),
        this.deps.meteringBacklog?.() ?? 0,
      ]);
      return { ...base, databaseUp: true, agents, pending, meteringBacklog };
    } catch (err) {
      // A scrape must still answer (that the database is down is the news): the log has why.
      logger.warn({ err }, "health metrics could not read the database");
      return { ...base, databaseUp: false, agents: [], pending: NO_WORK, meteringBacklog: 0 };
    }
  }
}
