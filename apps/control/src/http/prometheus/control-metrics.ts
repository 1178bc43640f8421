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

/** A gauge whose series are rebuilt from the scrape's snapshot (reset first: gone hosts leave no stale series). */
function snapshotGauge<L extends string>(
  registry: Registry,
  health: HealthReader,
  def: { name: string; help: string; labelNames: readonly L[] },
  fill: (gauge: Gauge<L>, snap: HealthSnapshot) => void,
): void {
  new Gauge<L>({
    ...def,
    registers: [registry],
    async collect() {
      const snap = await health.read();
      this.reset();
      fill(this, snap);
    },
  });
}

function registerHealthGauges(
  registry: Registry,
  health: HealthReader,
  opts: { databasePool: boolean },
): void {
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_agents",
      help: "Registered agent hosts by kind and state (up: heartbeat within the APIs' down time; compute also not forced down).",
      labelNames: ["kind", "state"],
    },
    (g, snap) => {
      for (const kind of AGENT_KINDS) {
        const hosts = snap.agents.filter((a) => a.kind === kind);
        const up = hosts.filter((a) => a.up).length;
        g.set({ kind, state: "up" }, up);
        g.set({ kind, state: "down" }, hosts.length - up);
      }
    },
  );
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_agent_up",
      help: "1 while the host's agent heartbeats within the down time (as the service and agent lists say), else 0.",
      labelNames: ["kind", "host"],
    },
    (g, snap) => {
      for (const a of snap.agents) g.set({ kind: a.kind, host: a.host }, a.up ? 1 : 0);
    },
  );
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_agent_connected",
      help: "1 while the host's agent holds a WebSocket to this control plane process, else 0.",
      labelNames: ["kind", "host"],
    },
    (g, snap) => {
      for (const a of snap.agents) g.set({ kind: a.kind, host: a.host }, a.connected ? 1 : 0);
    },
  );
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_agent_hub_queued_publications",
      help: "Desired-state publications queued or being sent in each agent hub of this process.",
      labelNames: ["kind"],
    },
    (g, snap) => {
      for (const kind of AGENT_KINDS) g.set({ kind }, snap.hubQueues[kind]);
    },
  );
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_compute_tasks_in_flight",
      help: "Live instances with a task in flight, by Nova task_state.",
      labelNames: ["task_state"],
    },
    (g, snap) => {
      for (const t of snap.pending.computeTasks) g.set({ task_state: t.taskState }, t.count);
    },
  );
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_network_ports_unwired",
      help: "Instance ports bound to a host whose network agent has not yet wired their current generation.",
      labelNames: ["host"],
    },
    (g, snap) => {
      for (const p of snap.pending.unwiredPorts) g.set({ host: p.host }, p.count);
    },
  );
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_volume_operations_in_flight",
      help: "Volumes, snapshots and backups in a transitional status (work for the volume agent), by status.",
      labelNames: ["resource", "status"],
    },
    (g, snap) => {
      for (const v of snap.pending.volumeOperations)
        g.set({ resource: v.resource, status: v.status }, v.count);
    },
  );
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_metering_backlog_measures",
      help: "Measures received from agents and not yet folded into aggregates.",
      labelNames: [],
    },
    (g, snap) => {
      g.set(snap.meteringBacklog);
    },
  );
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_database_up",
      help: "1 when this scrape's database queries succeeded, else 0 (the control plane log says why).",
      labelNames: ["kind"],
    },
    (g, snap) => {
      g.set({ kind: snap.databaseKind }, snap.databaseUp ? 1 : 0);
    },
  );
  // PGlite is one in-process connection: there is no pool to show, and its
  // query queue (a private mutex inside PGlite) has no count to read.
  if (!opts.databasePool) return;
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_database_pool_connections",
      help: "PostgreSQL pool connections by state (in_use, idle).",
      labelNames: ["state"],
    },
    (g, snap) => {
      if (!snap.pool) return;
      g.set({ state: "in_use" }, snap.pool.total - snap.pool.idle);
      g.set({ state: "idle" }, snap.pool.idle);
    },
  );
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_database_pool_waiting_queries",
      help: "Queries waiting for a PostgreSQL pool connection (all connections busy).",
      labelNames: [],
    },
    (g, snap) => {
      if (snap.pool) g.set(snap.pool.waiting);
    },
  );
  snapshotGauge(
    registry,
    health,
    {
      name: "zenith_database_pool_max_connections",
      help: "Size limit of the PostgreSQL pool.",
      labelNames: [],
    },
    (g, snap) => {
      if (snap.pool) g.set(snap.pool.max);
    },
  );
}
