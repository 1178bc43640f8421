// Benchmark: compute on the fake driver. The control plane (PGlite on disk),
// one agent process running 3 fake hosts, and the BFF run as separate
// processes on loopback, as `npm start` runs them. Measures:
//   1. 100 instances launched at once (one request with min_count=100, and
//      100 concurrent single requests): time until all are ACTIVE;
//   2. 20 instances in one request, for comparison with Nova's fake driver;
//   3. GET /servers/detail?limit=50 with 5,000 instances in the project;
//   4. the BFF's instances page procedure with 5,000 instances;
//   5. resident memory of the control plane, agent and BFF processes.
// Writes the figures into docs/benchmarks.md. Not part of `npm test`.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { encode } from "@auth/core/jwt";
import autocannon from "autocannon";
import { freePort, NODE_TS, startService, stopServices, waitForUrl } from "../scripts/lib/processes.mjs";
import { writeDocSection } from "./lib/doc-section.mjs";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const BIG = Number(process.env.BENCH_INSTANCES ?? 5000);
const password = "bench-admin-pw";
const secret = "bench-auth-secret-bench-auth-secret";

const dataDir = mkdtempSync(join(tmpdir(), "zenith-bench-compute-"));
const ports = { control: await freePort(), bff: await freePort() };
const controlUrl = `http://127.0.0.1:${ports.control}`;
const children = [];
const results = {};

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** RSS of a process and all its descendants. */
function treeRssMb(pid) {
  let total = rssMb(pid);
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    for (const kid of kids) total += treeRssMb(Number(kid));
  } catch {
    /* process gone */
  }
  return total;
}

async function api(token, method, path, body) {
  const res = await fetch(`${controlUrl}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      "x-auth-token": token,
      "openstack-api-version": "compute 2.79",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

async function countByStatus(token) {
  const counts = {};
  let marker = "";
  for (;;) {
    const page = await api(token, "GET", `/compute/v2.1/servers/detail?limit=1000${marker}`);
    for (const s of page.servers) counts[s.status] = (counts[s.status] ?? 0) + 1;
    const last = page.servers.at(-1);
    if (!last || page.servers.length < 1000) break;
    marker = `&marker=${last.id}`;
  }
  return counts;
}

async function waitActive(token, want, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await countByStatus(token);
    if ((counts.ACTIVE ?? 0) >= want) return;
    if ((counts.ERROR ?? 0) > 0) {
      const failed = await api(token, "GET", "/compute/v2.1/servers/detail?status=ERROR&limit=1");
      const fault = failed.servers[0]?.fault?.message ?? "no fault";
      throw new Error(`instances in ERROR: ${JSON.stringify(counts)}; first fault: ${fault}`);
    }
    if (Date.now() > deadline) throw new Error(`not all ACTIVE in time: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function deleteAll(token) {
  for (;;) {
    const page = await api(token, "GET", "/compute/v2.1/servers?limit=1000");
    if (page.servers.length === 0) return;
    await Promise.all(page.servers.map((s) => api(token, "DELETE", `/compute/v2.1/servers/${s.id}`)));
    await new Promise((r) => setTimeout(r, 200));
  }
}

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 10, duration: DURATION_S, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

try {
  const control = startService("control", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
    cwd: join(ROOT, "apps/control"),
    env: {
      ZENITH_DATA_DIR: dataDir,
      ZENITH_CONTROL_PORT: String(ports.control),
      ZENITH_PUBLIC_URL: controlUrl,
      ZENITH_ADMIN_PASSWORD: password,
      ZENITH_DEMO_PASSWORD: "bench-demo-pw",
      LOG_LEVEL: "warn",
    },
    quiet: true,
  });
  children.push(control);
  await waitForUrl(`${controlUrl}/identity/v3`, { child: control });
  const agent = startService("compute", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
    cwd: join(ROOT, "apps/compute-agent"),
    env: {
      ZENITH_DATA_DIR: dataDir,
      ZENITH_CONTROL_URL: controlUrl,
      ZENITH_COMPUTE_HOST: "bench",
      ZENITH_COMPUTE_AGENTS: "3",
      // Room for thousands of m1.tiny instances on the fake hosts.
      ZENITH_FAKE_VCPUS: "4096",
      ZENITH_FAKE_MEMORY_MB: String(8 * 1024 * 1024),
      ZENITH_FAKE_DISK_GB: "100000",
      LOG_LEVEL: "warn",
    },
    quiet: true,
  });
  children.push(agent);

  const login = await fetch(`${controlUrl}/identity/v3/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "admin", domain: { name: "Default" }, password } },
        },
        scope: { project: { name: "admin", domain: { name: "Default" } } },
      },
    }),
  });
  const token = login.headers.get("x-subject-token");
  const auth = (await login.json()).token;
  const projectId = auth.project.id;

  for (let i = 0; ; i++) {
    const services = await api(token, "GET", "/compute/v2.1/os-services");
    if (services.services.filter((s) => s.state === "up").length >= 3) break;
    if (i > 600) throw new Error("3 compute hosts did not come up");
    await new Promise((r) => setTimeout(r, 100));
  }
  await api(token, "PUT", `/compute/v2.1/os-quota-sets/${projectId}`, {
    quota_set: { instances: -1, cores: -1, ram: -1 },
  });
  const images = await api(token, "GET", "/image/v2/images?name=zenith-starter");
  const imageRef = images.images[0].id;
  const server = (name, count) => ({
    server: { name, imageRef, flavorRef: "1", min_count: count, max_count: count, networks: "none" },
  });

  // 1a. 20 in one request (the figure Nova's fake driver is compared on).
  let t0 = performance.now();
  await api(token, "POST", "/compute/v2.1/servers", server("b20", 20));
  await waitActive(token, 20);
  results.twentyOneRequestS = (performance.now() - t0) / 1000;
  await deleteAll(token);

  // 1b. 100 in one request.
  t0 = performance.now();
  await api(token, "POST", "/compute/v2.1/servers", server("b100", 100));
  await waitActive(token, 100);
  results.hundredOneRequestS = (performance.now() - t0) / 1000;
  await deleteAll(token);

  // 1c. 100 concurrent requests of one instance each.
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: 100 }, (_, i) => api(token, "POST", "/compute/v2.1/servers", server(`c${i}`, 1))),
  );
  await waitActive(token, 100);
  results.hundredConcurrentS = (performance.now() - t0) / 1000;
  const hosts = (await api(token, "GET", "/compute/v2.1/os-hypervisors/detail")).hypervisors.map(
    (h) => h.running_vms,
  );
  results.spread = hosts.join(" / ");

  // 2. Fill the project to BIG instances.
  t0 = performance.now();
  for (let have = 100; have < BIG; have += 500) {
    await api(token, "POST", "/compute/v2.1/servers", server(`fill${have}`, Math.min(500, BIG - have)));
  }
  await waitActive(token, BIG);
  results.fillS = (performance.now() - t0) / 1000;

  const detail = await cannon({
    url: `${controlUrl}/compute/v2.1/servers/detail?limit=50`,
    headers: { "x-auth-token": token, "openstack-api-version": "compute 2.79" },
  });
  results.detail = detail;
  results.detail1 = await cannon({
    url: `${controlUrl}/compute/v2.1/servers/detail?limit=50`,
    connections: 1,
    headers: { "x-auth-token": token, "openstack-api-version": "compute 2.79" },
  });

  // 3. The BFF's instances page procedure, with a real session cookie.
  const bff = startService("bff", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
    cwd: join(ROOT, "apps/bff"),
    env: {
      AUTH_SECRET: secret,
      BFF_PORT: String(ports.bff),
      ZENITH_KEYSTONE_URL: `${controlUrl}/identity/v3`,
      LOG_LEVEL: "warn",
    },
    quiet: true,
  });
  children.push(bff);
  await waitForUrl(`http://127.0.0.1:${ports.bff}/healthz`, { child: bff });
  const cookieName = "authjs.session-token";
  const jwt = await encode({
    secret,
    salt: cookieName,
    maxAge: 3600,
    token: {
      sub: auth.user.id,
      keystone: {
        token,
        expiresAt: auth.expires_at,
        user: { id: auth.user.id, name: "admin", domainId: "default", domainName: "Default" },
        project: { id: projectId, name: "admin", domainId: "default" },
        roles: auth.roles.map((r) => r.name),
      },
    },
  });
  const input = encodeURIComponent(JSON.stringify({ page: 1, pageSize: 20 }));
  const bffUrl = `http://127.0.0.1:${ports.bff}/api/trpc/compute.instances.list?input=${input}`;
  const probe = await fetch(bffUrl, { headers: { cookie: `${cookieName}=${jwt}` } });
  if (probe.status !== 200) throw new Error(`BFF instances page: ${probe.status} ${await probe.text()}`);
  results.bffPage = await cannon({ url: bffUrl, headers: { cookie: `${cookieName}=${jwt}` } });
  results.bffPage1 = await cannon({
    url: bffUrl,
    connections: 1,
    headers: { cookie: `${cookieName}=${jwt}` },
  });

  results.rss = {
    control: treeRssMb(control.pid),
    agent: treeRssMb(agent.pid),
    bff: treeRssMb(bff.pid),
  };
} finally {
  await stopServices(children);
  rmSync(dataDir, { recursive: true, force: true });
}

const lat = (r) => `${r.latency.p50} | ${r.latency.p99} | ${Math.round(r.requests.average)} | ${r.non2xx}`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? "cpu"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; control plane on PGlite, 3 fake compute hosts in one agent process.`,
  "",
  "| launch (fake driver, 3 hosts) | until all ACTIVE |",
  "|---|---|",
  `| 20 instances, one request (min_count=20) | ${results.twentyOneRequestS.toFixed(2)} s |`,
  `| 100 instances, one request (min_count=100) | ${results.hundredOneRequestS.toFixed(2)} s |`,
  `| 100 instances, 100 concurrent requests | ${results.hundredConcurrentS.toFixed(2)} s (spread ${results.spread}) |`,
  `| fill to ${BIG} instances in requests of 500 | ${results.fillS.toFixed(1)} s |`,
  "",
  `| read with ${BIG} instances in the project (${DURATION_S} s each) | p50 ms | p99 ms | req/s | non-2xx |`,
  "|---|---|---|---|---|",
  `| \`GET /compute/v2.1/servers/detail?limit=50\`, 1 connection | ${lat(results.detail1)} |`,
  `| \`GET /compute/v2.1/servers/detail?limit=50\`, 10 connections | ${lat(results.detail)} |`,
  `| BFF \`compute.instances.list\` (page 1 of 20, names joined), 1 connection | ${lat(results.bffPage1)} |`,
  `| BFF \`compute.instances.list\`, 10 connections | ${lat(results.bffPage)} |`,
  "",
  `Resident memory after the run: control plane ${results.rss.control} MiB, compute agent (3 hosts) ${results.rss.agent} MiB, BFF ${results.rss.bff} MiB (node with the tsx loader, one process each).`,
].join("\n");
process.stdout.write(`${table}\n`);

writeDocSection("compute", table);
