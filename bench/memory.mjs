// Benchmark: memory of the idle stack, by process, as `npm start` runs it
// (control plane, one compute agent process with 3 fake compute hosts, the
// network agent of those hosts, the volume host, BFF, portal).
// Measured twice: on the embedded PGlite database and on a PostgreSQL server
// (private, started by scripts/pg-test-server.sh; its own processes are
// counted in a separate row because PGlite lives inside the control plane).
// PSS (proportional set size, /proc/<pid>/smaps_rollup) counts shared pages
// once across processes, so the rows add up to what the stack really costs.
// Writes the table into docs/benchmarks.md. Not part of `npm test`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { freePort, stopServices } from "../scripts/lib/processes.mjs";
import { ensureWebBuild, ROOT, startStack } from "../scripts/lib/stack.mjs";
import { writeDocSection } from "./lib/doc-section.mjs";
import { pssKib, pssRowsByService } from "./lib/pss.mjs";

const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 30_000);
const HOSTS = 3;
const AIM_MIB = 500;

/** PSS of every process whose command line mentions `needle` (the private PostgreSQL server). */
function pssByCmdline(needle) {
  let kib = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmd.includes(needle)) kib += pssKib(Number(entry));
    } catch {
      /* process gone */
    }
  }
  return kib / 1024;
}

/** Lets the stack settle (JIT, first GCs), warms the pages a user opens first, settles again. */
async function settle(stack) {
  await new Promise((r) => setTimeout(r, SETTLE_MS / 2));
  for (const url of [`${stack.webUrl}/login`, `${stack.keystoneUrl}`, `${stack.bffUrl}/healthz`]) {
    for (let i = 0; i < 3; i++) await (await fetch(url)).arrayBuffer();
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS / 2));
}

async function measure(label, { databaseUrl, pgNeedle } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "zenith-bench-memory-"));
  const ports = { control: await freePort(), bff: await freePort(), web: await freePort() };
  process.stdout.write(`\n${label}: starting the stack (${HOSTS} fake hosts)…\n`);
  const stack = await startStack({ dataDir, ports, databaseUrl, quiet: true, computeHosts: HOSTS });
  try {
    await settle(stack);
    // Every service npm start runs: control, compute, network, volume, bff, web.
    const rows = pssRowsByService(stack.children);
    if (pgNeedle) rows.push({ name: "PostgreSQL server", mib: pssByCmdline(pgNeedle) });
    const total = rows.reduce((sum, r) => sum + r.mib, 0);
    for (const r of rows)
      process.stdout.write(`  ${r.name.padEnd(18)} ${r.mib.toFixed(0).padStart(5)} MiB\n`);
    process.stdout.write(`  ${"total".padEnd(18)} ${total.toFixed(0).padStart(5)} MiB\n`);
    return { label, rows, total };
  } finally {
    await stopServices(stack.children);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await ensureWebBuild();
const results = [await measure("PGlite (embedded)")];

const pgPort = await freePort();
const pg = spawnSync(join(ROOT, "scripts/pg-test-server.sh"), ["start", String(pgPort)], {
  encoding: "utf8",
});
if (pg.status !== 0) {
  process.stderr.write(`PostgreSQL could not start; measured PGlite only.\n${pg.stderr}`);
} else {
  try {
    results.push(
      await measure("PostgreSQL 15 server", {
        databaseUrl: pg.stdout.trim(),
        pgNeedle: `/tmp/zenith-pg-${pgPort}`,
      }),
    );
  } finally {
    spawnSync(join(ROOT, "scripts/pg-test-server.sh"), ["stop", String(pgPort)]);
    rmSync(`/tmp/zenith-pg-${pgPort}`, { recursive: true, force: true });
  }
}

const processNames = [...new Set(results.flatMap((r) => r.rows.map((row) => row.name)))];
const cell = (r, name) => {
  const row = r.rows.find((x) => x.name === name);
  return row ? `${row.mib.toFixed(0)} MiB` : "—";
};
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB,`,
  `idle stack with ${HOSTS} fake compute hosts after ${SETTLE_MS / 1000} s of settling and a warm-up of the login page.`,
  "PSS per service, its child processes included (shared pages counted once). Aim: the whole stack under",
  `${AIM_MIB} MiB on PGlite.`,
  "",
  `| process | ${results.map((r) => r.label).join(" | ")} |`,
  `|---|${results.map(() => "---:").join("|")}|`,
  ...processNames.map((name) => `| ${name} | ${results.map((r) => cell(r, name)).join(" | ")} |`),
  `| **total** | ${results.map((r) => `**${r.total.toFixed(0)} MiB**`).join(" | ")} |`,
].join("\n");

if (
  writeDocSection("memory", table, { appendUnder: "## Memory of the idle stack\n\n`node bench/memory.mjs`" })
)
  process.stdout.write("\nWrote the memory table into docs/benchmarks.md\n");
