// Benchmark: metering at the scale issue 12 names — 500 instances sampled
// every 10 s, with 24 h of history. The control plane runs in this process
// (TypeScript through tsx's loader) on PGlite on disk, or on PostgreSQL with
// BENCH_DATABASE_URL. The instances are rows written straight into the
// database on 5 compute hosts in 10 projects (no agents: only their
// samples matter here). Measures:
//   1. ingest over HTTP as agents send it (one tick of a 100-guest host per
//      POST: 1,006 samples, JSON, validation, ownership checks, the backlog
//      insert), 5 hosts posting at once for BENCH_INGEST_S seconds, and the
//      aggregator folding the backlog meanwhile; the sustained rate is what
//      both kept up with (the backlog drained at the end);
//   2. 24 h of 10 s history for every series laid down through the
//      aggregator's own fold-and-merge path (the backlog's path minus the
//      backlog), then the database's size;
//   3. a 7-day chart query (one instance's `cpu` as `rate:mean`, 1 h and
//      1 min points) through the metric API, BENCH_QUERIES times;
//   4. the admin "top projects by CPU" query: the aggregates API over all
//      500 instances grouped by project, 7 days at 1 h.
// Writes the figures into docs/benchmarks.md. Not part of `npm test`.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { writeDocSection } from "./lib/doc-section.mjs";
import { percentile } from "./lib/stats.mjs";

register();
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 500);
const HOSTS = 5;
const PROJECTS = 10;
const HISTORY_H = Number(process.env.BENCH_HISTORY_H ?? 24);
const INGEST_S = Number(process.env.BENCH_INGEST_S ?? 30);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const AGENT_TOKEN = "bench-metering-agent-token";
const adminPassword = "bench-admin-pw";

const { startControl } = await import("../apps/control/src/server.ts");
const { createLogger } = await import("../packages/core/src/logger.ts");
const { mergeMeasures } = await import("../apps/control/src/services/metering/aggregator.ts");

const INSTANCE_METRICS = ["cpu", "memory.usage"];
const DISK_METRICS = [
  "disk.device.read.bytes",
  "disk.device.write.bytes",
  "disk.device.read.requests",
  "disk.device.write.requests",
];
const NIC_METRICS = [
  "network.incoming.bytes",
  "network.outgoing.bytes",
  "network.incoming.packets",
  "network.outgoing.packets",
];
const HOST_METRICS = [
  "hardware.cpu.util",
  "hardware.memory.used",
  "hardware.memory.total",
  "hardware.disk.size.used",
  "hardware.disk.size.total",
  "compute.node.instances",
];
const SERIES_PER_INSTANCE = INSTANCE_METRICS.length + DISK_METRICS.length + NIC_METRICS.length;
const samplesPerTick = INSTANCES * SERIES_PER_INSTANCE + HOSTS * HOST_METRICS.length;

const dataDir = mkdtempSync(join(tmpdir(), "zenith-bench-metering-"));
const results = { loadStart: loadavg()[0] };
let control;

/** A plausible value per series and tick: counters grow, gauges wander. */
function value(metric, i, tick) {
  if (metric === "cpu") return tick * 10e9 * (0.05 + (i % 10) / 10);
  if (metric === "memory.usage") return 200 + (i % 7) * 30 + (tick % 12);
  if (metric.startsWith("hardware.") || metric === "compute.node.instances") return 1000 + (tick % 60);
  return tick * (1000 + i);
}

function tickSamples(hostIndex, instances, tick, at) {
  const host = `bench-h${hostIndex}`;
  const samples = [];
  for (const [i, id] of instances) {
    for (const metric of INSTANCE_METRICS)
      samples.push({ resource: "instance", subject: id, metric, value: value(metric, i, tick), at });
    for (const metric of DISK_METRICS)
      samples.push({
        resource: "instance_disk",
        subject: id,
        part: "vda",
        metric,
        value: value(metric, i, tick),
        at,
      });
    for (const metric of NIC_METRICS)
      samples.push({
        resource: "instance_network_interface",
        subject: id,
        part: `tap${id.slice(0, 11)}`,
        metric,
        value: value(metric, i, tick),
        at,
      });
  }
  for (const metric of HOST_METRICS)
    samples.push({ resource: "host", subject: host, metric, value: value(metric, hostIndex, tick), at });
  return { host, samples };
}

async function dirSize(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

try {
  control = await startControl({
    port: 0,
    dataDir,
    ...(DATABASE_URL ? { databaseUrl: DATABASE_URL } : {}),
    logger: createLogger("bench-metering", "silent"),
    adminPassword,
    demoPassword: "bench-demo-pw",
    agentToken: AGENT_TOKEN,
    defaultNetworking: false,
    seedStarterImage: false,
  });
  const prisma = control.db.prisma;
  const url = control.url;

  // Hosts and instances as rows: what metering checks samples against.
  const byHost = Array.from({ length: HOSTS }, () => []);
  for (let h = 0; h < HOSTS; h++) {
    await prisma.computeHost.create({
      data: {
        id: randomUUID(),
        host: `bench-h${h}`,
        hypervisorHostname: `bench-h${h}`,
        vcpus: 64,
        memoryMb: 262144,
        localGb: 4000,
      },
    });
  }
  const hosts = await prisma.computeHost.findMany({
    where: { host: { startsWith: "bench-h" } },
    orderBy: { host: "asc" },
  });
  const projects = Array.from({ length: PROJECTS }, () => randomUUID().replaceAll("-", ""));
  const rows = [];
  for (let i = 0; i < INSTANCES; i++) {
    const id = randomUUID();
    const h = i % HOSTS;
    byHost[h].push([i, id]);
    rows.push({
      id,
      name: `bench-${i}`,
      projectId: projects[i % PROJECTS],
      userId: "bench",
      hostId: hosts[h].id,
      reservationId: `r-${i}`,
      flavorId: "bench",
      flavor: { name: "bench", vcpus: 1, ram: 512, disk: 1 },
      vmState: "active",
      powerState: 1,
    });
  }
  await prisma.instance.createMany({ data: rows });

  const token = async () => {
    const res = await fetch(`${url}/identity/v3/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: "admin", domain: { id: "default" }, password: adminPassword } },
          },
          scope: { project: { name: "admin", domain: { id: "default" } } },
        },
      }),
    });
    return res.headers.get("x-subject-token");
  };
  const admin = await token();
  const post = async (body) => {
    const res = await fetch(`${url}/agent/v1/metering/samples`, {
      method: "POST",
      headers: { authorization: `Bearer ${AGENT_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await res.json();
    if (res.status !== 200 || answer.rejected > 0)
      throw new Error(`ingest ${res.status}: ${JSON.stringify(answer)}`);
    return answer.accepted;
  };

  // 1. Live ingest: the first tick creates every resource and metric (not timed); then back to back.
  const now = Date.now();
  for (let h = 0; h < HOSTS; h++) await post(tickSamples(h, byHost[h], 0, now - 20_000));
  await control.metering.aggregator.processBacklog();
  let accepted = 0;
  let posts = 0;
  const started = performance.now();
  const deadline = started + INGEST_S * 1000;
  await Promise.all(
    Array.from({ length: HOSTS }, async (_, h) => {
      let tick = 1;
      while (performance.now() < deadline) {
        // Timestamps spread over the last minutes (what a host's ticks look like, at a faster pace).
        const n = await post(tickSamples(h, byHost[h], tick, now - 20_000 + (tick % 60) * 10));
        accepted += n;
        posts++;
        tick++;
      }
    }),
  );
  const sent = performance.now();
  const backlogAtEnd = await control.metering.backlog();
  await control.metering.aggregator.processBacklog();
  const drained = performance.now();
  results.ingest = {
    accepted,
    posts,
    seconds: (drained - started) / 1000,
    sendSeconds: (sent - started) / 1000,
    backlogAtEnd,
    rate: accepted / ((drained - started) / 1000),
  };
  process.stdout.write(`ingest: ${JSON.stringify(results.ingest)}\n`);

  // 2. 24 h of history for every series, hour by hour, through the fold-and-merge path.
  const metrics = await prisma.metric.findMany({ include: { resource: true } });
  const series = metrics.map((m) => ({ seq: m.seq, name: m.name, i: m.seq }));
  await prisma.measureChunk.deleteMany({});
  // The history is older than the ingest phase's samples: each metric's chain of changes (rate:*)
  // starts again from the history's first hour, laid in time order.
  await prisma.metric.updateMany({ data: { lastAt: null, lastValue: null } });
  const historyStart = Math.floor(now / 3_600_000) * 3_600_000 - HISTORY_H * 3_600_000;
  const ticksPerHour = 360;
  const t0 = performance.now();
  for (let hour = 0; hour < HISTORY_H; hour++) {
    for (let part = 0; part < series.length; part += 1_000) {
      const measures = [];
      for (const s of series.slice(part, part + 1_000)) {
        for (let k = 0; k < ticksPerHour; k++) {
          const tick = hour * ticksPerHour + k;
          measures.push({
            metricSeq: s.seq,
            at: historyStart + tick * 10_000,
            value: value(s.name, s.i, tick),
          });
        }
      }
      await mergeMeasures(prisma, measures);
    }
    process.stdout.write(`history: hour ${hour + 1}/${HISTORY_H}\n`);
  }
  results.history = {
    seconds: (performance.now() - t0) / 1000,
    series: series.length,
    points: series.length * HISTORY_H * ticksPerHour,
  };
  await prisma.$executeRawUnsafe("VACUUM ANALYZE measure_chunk").catch(() => {});
  const size =
    await prisma.$queryRaw`SELECT pg_total_relation_size('measure_chunk')::bigint AS chunks, pg_database_size(current_database())::bigint AS db`;
  results.size = {
    chunks: Number(size[0].chunks),
    db: Number(size[0].db),
    dir: DATABASE_URL ? null : await dirSize(dataDir),
  };
  results.chunkRows = await prisma.measureChunk.count();

  // 3. A 7-day chart: one instance's CPU, at 1 h and at 1 min.
  const instanceIds = byHost.flat().map(([, id]) => id);
  const chart = async (granularity) => {
    const out = [];
    for (let q = 0; q < QUERIES; q++) {
      const id = instanceIds[q % instanceIds.length];
      const t = performance.now();
      const res = await fetch(
        `${url}/metric/v1/resource/instance/${id}/metric/cpu/measures?granularity=${granularity}&aggregation=rate:mean&start=-7%20days`,
        { headers: { "x-auth-token": admin } },
      );
      const body = await res.json();
      out.push(performance.now() - t);
      if (res.status !== 200 || body.length === 0) throw new Error(`chart ${res.status}`);
      results[`points${granularity}`] = body.length;
    }
    return out.sort((a, b) => a - b);
  };
  results.chart3600 = await chart(3600);
  results.chart60 = await chart(60);

  // 4. Top projects by CPU over 7 days (admin overview).
  const top = [];
  for (let q = 0; q < Math.max(10, QUERIES / 10); q++) {
    const t = performance.now();
    const res = await fetch(
      `${url}/metric/v1/aggregates?granularity=3600&start=-7%20days&groupby=project_id&fill=0`,
      {
        method: "POST",
        headers: { "x-auth-token": admin, "content-type": "application/json" },
        body: JSON.stringify({
          operations: "(aggregate sum (metric cpu rate:mean))",
          resource_type: "instance",
          search: {},
        }),
      },
    );
    const body = await res.json();
    top.push(performance.now() - t);
    if (res.status !== 200 || body.length !== PROJECTS)
      throw new Error(`top projects ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  }
  results.top = top.sort((a, b) => a - b);
} finally {
  await control?.close();
  rmSync(dataDir, { recursive: true, force: true });
}

const ms = (v) => `${v.toFixed(1)} ms`;
const mib = (v) => `${(v / 1048576).toFixed(0)} MiB`;
const load = loadavg()[0];
const database = DATABASE_URL ? "PostgreSQL 15 (its own processes)" : "PGlite on disk, in the process";
const loadRate = samplesPerTick / 10;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} vCPU (${cpus()[0]?.model.trim()}), ${database}, load average ${results.loadStart.toFixed(1)} → ${load.toFixed(1)}. ${INSTANCES} instances on ${HOSTS} hosts in ${PROJECTS} projects; ${SERIES_PER_INSTANCE} series per instance + ${HOST_METRICS.length} per host = ${samplesPerTick.toLocaleString("en")} samples per 10 s tick (${loadRate.toFixed(0)} samples/s).`,
  "",
  "| Measure (aim) | Figure |",
  "| --- | --- |",
  `| ingest sustained over HTTP, 5 hosts posting 1,006-sample ticks at once for ${INGEST_S} s, aggregation keeping up (≥ 10× the load = ${(loadRate * 10).toFixed(0)} samples/s) | **${Math.round(results.ingest.rate).toLocaleString("en")} samples/s** = ${(results.ingest.rate / loadRate).toFixed(1)}× the load (${results.ingest.accepted.toLocaleString("en")} samples in ${results.ingest.posts} posts, ${results.ingest.sendSeconds.toFixed(1)} s sending + ${(results.ingest.seconds - results.ingest.sendSeconds).toFixed(1)} s draining a backlog of ${results.ingest.backlogAtEnd.toLocaleString("en")}) |`,
  `| ${HISTORY_H} h of history (${results.history.points.toLocaleString("en")} points in ${results.history.series.toLocaleString("en")} series) laid through the fold-and-merge path | ${results.history.seconds.toFixed(0)} s (${Math.round(results.history.points / results.history.seconds).toLocaleString("en")} points/s) |`,
  `| database size after it: measure chunks (${results.chunkRows.toLocaleString("en")} rows, 3 levels) / whole database${results.size.dir ? " / data folder" : ""} | ${mib(results.size.chunks)} / ${mib(results.size.db)}${results.size.dir ? ` / ${mib(results.size.dir)}` : ""} |`,
  `| 7-day chart query, one instance's cpu rate:mean at 1 h (${results.points3600} points), ${QUERIES}× (p99 < 50 ms) | p50 ${ms(percentile(results.chart3600, 50))}, **p99 ${ms(percentile(results.chart3600, 99))}** |`,
  `| the same at 1 min (${results.points60} points) | p50 ${ms(percentile(results.chart60, 50))}, p99 ${ms(percentile(results.chart60, 99))} |`,
  `| admin top projects by CPU: aggregates over ${INSTANCES} instances grouped by project, 7 days at 1 h, ${results.top.length}× | p50 ${ms(percentile(results.top, 50))}, **p99 ${ms(percentile(results.top, 99))}** |`,
  "",
  "Queries go through HTTP with an admin token (the control plane in this process); the chart and the aggregates read every series' chunk rows for the window (3 rows per series at 1 h over 7 days of which 1 holds data here).",
].join("\n");
process.stdout.write(`${table}\n`);

writeDocSection(DATABASE_URL ? "metering-pg" : "metering", table, {
  appendUnder: `## Metering (\`node bench/metering.mjs\`${DATABASE_URL ? ", BENCH_DATABASE_URL=postgresql://…" : ""})\n\nAims (issue 12): ingest at least 10× the load of 500 instances sampled every 10 s; a 7-day chart query under 50 ms at p99; the admin top-projects query.`,
});
