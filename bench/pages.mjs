// Benchmark: how soon every page of the portal is usable, from a typed URL
// and from a sidebar click, with 5,000 instances in the project, side by
// side with Debian's Horizon pointed at the same Keystone. Starts the stack
// (fake compute and network hosts, production portal build, free ports),
// seeds the admin's project through the APIs (bench/lib/pages/seed.mjs),
// starts Horizon (bench/lib/pages/horizon.mjs), and measures both in
// Debian's Chromium with Playwright (bench/lib/pages/measure.mjs). The
// pages: every entry of the portal's side navigation plus four detail
// pages (bench/lib/pages/targets.mjs, where "usable" is defined per page
// kind). Prints the table and the figures as JSON, and writes the table
// into docs/benchmarks.md. The aims are printed beside the figures, never
// asserted. Not part of `npm test`.
//
//   node bench/pages.mjs [--pages <substring>[,<substring>…]] [--runs N] [--instances N] [--no-horizon] [--keep] [--postgres]
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright";
import { freePort, run } from "../scripts/lib/processes.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "./lib/chromium.mjs";
import { writeDocSection } from "./lib/doc-section.mjs";
import { ensureHorizon, horizonLogin, startHorizon } from "./lib/pages/horizon.mjs";
import { measurePortal } from "./lib/pages/measure.mjs";
import { installPageProbe } from "./lib/pages/probes.mjs";
import { formatTable, summarise } from "./lib/pages/report.mjs";
import { seedPages } from "./lib/pages/seed.mjs";
import { horizonPageFor, KINDS, zenithDetailPages, zenithNavPages } from "./lib/pages/targets.mjs";
import { login } from "./lib/topology-seed.mjs";
import { startUiStack } from "./lib/ui-stack.mjs";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const { values: opts } = parseArgs({
  options: {
    pages: { type: "string" },
    runs: { type: "string", default: "7" },
    instances: { type: "string", default: "5000" },
    "no-horizon": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    postgres: { type: "boolean", default: false },
  },
});
const RUNS = Number(opts.runs);
const INSTANCES = Number(opts.instances);
if (!Number.isInteger(RUNS) || RUNS < 2 || RUNS > 100)
  throw new Error("--runs must be 2–100 (the first is a warm-up)");
if (!Number.isInteger(INSTANCES) || INSTANCES < 0 || INSTANCES > 20_000)
  throw new Error("--instances must be 0–20000");
const HORIZON = !opts["no-horizon"];

const adminPassword = "bench-pages-admin-pw";
const demoPassword = "bench-pages-demo-pw";
const VIEWPORT = { width: 1440, height: 900 };
// A page not usable within this long is reported as failed (with what it showed), not waited for.
const LIMITS = {
  zenith: { timeoutMs: 30_000, graceMs: 3_000 },
  horizon: { timeoutMs: 90_000, graceMs: 5_000 },
};

const say = (line) => process.stdout.write(`${line}\n`);
const load1 = () => Number(loadavg()[0].toFixed(2));
const r = {
  date: new Date().toISOString(),
  commit: gitCommit(),
  machine: `${cpus().length} vCPU (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
  instances: INSTANCES,
  runs: RUNS,
  load: { start: load1() },
  kinds: KINDS,
};

function gitCommit() {
  const res = spawnSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  return res.status === 0 ? res.stdout.trim() : null;
}

async function portalLogin(page, username, password) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/project(\?|$)/);
}

async function newContext(browser, baseURL) {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT });
  await context.addInitScript(installPageProbe);
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  return { context, page };
}

/** Zenith: the side navigation's link, or the row's link in the list for a detail page. */
async function zenithLink(page, target) {
  const selector = target.nav
    ? `nav[aria-label="Main"] a[href="${target.path}"]`
    : `main a[href="${target.path}"]`;
  const link = page.locator(selector).first();
  return (await link.count()) > 0 ? link : null;
}

/** Horizon: its sidebar's link (the accordion opened first, untimed), or the row's link for a detail page. */
async function horizonLink(page, target) {
  if (target.detail) {
    const link = page.locator(`#content_body a[href="${target.path}"]`).first();
    return (await link.count()) > 0 ? link : null;
  }
  const selector = `#sidebar a[href="${target.path}"]`;
  if ((await page.locator(selector).count()) === 0) return null;
  await page.evaluate((sel) => {
    const a = document.querySelector(sel);
    for (let el = a?.parentElement; el; el = el.parentElement) {
      if (el.classList.contains("collapse")) el.classList.add("in");
    }
  }, selector);
  return page.locator(selector).first();
}

let ui;
let browser;
let horizon;
let pgPort = null;
const cleanup = async () => {
  await browser?.close().catch(() => {});
  await horizon?.stop();
  await ui?.stop();
  if (pgPort !== null) {
    spawnSync(join(ROOT, "scripts/pg-test-server.sh"), ["stop", String(pgPort)], { stdio: "ignore" });
    rmSync(`/tmp/zenith-pg-${pgPort}`, { recursive: true, force: true });
    pgPort = null;
  }
};

/** --postgres: a private PostgreSQL 15 server for the control plane (scripts/pg-test-server.sh); its URL. */
async function startPostgres() {
  pgPort = await freePort();
  const res = spawnSync(join(ROOT, "scripts/pg-test-server.sh"), ["start", String(pgPort)], {
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`could not start PostgreSQL: ${res.stderr}`);
  return res.stdout.trim();
}
// Ctrl-C mid-run: the services run in process groups of their own and would outlive the bench.
const onSignal = async (signal) => {
  say(`${signal}: stopping everything…`);
  await cleanup();
  process.exit(130);
};
process.once("SIGINT", onSignal);
process.once("SIGTERM", onSignal);
try {
  say(`System packages (Chromium${HORIZON ? ", Horizon" : ""})…`);
  if ((await run(join(ROOT, "scripts/ensure-system-deps.sh"), ["chromium"])) !== 0) {
    throw new Error("could not install Chromium");
  }
  if (HORIZON) await ensureHorizon();

  say("Starting the stack (fake compute, network and volume hosts, production portal)…");
  // Simulated volumes: the bench measures pages, not disks (startStack reads this from the environment).
  process.env.ZENITH_VOLUME_DRIVER ??= "fake";
  // --postgres (or BENCH_DATABASE_URL): the control plane's data in PostgreSQL rather than PGlite, whose
  // queries run on the control plane's own event loop.
  const databaseUrl = opts.postgres ? await startPostgres() : process.env.BENCH_DATABASE_URL;
  r.database = databaseUrl ? "PostgreSQL 15" : "PGlite";
  ui = await startUiStack({ adminPassword, demoPassword, databaseUrl });
  if (process.env.BENCH_KEEP_LOG) say(`Stack log (kept): ${ui.logFile}`);
  const { controlUrl, keystoneUrl, webUrl } = ui.stack;
  const admin = await login(controlUrl, "admin", adminPassword, "admin");

  say(`Seeding ${INSTANCES} instances and a few of everything else into project admin…`);
  const seeded = await seedPages({
    controlUrl,
    token: admin.token,
    projectId: admin.projectId,
    userId: admin.userId,
    instances: INSTANCES,
    log: (m) => say(`  ${m}`),
  });
  r.seedS = seeded.seedS;
  r.load.seeded = load1();

  // Comma-separated substrings: a page matching any of them.
  const filters = opts.pages
    ?.toLowerCase()
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  const all = [...(await zenithNavPages()), ...zenithDetailPages(seeded.detail)].map((p) => ({
    ...p,
    path: p.href,
  }));
  const targets = filters
    ? all.filter((p) => filters.some((f) => p.key.toLowerCase().includes(f) || p.href.includes(f)))
    : all;
  if (targets.length === 0) throw new Error(`no page matches --pages ${opts.pages}`);
  say(`Pages: ${targets.length} (${targets.map((t) => t.key).join(", ")})`);

  // Playwright's own Ctrl-C handler would close the browser and exit before ours stops the stack.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  r.browser = browser.version();

  say(`Zenith: ${RUNS} rounds of typed URLs, then ${RUNS} rounds of clicks (round 1 is a warm-up)…`);
  {
    const { context, page } = await newContext(browser, webUrl);
    await portalLogin(page, "admin", adminPassword);
    r.zenith = await measurePortal({
      page,
      portal: "zenith",
      baseUrl: webUrl,
      targets,
      runs: RUNS,
      link: zenithLink,
      limits: LIMITS.zenith,
      log: say,
    });
    await context.close();
  }
  r.load.zenith = load1();

  if (HORIZON) {
    say("Starting Horizon (Debian's openstack-dashboard) against Zenith's Keystone…");
    horizon = await startHorizon({ keystoneUrl, log: say });
    const hTargets = targets
      .map((t) => ({ zenith: t, horizon: horizonPageFor(t) }))
      .filter((p) => p.horizon !== null)
      .map((p) => ({ ...p.horizon, key: p.zenith.key, nav: p.zenith.nav }));
    const { context, page } = await newContext(browser, horizon.url);
    await horizonLogin(page, "admin", adminPassword);
    say(`Horizon: ${hTargets.length} pages, ${RUNS} rounds each way…`);
    r.horizon = await measurePortal({
      page,
      portal: "horizon",
      baseUrl: horizon.url,
      targets: hTargets,
      runs: RUNS,
      link: horizonLink,
      limits: LIMITS.horizon,
      log: say,
    });
    r.horizonPaths = Object.fromEntries(hTargets.map((t) => [t.key, t.path]));
    await context.close();
    r.load.horizon = load1();
  }

  r.rows = summarise(targets, r.zenith, r.horizon ?? null, r.horizonPaths ?? {});
  if (opts.keep) {
    say(
      `\nKept running: portal ${webUrl} (admin / ${adminPassword})${horizon ? `, Horizon ${horizon.url}` : ""}.`,
    );
    say("Press Ctrl-C to stop everything.");
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await new Promise((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
  }
} finally {
  await cleanup();
}

r.load.end = load1();
say(JSON.stringify(r, null, 2));
const table = formatTable(r);
say(`\n${table}`);

// The full run's table goes into the docs; a partial one (--pages, --no-horizon) only to stdout.
if (!opts.pages && HORIZON) {
  if (writeDocSection("pages", table)) say("Written into docs/benchmarks.md.");
}
