// Benchmark: real zenith-tiny guests on the qemu driver (TCG unless the host
// has KVM). The control plane (PGlite on disk) and one compute agent with
// ZENITH_COMPUTE_DRIVER=qemu run as separate processes on loopback, as
// `npm start` runs them. Measures:
//   1. time from POST /servers to ACTIVE and to a shell prompt on the serial
//      console: one cold launch (image not yet on the host), 10 sequential
//      launches, 4 launched at once;
//   2. memory (RSS, PSS) and CPU of an idle guest's QEMU process;
//   3. console keystroke round trip (client → proxy → agent → guest → back).
// Writes the figures into docs/benchmarks.md. Not part of `npm test`;
// skipped when QEMU is not installed.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { freePort, startService, stopServices, waitForUrl } from "../scripts/lib/processes.mjs";
import { writeDocSection } from "./lib/doc-section.mjs";
import { deleteAndWait, mean, openSerial, qemuPids, quantile, waitActive } from "./lib/qemu-cloud.mjs";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const SEQUENTIAL = Number(process.env.BENCH_QEMU_SEQUENTIAL ?? 10);
const PARALLEL = Number(process.env.BENCH_QEMU_PARALLEL ?? 4);
const KEYSTROKES = Number(process.env.BENCH_QEMU_KEYSTROKES ?? 200);
const IDLE_MS = 5_000;
const BOOT_TIMEOUT_MS = 180_000;
const password = "bench-admin-pw";
const suffix = randomBytes(2).toString("hex");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (spawnSync("sh", ["-c", "command -v qemu-system-x86_64 && command -v qemu-img"]).status !== 0) {
  process.stdout.write("SKIP: QEMU is not installed (apt-get install qemu-system-x86 qemu-utils)\n");
  process.exit(0);
}
const qemuVersion = execFileSync("qemu-system-x86_64", ["--version"], { encoding: "utf8" })
  .split("\n")[0]
  .replace(/^QEMU emulator version\s*/, "");

const tinyDir = join(ROOT, ".cache", "zenith-tiny");
execFileSync(join(ROOT, "scripts/tiny-image/build.sh"), [tinyDir], {
  stdio: ["ignore", "ignore", "inherit"],
});

const dataDir = mkdtempSync(join(tmpdir(), "zenith-bench-qemu-"));
const port = await freePort();
const controlUrl = `http://127.0.0.1:${port}`;
const children = [];
/** Every server this run created: only their QEMU processes are ever looked at or killed. */
const ours = new Set();
let token = "";

// ---------------------------------------------------------------- helpers

async function api(method, path, body, version = "compute 2.79") {
  const res = await fetch(`${controlUrl}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      "x-auth-token": token,
      "openstack-api-version": version,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) {
    const err = new Error(`${method} ${path}: ${res.status} ${text}`);
    err.status = res.status;
    throw err;
  }
  return text ? JSON.parse(text) : {};
}

function otherQemuCount() {
  try {
    const lines = execFileSync("pgrep", ["-af", "qemu-system"], { encoding: "utf8" }).split("\n");
    return lines.filter((l) => l && ![...ours].some((uuid) => l.includes(uuid))).length;
  } catch {
    return 0;
  }
}

function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  let pssKb;
  try {
    pssKb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1]);
  } catch {
    /* not readable */
  }
  return {
    rssMb: rssKb / 1024,
    pssMb: pssKb === undefined || Number.isNaN(pssKb) ? undefined : pssKb / 1024,
  };
}

/**
 * Where a QEMU process's resident memory is, from /proc/<pid>/smaps: the
 * guest's RAM (the largest anonymous read-write mapping), the TCG translation
 * cache (anonymous and executable), files of this run's data folder mapped in
 * (the PVH kernel and the initrd, shared between guests through the page
 * cache) and the rest (QEMU's binary, libraries, heap, thread stacks).
 */
function residentBreakdown(pid) {
  const parts = { guestRam: 0, tcg: 0, bootFiles: 0, other: 0 };
  const maps = [];
  let current;
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const head = /^[0-9a-f]+-[0-9a-f]+ (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      current = { perms: head[1], path: head[2], size: 0, rss: 0 };
      maps.push(current);
    } else if (current && line.startsWith("Size:")) current.size = Number(line.split(/\s+/)[1]);
    else if (current && line.startsWith("Rss:")) current.rss = Number(line.split(/\s+/)[1]);
  }
  const anonRw = maps.filter((m) => m.path === "" && m.perms === "rw-p");
  const ram = anonRw.reduce((big, m) => (m.size > (big?.size ?? 0) ? m : big), undefined);
  for (const m of maps) {
    if (m === ram) parts.guestRam += m.rss;
    else if (m.path === "" && m.perms.includes("x")) parts.tcg += m.rss;
    else if (m.path.startsWith(dataDir)) parts.bootFiles += m.rss;
    else parts.other += m.rss;
  }
  for (const k of Object.keys(parts)) parts[k] /= 1024;
  return parts;
}

/** utime + stime of a process, in clock ticks. */
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}
const TICKS_PER_S = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

function accelOf(pid) {
  const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  const i = args.indexOf("-accel");
  if (i >= 0) return args[i + 1].split(",")[0].toUpperCase();
  const m = args.find((a) => a.includes("accel="));
  return m ? /accel=([a-z]+)/.exec(m)[1].toUpperCase() : "?";
}

/**
 * One launch: POST, poll until ACTIVE, then open the serial console and press
 * Enter every 250 ms until the prompt shows. Leaves the console open.
 */
async function launch(name, imageRef, flavorRef) {
  const t0 = performance.now();
  const { server } = await api("POST", "/compute/v2.1/servers", {
    server: { name, imageRef, flavorRef, networks: "none" },
  });
  ours.add(server.id);
  const tActive = await waitActive(api, server.id);
  const serial = await openSerial(api, server.id);
  const prompt = new RegExp(`root@${name}:[^#\\r\\n]*# `);
  const enter = setInterval(() => serial.send("\r"), 250);
  serial.send("\r");
  let tPrompt;
  try {
    tPrompt = await serial.waitFor((s) => prompt.test(s), BOOT_TIMEOUT_MS, 0);
  } finally {
    clearInterval(enter);
  }
  // CPU time QEMU spent to get there: independent of what else runs on the host.
  const pid = qemuPids(server.id)[0];
  return {
    id: server.id,
    name,
    console: serial,
    activeS: (tActive - t0) / 1000,
    promptS: (tPrompt - t0) / 1000,
    cpuS: pid === undefined ? Number.NaN : cpuTicks(pid) / TICKS_PER_S,
  };
}

/** Idles, then reads memory and CPU use of each guest's QEMU process. */
async function idleFigures(ids) {
  const pids = ids.map((id) => {
    const found = qemuPids(id);
    if (found.length !== 1) throw new Error(`expected one QEMU process for ${id}, found ${found.length}`);
    return found[0];
  });
  await sleep(IDLE_MS / 2);
  const before = pids.map(cpuTicks);
  const t = performance.now();
  await sleep(IDLE_MS / 2);
  const seconds = (performance.now() - t) / 1000;
  return pids.map((pid, i) => ({
    pid,
    ...memoryOf(pid),
    parts: residentBreakdown(pid),
    cpuPct: ((cpuTicks(pid) - before[i]) / TICKS_PER_S / seconds) * 100,
  }));
}

/** Types a character and times its echo, `n` times; rubs each one out again. */
async function keystrokes(serial, n) {
  const rtts = [];
  for (let i = 0; i < n; i++) {
    let from = serial.mark();
    const sent = performance.now();
    serial.send("a");
    const echoed = await serial.waitFor((s) => s.includes("a"), 10_000, from);
    rtts.push(echoed - sent);
    from = serial.mark();
    serial.send("\x7f");
    await serial.waitFor((s) => s.length > 0, 10_000, from);
    await sleep(10); // let the rest of the rub-out arrive before the next key
  }
  return rtts;
}

// ---------------------------------------------------------------- the run

const results = { load: [], others: [] };
const startedAt = performance.now();
results.others.push(otherQemuCount());
try {
  const control = startService("control", TSX, ["src/main.ts"], {
    cwd: join(ROOT, "apps/control"),
    env: {
      ZENITH_DATA_DIR: dataDir,
      ZENITH_CONTROL_PORT: String(port),
      ZENITH_PUBLIC_URL: controlUrl,
      ZENITH_ADMIN_PASSWORD: password,
      ZENITH_DEMO_PASSWORD: "bench-demo-pw",
      ZENITH_TINY_IMAGE_DIR: tinyDir,
      ZENITH_SEED_STARTER_IMAGE: "false",
      LOG_LEVEL: "warn",
    },
    quiet: true,
  });
  children.push(control);
  await waitForUrl(`${controlUrl}/identity/v3`, { child: control, timeoutMs: 180_000 });
  const host = `bench-qemu-${suffix}`;
  const agent = startService("compute-qemu", TSX, ["src/main.ts"], {
    cwd: join(ROOT, "apps/compute-agent"),
    env: {
      ZENITH_DATA_DIR: dataDir,
      ZENITH_CONTROL_URL: controlUrl,
      ZENITH_COMPUTE_HOST: host,
      ZENITH_COMPUTE_AGENTS: "1",
      ZENITH_COMPUTE_DRIVER: "qemu",
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
  token = login.headers.get("x-subject-token") ?? "";
  if (login.status !== 201 || !token) throw new Error(`login failed: ${login.status}`);
  const projectId = (await login.json()).token.project.id;

  for (let i = 0; ; i++) {
    const { hypervisors } = await api("GET", "/compute/v2.1/os-hypervisors/detail");
    if (hypervisors.some((h) => h.hypervisor_hostname === host && h.state === "up")) break;
    if (agent.exitCode !== null) throw new Error(`compute agent exited with code ${agent.exitCode}`);
    if (i > 1200) throw new Error("the QEMU host did not come up");
    await sleep(100);
  }
  await api("PUT", `/compute/v2.1/os-quota-sets/${projectId}`, {
    quota_set: { instances: -1, cores: -1, ram: -1 },
  });
  const imageRef = (await api("GET", "/image/v2/images?name=zenith-tiny")).images[0]?.id;
  if (!imageRef) throw new Error("zenith-tiny is not registered");
  const flavorRef = (await api("GET", "/compute/v2.1/flavors")).flavors.find((f) => f.name === "m1.tiny")?.id;
  if (!flavorRef) throw new Error("flavor m1.tiny missing");
  const note = (what) => {
    results.load.push(loadavg()[0]);
    results.others.push(otherQemuCount());
    process.stdout.write(`${what}\n`);
  };

  // 1. Cold: the agent fetches kernel, ramdisk and disk from the image service first.
  const cold = await launch(`qb${suffix}-cold`, imageRef, flavorRef);
  cold.console.close();
  results.accel = accelOf(qemuPids(cold.id)[0]);
  results.cold = cold;
  note(
    `cold launch: ACTIVE ${cold.activeS.toFixed(2)} s, prompt ${cold.promptS.toFixed(2)} s (${results.accel})`,
  );
  await deleteAndWait(api, [cold.id]);

  // 2. Sequential launches, each deleted before the next; the last one is kept for the keystrokes.
  results.sequential = [];
  let last;
  for (let i = 0; i < SEQUENTIAL; i++) {
    const run = await launch(`qb${suffix}-s${i}`, imageRef, flavorRef);
    results.sequential.push(run);
    note(
      `sequential ${i + 1}/${SEQUENTIAL}: ACTIVE ${run.activeS.toFixed(2)} s, prompt ${run.promptS.toFixed(2)} s`,
    );
    if (i < SEQUENTIAL - 1) {
      run.console.close();
      await deleteAndWait(api, [run.id]);
    } else last = run;
  }

  // 3. Keystroke round trip on the last one, alone on the host and idle at its prompt.
  results.single = (await idleFigures([last.id]))[0];
  results.rtts = await keystrokes(last.console, KEYSTROKES);
  note(
    `keystrokes: p50 ${quantile(results.rtts, 0.5).toFixed(1)} ms, p99 ${quantile(results.rtts, 0.99).toFixed(1)} ms`,
  );
  last.console.close();
  await deleteAndWait(api, [last.id]);

  // 4. PARALLEL launched at once; then their idle memory, and keystrokes with all of them up.
  const t0 = performance.now();
  results.parallel = await Promise.all(
    Array.from({ length: PARALLEL }, (_, i) => launch(`qb${suffix}-p${i}`, imageRef, flavorRef)),
  );
  results.parallelAllS = (performance.now() - t0) / 1000;
  note(`${PARALLEL} at once: prompts at ${results.parallel.map((r) => r.promptS.toFixed(2)).join(", ")} s`);
  results.idle = await idleFigures(results.parallel.map((r) => r.id));
  results.rttsBusy = await keystrokes(results.parallel[0].console, KEYSTROKES);
  note(
    `keystrokes with ${PARALLEL} guests up: p50 ${quantile(results.rttsBusy, 0.5).toFixed(1)} ms, p99 ${quantile(results.rttsBusy, 0.99).toFixed(1)} ms`,
  );
  for (const r of results.parallel) r.console.close();
  await deleteAndWait(
    api,
    results.parallel.map((r) => r.id),
  );
} finally {
  // Anything of ours still there: delete through the API, then make sure no QEMU of ours survives.
  const left = [...ours].filter((id) => qemuPids(id).length > 0);
  if (left.length > 0 && token) await deleteAndWait(api, left, 60_000).catch(() => undefined);
  await stopServices(children);
  for (const id of ours) {
    for (const pid of qemuPids(id)) {
      process.stderr.write(`killing leftover QEMU ${pid} of ${id}\n`);
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}
results.others.push(otherQemuCount());
const runtimeS = (performance.now() - startedAt) / 1000;

// ---------------------------------------------------------------- report

const s = (v) => `${v.toFixed(2)} s`;
const ms = (v) => v.toFixed(1);
const row = (label, runs) => {
  const active = runs.map((r) => r.activeS);
  const prompt = runs.map((r) => r.promptS);
  const cpu = runs.map((r) => r.cpuS);
  return `| ${label} | ${s(quantile(active, 0.5))} | ${s(quantile(prompt, 0.5))} | ${s(Math.min(...prompt))} – ${s(Math.max(...prompt))} | ${s(quantile(cpu, 0.5))} |`;
};
const rttRow = (label, v) =>
  `| ${label} | ${v.length} | ${ms(quantile(v, 0.5))} | ${ms(quantile(v, 0.9))} | ${ms(quantile(v, 0.99))} | ${ms(Math.max(...v))} |`;
const part = (k) => mean(results.idle.map((g) => g.parts[k])).toFixed(0);
const pss = results.idle.map((g) => g.pssMb).filter((v) => v !== undefined);
const othersMax = Math.max(...results.others);
const disturbed =
  othersMax > 0
    ? ` Other QEMU guests (not this benchmark's) were running on the host during the run (${Math.min(...results.others)}–${othersMax} at the checkpoints), so the figures include their load.`
    : " No other QEMU guests ran on the host during the run.";
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? "cpu"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, QEMU ${qemuVersion}, accelerator ${results.accel}; control plane on PGlite, one compute agent on the qemu driver, guests zenith-tiny on m1.tiny (1 vCPU, 512 MB), no network. Whole run ${Math.round(runtimeS)} s; 1-minute load average during it ${Math.min(...results.load).toFixed(1)}–${Math.max(...results.load).toFixed(1)}.${disturbed}`,
  "",
  "| launch (POST /servers → …) | p50 until ACTIVE | p50 until shell prompt | prompt min – max | p50 QEMU CPU time until the prompt |",
  "|---|---|---|---|---|",
  row("first launch (image not yet cached on the host)", [results.cold]),
  row(`${SEQUENTIAL} sequential launches (each deleted before the next)`, results.sequential),
  row(`${PARALLEL} launched at once`, results.parallel),
  "",
  `All ${PARALLEL} launched at once were at their prompts ${s(results.parallelAllS)} after the first POST. Aim: under 10 s to the prompt.`,
  "",
  "| idle guest (prompt reached, then 5 s idle) | RSS | PSS | host CPU |",
  "|---|---|---|---|",
  `| one guest alone | ${results.single.rssMb.toFixed(0)} MiB | ${results.single.pssMb === undefined ? "n/a" : `${results.single.pssMb.toFixed(0)} MiB`} | ${results.single.cpuPct.toFixed(1)} % of a core |`,
  `| mean of ${PARALLEL} guests up at once | ${mean(results.idle.map((g) => g.rssMb)).toFixed(0)} MiB | ${pss.length ? `${mean(pss).toFixed(0)} MiB` : "n/a"} | ${mean(results.idle.map((g) => g.cpuPct)).toFixed(1)} % of a core |`,
  "",
  `Where an idle guest's RSS is (mean of the ${PARALLEL}): guest RAM touched ${part("guestRam")} MiB of the flavor's 512 MB (allocated lazily), TCG translation cache ${part("tcg")} MiB, files of the host's image cache mapped in (kernel, initrd; page cache, shared between guests) ${part("bootFiles")} MiB, QEMU itself (binary, libraries, heap) ${part("other")} MiB.`,
  "",
  "| serial console keystroke round trip (proxy and agent, loopback) | keys | p50 ms | p90 ms | p99 ms | max ms |",
  "|---|---|---|---|---|---|",
  rttRow("one guest on the host", results.rtts),
  rttRow(`${PARALLEL} guests up (idle)`, results.rttsBusy),
  "",
  "Aim: p99 under 50 ms.",
].join("\n");
process.stdout.write(`${table}\n`);

writeDocSection("qemu", table);
