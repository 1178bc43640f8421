// Benchmark: networking. The control plane (PGlite on disk), one compute
// agent process (fake driver) and the network agent (fake driver) run as
// separate processes on loopback, as `npm start` runs them. Measures:
//   1. 50 concurrent port creations on one subnet: time until all answered,
//      per-request latency, and that no address was handed out twice;
//   2. a burst of 20 servers (one request, min_count=20) with one port each
//      until all ACTIVE (ports wired by the network agent), against the
//      same burst with `networks: "none"`;
//   3. memory (PSS) of the network agent process.
// Writes the figures into docs/benchmarks.md. Not part of `npm test`.
// Sends no packet anywhere: the agents run their fake drivers.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { freePort, NODE_TS, startService, stopServices, waitForUrl } from "../scripts/lib/processes.mjs";
import { writeDocSection } from "./lib/doc-section.mjs";
import { treePssMib } from "./lib/pss.mjs";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const PORTS = Number(process.env.BENCH_PORTS ?? 50);
const BURST = Number(process.env.BENCH_BURST ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const HOSTS = 3;
const password = "bench-admin-pw";

const dataDir = mkdtempSync(join(tmpdir(), "zenith-bench-network-"));
const controlPort = await freePort();
const controlUrl = `http://127.0.0.1:${controlPort}`;
const children = [];
const results = { loadStart: loadavg()[0] };

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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, check, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function serverCounts(token, prefix) {
  const page = await api(
    token,
    "GET",
    `/compute/v2.1/servers/detail?name=${encodeURIComponent(`^${prefix}`)}&limit=1000`,
  );
  const counts = {};
  for (const s of page.servers) counts[s.status] = (counts[s.status] ?? 0) + 1;
  if ((counts.ERROR ?? 0) > 0) {
    const fault = page.servers.find((s) => s.status === "ERROR")?.fault?.message ?? "no fault";
    throw new Error(`servers in ERROR: ${JSON.stringify(counts)}; first fault: ${fault}`);
  }
  return counts;
}

async function deleteServers(token) {
  for (;;) {
    const page = await api(token, "GET", "/compute/v2.1/servers?limit=1000");
    if (page.servers.length === 0) return;
    await Promise.all(page.servers.map((s) => api(token, "DELETE", `/compute/v2.1/servers/${s.id}`)));
    await sleep(200);
  }
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** The network agent, when this checkout has one: its fake driver, serving the compute agent's hosts. */
function startNetworkAgent() {
  if (!existsSync(join(ROOT, "apps/network-agent/src/main.ts"))) return null;
  return startService("network", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
    cwd: join(ROOT, "apps/network-agent"),
    env: {
      ZENITH_DATA_DIR: dataDir,
      ZENITH_CONTROL_URL: controlUrl,
      ZENITH_NETWORK_DRIVER: "fake",
      ZENITH_NETWORK_HOST: "bench",
      ZENITH_NETWORK_AGENTS: String(HOSTS),
      // Every desired port counts as plugged: no wait for the fake compute driver's tap files.
      ZENITH_FAKE_TAPS: "all",
      LOG_LEVEL: "warn",
    },
    quiet: true,
  });
}

try {
  const control = startService("control", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
    cwd: join(ROOT, "apps/control"),
    env: {
      ZENITH_DATA_DIR: dataDir,
      ZENITH_CONTROL_PORT: String(controlPort),
      ZENITH_PUBLIC_URL: controlUrl,
      ZENITH_ADMIN_PASSWORD: password,
      ZENITH_DEMO_PASSWORD: "bench-demo-pw",
      LOG_LEVEL: "warn",
    },
    quiet: true,
  });
  children.push(control);
  await waitForUrl(`${controlUrl}/identity/v3`, { child: control });
  const compute = startService("compute", NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
    cwd: join(ROOT, "apps/compute-agent"),
    env: {
      ZENITH_DATA_DIR: dataDir,
      ZENITH_CONTROL_URL: controlUrl,
      ZENITH_COMPUTE_DRIVER: "fake",
      ZENITH_COMPUTE_HOST: "bench",
      ZENITH_COMPUTE_AGENTS: String(HOSTS),
      LOG_LEVEL: "warn",
    },
    quiet: true,
  });
  children.push(compute);
  const network = startNetworkAgent();
  if (network) children.push(network);

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
  const projectId = (await login.json()).token.project.id;

  await until("3 compute hosts up", async () => {
    const { services } = await api(token, "GET", "/compute/v2.1/os-services");
    return services.filter((s) => s.state === "up").length >= HOSTS;
  });
  await api(token, "PUT", `/networking/v2.0/quotas/${projectId}`, {
    quota: { port: -1, network: -1, subnet: -1 },
  });
  await api(token, "PUT", `/compute/v2.1/os-quota-sets/${projectId}`, {
    quota_set: { instances: -1, cores: -1, ram: -1 },
  });

  // 1. Concurrent port creations on one /24 (253 addresses in its pool).
  const { network: net } = await api(token, "POST", "/networking/v2.0/networks", {
    network: { name: "bench-ports" },
  });
  const { subnet } = await api(token, "POST", "/networking/v2.0/subnets", {
    subnet: { network_id: net.id, ip_version: 4, cidr: "10.99.0.0/24", name: "bench-ports" },
  });
  results.portRounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const latencies = [];
    const t0 = performance.now();
    const ports = await Promise.all(
      Array.from({ length: PORTS }, async (_, i) => {
        const s = performance.now();
        const { port } = await api(token, "POST", "/networking/v2.0/ports", {
          port: { network_id: net.id, name: `bench-${round}-${i}` },
        });
        latencies.push(performance.now() - s);
        return port;
      }),
    );
    const totalMs = performance.now() - t0;
    const addresses = ports.flatMap((p) =>
      p.fixed_ips.filter((f) => f.subnet_id === subnet.id).map((f) => f.ip_address),
    );
    const duplicates = addresses.length - new Set(addresses).size;
    if (addresses.length !== PORTS || duplicates !== 0) {
      throw new Error(
        `round ${round}: ${addresses.length} addresses for ${PORTS} ports, ${duplicates} duplicates`,
      );
    }
    // What the database holds must agree with the answers.
    const listed = await api(
      token,
      "GET",
      `/networking/v2.0/ports?network_id=${net.id}&fields=id&fields=fixed_ips`,
    );
    const stored = listed.ports.flatMap((p) => p.fixed_ips.map((f) => f.ip_address));
    if (new Set(stored).size !== stored.length) throw new Error(`round ${round}: duplicate addresses stored`);
    latencies.sort((a, b) => a - b);
    results.portRounds.push({
      totalMs,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      addresses: addresses.length,
      duplicates,
    });
    await Promise.all(ports.map((p) => api(token, "DELETE", `/networking/v2.0/ports/${p.id}`)));
  }

  // 2. Server bursts: one port each on a tenant network, against no network.
  const images = await api(token, "GET", "/image/v2/images?name=zenith-starter");
  const imageRef = images.images[0].id;
  const burst = async (name, networks) => {
    const t0 = performance.now();
    await api(token, "POST", "/compute/v2.1/servers", {
      server: { name, imageRef, flavorRef: "1", min_count: BURST, max_count: BURST, networks },
    });
    await until(
      `${BURST} servers ${name} ACTIVE`,
      async () => ((await serverCounts(token, name)).ACTIVE ?? 0) >= BURST,
    );
    const seconds = (performance.now() - t0) / 1000;
    await deleteServers(token);
    return seconds;
  };
  results.bursts = [];
  if (network) {
    for (let round = 0; round < ROUNDS; round++) {
      const none = await burst(`none${round}`, "none");
      const withPort = await burst(`port${round}`, [{ uuid: net.id }]);
      results.bursts.push({ none, withPort });
    }
    results.agentPssMib = treePssMib(network.pid);
  }
  results.loadEnd = loadavg()[0];
} finally {
  await stopServices(children);
  rmSync(dataDir, { recursive: true, force: true });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (v) => `${Math.round(v)} ms`;
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? "cpu"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; control plane on PGlite, ${HOSTS} fake compute hosts in one agent process${results.bursts.length ? ", the network agent on its fake driver" : ""}. 1-minute load average of the machine (shared with other work) ${results.loadStart.toFixed(1)} at the start, ${results.loadEnd.toFixed(1)} at the end.`,
  "",
  `| ${PORTS} concurrent \`POST /v2.0/ports\` on one /24 subnet | all answered | p50 per request | p99 per request | addresses | duplicates |`,
  "|---|---|---|---|---|---|",
  ...results.portRounds.map(
    (r, i) =>
      `| round ${i + 1} | ${ms(r.totalMs)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.addresses} | ${r.duplicates} |`,
  ),
];
if (results.bursts.length) {
  lines.push(
    "",
    `| ${BURST} servers in one request (min_count=${BURST}), until all ACTIVE | \`networks: "none"\` | one port each (wired by the network agent) |`,
    "|---|---|---|",
    ...results.bursts.map(
      (b, i) => `| round ${i + 1} | ${b.none.toFixed(2)} s | ${b.withPort.toFixed(2)} s |`,
    ),
    `| median | ${median(results.bursts.map((b) => b.none)).toFixed(2)} s | ${median(results.bursts.map((b) => b.withPort)).toFixed(2)} s |`,
    "",
    `Network agent memory (PSS, its process and children, fake driver, ${HOSTS} hosts) after the run: ${results.agentPssMib.toFixed(0)} MiB.`,
  );
} else {
  lines.push("", "No network agent in this checkout: the server bursts and its memory were not measured.");
}
const table = lines.join("\n");
process.stdout.write(`${table}\n`);

writeDocSection("network", table);
