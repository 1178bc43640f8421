// Benchmark: Keystone token issue and validation against the real control
// plane (a separate process, PGlite on disk), 50 concurrent clients on
// loopback. Writes the figures into docs/benchmarks.md between markers.
// Run with `npm run bench` (not part of `npm test`).
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { freePort, startService, stopServices, waitForUrl } from "../scripts/lib/processes.mjs";
import { writeDocSection } from "./lib/doc-section.mjs";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

function summary(name, res) {
  const l = res.latency;
  return {
    name,
    requests: res.requests.total,
    rps: Math.round(res.requests.average),
    p50: l.p50,
    p90: l.p90,
    p99: l.p99,
    max: l.max,
    non2xx: res.non2xx,
    errors: res.errors,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), "zenith-bench-"));
const port = await freePort();
const base = `http://127.0.0.1:${port}/identity/v3`;
const password = "bench-admin-pw";
const control = startService("control", join(ROOT, "node_modules/.bin/tsx"), ["src/main.ts"], {
  cwd: join(ROOT, "apps/control"),
  env: {
    ZENITH_DATA_DIR: dataDir,
    ZENITH_CONTROL_PORT: String(port),
    ZENITH_ADMIN_PASSWORD: password,
    ZENITH_DEMO_PASSWORD: "bench-demo-pw",
    LOG_LEVEL: "warn",
  },
  quiet: true,
});
const results = [];
try {
  await waitForUrl(base, { child: control });
  const authBody = JSON.stringify({
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { name: "admin", domain: { name: "Default" }, password } },
      },
      scope: { project: { name: "admin", domain: { name: "Default" } } },
    },
  });
  const login = await fetch(`${base}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: authBody,
  });
  const token = login.headers.get("x-subject-token");
  if (login.status !== 201 || !token) throw new Error(`login failed: ${login.status} ${await login.text()}`);

  // Warm-up, then measure.
  await cannon({
    url: `${base}/auth/tokens`,
    duration: 2,
    headers: { "x-auth-token": token, "x-subject-token": token },
  });
  results.push(
    summary(
      "validate (GET /v3/auth/tokens)",
      await cannon({
        url: `${base}/auth/tokens`,
        headers: { "x-auth-token": token, "x-subject-token": token },
      }),
    ),
  );
  results.push(
    summary(
      "validate, 1 connection",
      await cannon({
        url: `${base}/auth/tokens`,
        connections: 1,
        headers: { "x-auth-token": token, "x-subject-token": token },
      }),
    ),
  );
  results.push(
    summary(
      "issue, 1 connection (one scrypt verification per request)",
      await cannon({
        url: `${base}/auth/tokens`,
        connections: 1,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: authBody,
      }),
    ),
  );
  results.push(
    summary(
      "issue (POST /v3/auth/tokens, password + project scope)",
      await cannon({
        url: `${base}/auth/tokens`,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: authBody,
      }),
    ),
  );
} finally {
  await stopServices([control]);
  rmSync(dataDir, { recursive: true, force: true });
}

const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? "cpu"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${CONNECTIONS} concurrent connections unless the row says otherwise, ${DURATION_S} s each, control plane on PGlite.`,
  "",
  "| operation | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | errors |",
  "|---|---|---|---|---|---|---|---|---|",
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.non2xx} | ${r.errors} |`,
  ),
].join("\n");
process.stdout.write(`${table}\n`);

writeDocSection("identity-tokens", table);
