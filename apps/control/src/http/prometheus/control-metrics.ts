import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { AGENT_KINDS } from "../../services/health/agents.ts";
import type { HealthReader, HealthSnapshot } from "../../services/health/reader.ts";
import { processMetrics } from "./process-metrics.ts";

const REQUEST_LABELS = ["service", "route", "method", "status_class"] as const;

/** Request counts and latencies, recorded by the request hook (request-metrics.ts). */
export interface RequestMetrics {
  requests: Counter<(typeof REQUEST_LABELS)[number]>;
  duration: Histogram<(typeof REQUEST_LABELS)[number]>;
}

export interface ControlMetrics {
  /** Private to this app: tests build many apps in one process, and the global registry would mix them. */
  registry: Registry;
  http: RequestMetrics;
  /** This app's metrics and the process's (processMetrics), in the text format. */
  exposition(): Promise<string>;
}

/**
 * Every metric /metrics exposes (docs/prometheus.md lists them). The
 * health gauges read one HealthSnapshot per scrape in their collect():
 * nothing is sampled between scrapes.
 */
export function createControlMetrics(health: HealthReader, opts: { databasePool: boolean }): ControlMetrics {
  const registry = new Registry();
  const http: RequestMetrics = {
    requests: new Counter({
      name: "zenith_http_requests_total",
      help: "HTTP requests answered, by API service, route pattern, method and status class.",
      labelNames: REQUEST_LABELS,
      registers: [registry],
    }),
    duration: new Histogram({
      name: "zenith_http_request_duration_seconds",
      help: "Time from request to response, by API service, route pattern, method and status class.",
      labelNames: REQUEST_LABELS,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  };
  registerHealthGauges(registry, health, opts);
  return {
    registry,
    http,
    // Merged per scrape (a throwaway registry): the process's metrics stay shared, this app's its own.
    exposition: () => Registry.merge([registry, processMetrics()]).metrics(),
  };
}

/**
 * One gauge of the cloud's health: its series are rebuilt from each
 * scrape's snapshot (reset first, so gone hosts leave no stale series).
 */
interface HealthGauge {
  name: string;
  help: string;
  labelNames: readonly string[];
  fill(gauge: Gauge<string>, snap: HealthSnapshot): void;
  /** Only where the database is a PostgreSQL pool: PGlite is one in-process connection, its query queue unreadable. */
  poolOnly?: true;
}

const HEALTH_GAUGES: readonly HealthGauge[] = [
  {
    name: "zenith_agents",
    help: "Registered agent hosts by kind and state (up: heartbeat within the APIs' down time; compute also not forced down).",
    labelNames: ["kind", "state"],
    fill(g, snap) {
      for (const kind of AGENT_KINDS) {
        const hosts = snap.agents.filter((a) => a.kind === kind);
        const up = hosts.filter((a) => a.up).length;
        g.set({ kind, state: "up" }, up);
        g.set({ kind, state: "down" }, hosts.length - up);
      }
    },
  },
  {
    name: "zenith_agent_up",
    help: "1 while the host's agent heartbeats within the down time (as the service and agent lists say), else 0.",
    labelNames: ["kind", "host"],
    fill(g, snap) {
      for (const a of snap.agents) g.set({ kind: a.kind, host: a.host }, a.up ? 1 : 0);
    },
  },
  {
    name: "zenith_agent_connected",
    help: "1 while the host's agent holds a WebSocket to this control plane process, else 0.",
    labelNames: ["kind", "host"],
    fill(g, snap) {
      for (const a of snap.agents) g.set({ kind: a.kind, host: a.host }, a.connected ? 1 : 0);
    },
  },
  {
    name: "zenith_agent_hub_queued_publications",
    help: "Desired-state publications queued or being sent in each agent hub of this process.",
    labelNames: ["kind"],
    fill(g, snap) {
      for (const kind of AGENT_KINDS) g.set({ kind }, snap.hubQueues[kind]);
    },
  },
  {
    name: "zenith_compute_tasks_in_flight",
    help: "Live instances with a task in flight, by Nova task_state.",
    labelNames: ["task_state"],
    fill(g, snap) {
      for (const t of snap.pending.computeTasks) g.set({ task_state: t.taskState }, t.count);
    },
  },
  {
    name: "zenith_network_ports_unwired",
    help: "Instance ports bound to a host whose network agent has not yet wired their current generation.",
    labelNames: ["host"],
    fill(g, snap) {
      for (const p of snap.pending.unwiredPorts) g.set({ host: p.host }, p.count);
    },
  },
  {
    name: "zenith_volume_operations_in_flight",
    help: "Volumes, snapshots and backups in a transitional status (work for the volume agent), by status.",
    labelNames: ["resource", "status"],
    fill(g, snap) {
      for (const v of snap.pending.volumeOperations)
        g.set({ resource: v.resource, status: v.status }, v.count);
    },
  },
  {
    name: "zenith_metering_backlog_measures",
    help: "Measures received from agents and not yet folded into aggregates.",
    labelNames: [],
    fill(g, snap) {
      g.set(snap.meteringBacklog);
    },
  },
  {
    name: "zenith_database_up",
    help: "1 when this scrape's database queries succeeded, else 0 (the control plane log says why).",
    labelNames: ["kind"],
    fill(g, snap) {
      g.set({ kind: snap.databaseKind }, snap.databaseUp ? 1 : 0);
    },
  },
  {
    name: "zenith_database_pool_connections",
    help: "PostgreSQL pool connections by state (in_use, idle).",
    labelNames: ["state"],
    poolOnly: true,
    fill(g, snap) {
      if (!snap.pool) return;
      g.set({ state: "in_use" }, snap.pool.total - snap.pool.idle);
      g.set({ state: "idle" }, snap.pool.idle);
    },
  },
  {
    name: "zenith_database_pool_waiting_queries",
    help: "Queries waiting for a PostgreSQL pool connection (all connections busy).",
    labelNames: [],
    poolOnly: true,
    fill(g, snap) {
      if (snap.pool) g.set(snap.pool.waiting);
    },
  },
  {
    name: "zenith_database_pool_max_connections",
    help: "Size limit of the PostgreSQL pool.",
    labelNames: [],
    poolOnly: true,
    fill(g, snap) {
      if (snap.pool) g.set(snap.pool.max);
    },
  },
];

function registerHealthGauges(
  registry: Registry,
  health: HealthReader,
  opts: { databasePool: boolean },
): void {
  for (const spec of HEALTH_GAUGES) {
    if (spec.poolOnly && !opts.databasePool) continue;
    new Gauge({
      name: spec.name,
      help: spec.help,
      labelNames: spec.labelNames,
      registers: [registry],
      async collect() {
        const snap = await health.read();
        this.reset();
        spec.fill(this, snap);
      },
    });
  }
}
