// Benchmark: the BFF's network topology at portal scale. The control plane
// (PGlite on disk, or PostgreSQL), two compute agents on the fake driver and the BFF run
// in this process (TypeScript through tsx's loader); no network agent, so
// builds do not wait for port wiring (vif_plugging_timeout = 0). Seeds the
// demo project with 500 instances on 50 networks behind 20 routers through
// the APIs (bench/lib/topology-seed.mjs), then measures:
//   1. `network.topology` over HTTP through the BFF, 200 sequential calls:
//      p50/p95/p99 latency, payload size, and the OpenStack requests per call,
//      as whole reads (the BFF's graph cache emptied before each) and as
//      answers from the last read (nothing changed: one change-notice call);
//   2. the CPU part alone: building and digesting the graph from listings
//      already fetched, and diffing two graphs (one instance changed);
//   3. the size of a stream's first (reset) delta;
//   4. server create straight through Nova (as the CLI does; this BFF
//      announces nothing) → the new node in a `network.topologyUpdates`
//      stream's delta: what the control plane's change notices buy.
// Writes the figures into docs/benchmarks.md. Not part of `npm test`.
// BENCH_DATA_DIR=<folder> keeps the seeded cloud there and reuses it on the
// next run (seeding takes minutes; the measures do not change the data).
// BENCH_DATABASE_URL=postgresql://… puts the control plane's data in that
// PostgreSQL database instead of embedded PGlite (the figures go to their
// own table: the database is most of the cost and runs outside Node then).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { writeDocSection } from "./lib/doc-section.mjs";
import { cloudApi, login, seedTopology } from "./lib/topology-seed.mjs";

register();
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 500);
const NETWORKS = Number(process.env.BENCH_NETWORKS ?? 50);
const ROUTERS = Number(process.env.BENCH_ROUTERS ?? 20);
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const database = DATABASE_URL ? "PostgreSQL 15, its own processes" : "PGlite on disk, in the process";
const adminPassword = "bench-admin-pw";
const demoPassword = "bench-demo-pw";

const { startControl } = await import("../apps/control/src/server.ts");
const { ComputeAgent } = await import("../apps/compute-agent/src/agent.ts");
const { FakeDriver } = await import("../apps/compute-agent/src/driver/fake.ts");
const { createLogger } = await import("../packages/core/src/logger.ts");
const { createBffServer } = await import("../apps/bff/src/server.ts");
const { SECRET, sessionCookie } = await import("../apps/bff/test/helpers.ts");
const { passwordLogin, createKeystoneClient } = await import("../packages/api-client/src/keystone/index.ts");
const { createCloud } = await import("../apps/bff/src/services/cloud/clients.ts");
const { PORT_FIELDS, readSources } = await import("../apps/bff/src/services/network/topology/read.ts");
const { buildTopology } = await import("../apps/bff/src/services/network/topology/build.ts");
const { indexTopology } = await import("../apps/bff/src/services/network/topology/digest.ts");
const { diffTopology, initialDelta } = await import("../apps/bff/src/services/network/topology/diff.ts");
const { watchTopology } = await import("../apps/bff/src/services/network/topology/watch.ts");
const { clearGraphCache } = await import("../apps/bff/src/services/network/topology/graph-cache.ts");

const silent = createLogger("bench-topology", "silent");
const keptDir = process.env.BENCH_DATA_DIR;
const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), "zenith-bench-topology-"));
if (keptDir) mkdirSync(keptDir, { recursive: true });
const seededMarker = join(dataDir, "bench-seeded.json");
const reuse = keptDir !== undefined && existsSync(seededMarker);
const results = { loadStart: loadavg()[0] };
const agents = [];
let control;
let bff;

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (v) => `${v.toFixed(1)} ms`;

/** Times `fn` `n` times after `warm` unmeasured runs; returns sorted durations in ms. */
async function timed(n, warm, fn) {
  for (let i = 0; i < warm; i++) await fn();
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

try {
  control = await startControl({
    port: 0,
    dataDir,
    databaseUrl: DATABASE_URL,
    adminPassword,
    demoPassword,
    logLevel: "warn",
    vifPlugTimeoutS: 0,
  });
  // A reused cloud needs no agents: the listings read the database only (the fake driver's guests are gone anyway).
  for (const host of reuse ? [] : ["bench-1", "bench-2"]) {
    const credential = await control.enrolHost(host);
    const agent = new ComputeAgent({
      host,
      availabilityZone: "nova",
      hostIp: host === "bench-1" ? "192.0.2.31" : "192.0.2.32",
      controlUrl: control.url,
      token: async () => credential,
      dataDir: join(dataDir, host),
      driver: new FakeDriver({ host: { vcpus: 4096, memoryMb: 8 * 1024 * 1024, diskGb: 100_000 } }),
      logger: silent,
    });
    await agent.start();
    agents.push(agent);
  }
  const keystoneUrl = `${control.url}/identity/v3`;
  const admin = await login(control.url, "admin", adminPassword, "admin");
  const demo = await login(control.url, "demo", demoPassword, "demo");

  const t0 = performance.now();
  if (reuse) {
    results.seedS = JSON.parse(readFileSync(seededMarker, "utf8")).seedS;
  } else {
    await seedTopology({
      controlUrl: control.url,
      adminToken: admin.token,
      token: demo.token,
      projectId: demo.projectId,
      networks: NETWORKS,
      routers: ROUTERS,
      instances: INSTANCES,
      prefix: "bench",
      log: (m) => process.stdout.write(`  seeded ${m} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`),
    });
    results.seedS = (performance.now() - t0) / 1000;
    if (keptDir) writeFileSync(seededMarker, JSON.stringify({ seedS: results.seedS }));
  }

  // 1. Through the BFF over HTTP, as the portal calls it.
  let upstream = 0;
  const countingFetch = (input, init) => {
    upstream++;
    return fetch(input, init);
  };
  bff = createBffServer({ keystoneUrl, authSecret: SECRET, fetch: countingFetch }, silent);
  await new Promise((resolve) => bff.listen(0, "127.0.0.1", resolve));
  const bffUrl = `http://127.0.0.1:${bff.address().port}`;
  const session = await passwordLogin({ authUrl: keystoneUrl, username: "demo", password: demoPassword });
  const cookie = await sessionCookie(session);
  let body = "";
  const call = async () => {
    const res = await fetch(`${bffUrl}/api/trpc/network.topology`, { headers: { cookie } });
    body = await res.text();
    if (res.status !== 200) throw new Error(`network.topology: ${res.status} ${body.slice(0, 300)}`);
  };
  // A whole read: what a call costs after a change (the cache is this process's, the BFF's own module).
  const wholeRead = async () => {
    clearGraphCache();
    await call();
  };
  await call();
  upstream = 0;
  await wholeRead();
  results.upstreamPerCall = upstream;
  upstream = 0;
  await call();
  results.upstreamPerHit = upstream;
  const graph = JSON.parse(body).result.data;
  results.nodes = graph.nodes.length;
  results.edges = graph.edges.length;
  results.instances = graph.nodes.filter((n) => n.kind === "instance").length;
  results.payloadKiB = Buffer.byteLength(body) / 1024;
  // CPU per call (control plane and BFF share this process): steadier than latency on a shared host.
  const series = async (fn) => {
    const cpu0 = process.cpuUsage();
    const times = await timed(CALLS, 10, fn);
    const cpu = process.cpuUsage(cpu0);
    return {
      cpu: (cpu.user + cpu.system) / 1000 / (CALLS + 10),
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
    };
  };
  const whole = await series(wholeRead);
  Object.assign(results, { cpuPerCall: whole.cpu, p50: whole.p50, p95: whole.p95, p99: whole.p99 });
  const hit = await series(call);
  Object.assign(results, { cpuPerHit: hit.cpu, hitP50: hit.p50, hitP95: hit.p95, hitP99: hit.p99 });

  // 2. The CPU part alone, on listings read once.
  const keystone = createKeystoneClient({ authUrl: keystoneUrl, token: session.token });
  const cloud = createCloud({ token: session.token, keystone });
  const view = { kind: "project", projectId: demo.projectId, foreign: false };
  const sources = await readSources(cloud, view);
  const read = await timed(50, 5, () => readSources(cloud, view));
  results.readP50 = percentile(read, 50);
  // Each listing alone, one after another: where the read's time goes.
  const [neutron, nova] = await Promise.all([cloud.neutron(), cloud.nova()]);
  const owned = { project_id: demo.projectId };
  const listings = {
    networks: () => neutron.networks.listAll(),
    subnets: () => neutron.subnets.listAll(),
    ports: () => neutron.ports.listAll({ ...owned, fields: [...PORT_FIELDS] }),
    routers: () => neutron.routers.listAll(owned),
    "floating IPs": () => neutron.floatingIps.listAll(owned),
    "servers/detail": () => nova.servers.detailAll({}),
  };
  results.listings = [];
  for (const [name, fn] of Object.entries(listings)) {
    results.listings.push(`${name} ${ms(percentile(await timed(20, 2, fn), 50))}`);
  }
  const build = await timed(CALLS, 10, async () => indexTopology(buildTopology(sources)));
  results.buildP50 = percentile(build, 50);
  results.buildP99 = percentile(build, 99);
  const before = indexTopology(buildTopology(sources));
  const [first, ...rest] = sources.servers;
  const after = indexTopology(
    buildTopology({ ...sources, servers: [{ ...first, status: "SHUTOFF" }, ...rest] }),
  );
  let delta;
  const diff = await timed(CALLS, 10, async () => {
    delta = diffTopology(before, after);
  });
  results.diffP50 = percentile(diff, 50);
  results.diffP99 = percentile(diff, 99);
  results.deltaBytes = Buffer.byteLength(JSON.stringify(delta));
  const same = await timed(CALLS, 10, async () => diffTopology(before, before));
  results.sameP50 = percentile(same, 50);
  results.resetKiB = Buffer.byteLength(JSON.stringify(initialDelta(undefined, before))) / 1024;

  // 4. Create through Nova → the node in the stream's delta.
  results.creates = await measureCreates(cloud, view, demo.token, sources);
  results.loadEnd = loadavg()[0];
} finally {
  bff?.closeAllConnections();
  await new Promise((resolve) => (bff ? bff.close(resolve) : resolve()));
  for (const agent of agents) await agent.stop();
  await control?.close();
  if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Opens a topology stream as the portal does, creates servers straight
 * through Nova one at a time and times each until a delta holds its node;
 * deletes them afterwards.
 */
async function measureCreates(cloud, view, token, sources) {
  const CREATES = Number(process.env.BENCH_CREATES ?? 5);
  const abort = new AbortController();
  const stream = watchTopology(cloud, { projectId: view.projectId, isAdmin: false }, {}, abort.signal);
  const api = (method, path, body) => cloudApi(control.url, token, method, path, body);
  const image = (await api("GET", "/image/v2/images?name=zenith-starter")).images[0];
  const network = sources.networks.find((n) => n.name.startsWith("bench-net-"));
  const out = [];
  const ids = [];
  try {
    await stream.next();
    for (let i = 0; i < CREATES; i++) {
      const name = `bench-live-${Date.now()}-${i}`;
      const t0 = performance.now();
      const created = await api("POST", "/compute/v2.1/servers", {
        server: { name, imageRef: image.id, flavorRef: "1", networks: [{ uuid: network.id }] },
      });
      ids.push(created.server.id);
      for (;;) {
        const { value } = await stream.next();
        if (value.upsertNodes.some((n) => n.name === name)) break;
      }
      out.push(performance.now() - t0);
    }
  } finally {
    abort.abort();
    await stream.return(undefined);
    for (const id of ids) await api("DELETE", `/compute/v2.1/servers/${id}`).catch(() => {});
  }
  return out.sort((a, b) => a - b);
}

const r = results;
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} vCPU (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GiB, load ${r.loadStart.toFixed(1)} → ${r.loadEnd.toFixed(1)} (the machine is shared); control plane (${database}), 2 fake compute hosts and the BFF in one Node process.`,
  "",
  `Seeded through the APIs: ${INSTANCES} instances on ${NETWORKS} networks behind ${ROUTERS} routers in ${r.seedS.toFixed(0)} s. The demo project's graph: ${r.nodes} nodes (${r.instances} instances), ${r.edges} edges.`,
  "",
  "| Measure | Figure |",
  "| --- | --- |",
  `| \`network.topology\` over HTTP, ${CALLS} sequential whole reads (the BFF's graph cache emptied before each: a call after a change): p50 / p95 / p99 | ${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.p99)} (aim: p99 under 100 ms) |`,
  `| CPU per whole read (control plane + BFF, this process, GC threads included) | ${ms(r.cpuPerCall)} |`,
  `| \`network.topology\` over HTTP, ${CALLS} sequential calls answered from the last read (nothing changed: a reload, a second tab, the stream's first read): p50 / p95 / p99 | ${ms(r.hitP50)} / ${ms(r.hitP95)} / ${ms(r.hitP99)}; CPU ${ms(r.cpuPerHit)} per call |`,
  `| Payload (JSON, uncompressed) | ${r.payloadKiB.toFixed(0)} KiB |`,
  `| OpenStack requests per whole read | ${r.upstreamPerCall} (the change notices' cursor, then networks, subnets, ports, routers, floating IPs, servers/detail; the same for 2 or 500 instances); ${r.upstreamPerHit} per answer from the last read |`,
  `| Of which the six listings in parallel (p50) | ${ms(r.readP50)} |`,
  `| Each listing alone (p50) | ${r.listings.join(", ")} |`,
  `| Build + digest from fetched listings: p50 / p99 | ${ms(r.buildP50)} / ${ms(r.buildP99)} |`,
  `| Diff of two graphs, one instance changed: p50 / p99 | ${ms(r.diffP50)} / ${ms(r.diffP99)} (delta ${r.deltaBytes} bytes) |`,
  `| Diff of equal graphs (a quiet poll): p50 | ${ms(r.sameP50)} |`,
  `| A stream's first (reset) delta | ${r.resetKiB.toFixed(0)} KiB |`,
  `| Server created straight through Nova → its node in the stream's delta (${r.creates.length} runs): median / max | ${ms(percentile(r.creates, 50))} / ${ms(r.creates.at(-1))} (the control plane's change notices wake the stream; without them it polls every 2 s) |`,
];
const table = lines.join("\n");
process.stdout.write(`${table}\n`);

writeDocSection(DATABASE_URL ? "topology-bff-pg" : "topology-bff", table);
