// `npm test`: every check and test suite, installing what the suites need
// (PostgreSQL, Chromium, the openstack CLI) first. Ends with one line
// "Total: N passed, N failed" and exits non-zero when anything failed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
if (
  !existsSync(join(ROOT, "node_modules", ".bin", "tsx")) ||
  !existsSync(join(ROOT, "packages/db/src/generated"))
) {
  const res = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" });
  if (res.status !== 0) process.exit(res.status ?? 1);
}
const { freePort, run } = await import("./lib/processes.mjs");
const { buildTinyImage, ensureWebBuild } = await import("./lib/stack.mjs");
const { laneCounts, runToFile, runVitestLane } = await import("./lib/test-vitest.mjs");
const { runE2e } = await import("./lib/test-e2e.mjs");
const { playwrightFailures, printFailures, vitestFailures } = await import("./lib/test-failures.mjs");

// `npm test -- vitest e2e` runs those parts; after a second `--`, arguments for Playwright
// (`npm test -- e2e -- compute/usage-overview.spec.ts` runs one spec against the whole stack).
const args = process.argv.slice(2);
const dashes = args.indexOf("--");
const only = dashes < 0 ? args : args.slice(0, dashes);
const playwrightArgs = dashes < 0 ? [] : args.slice(dashes + 1);
const want = (step) => only.length === 0 || only.includes(step);
const bin = (name) => join(ROOT, "node_modules", ".bin", name);
const results = []; // { step, passed, failed }
const record = (step, passed, failed) => {
  results.push({ step, passed, failed });
  process.stdout.write(`\n== ${step}: ${passed} passed, ${failed} failed\n\n`);
};

// Each part says when it started (minutes:seconds since `npm test` began): the whole run must stay
// under 30 minutes on 2 cores, and this shows which part to shorten.
const startedAt = Date.now();
const elapsed = () => {
  const s = Math.round((Date.now() - startedAt) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};
const banner = (text) => process.stdout.write(`\n==== ${text} [at ${elapsed()}] ====\n`);
const work = mkdtempSync(join(tmpdir(), "zenith-test-"));

banner("system packages (PostgreSQL, Chromium, openstack CLI, Gnocchi, Keystone, QEMU, dnsmasq, nftables)");
const parts = ["postgres", "chromium", "openstack", "gnocchi", "keystone", "qemu", "network"];
if ((await run(join(ROOT, "scripts/ensure-system-deps.sh"), parts)) !== 0) {
  process.stderr.write("Could not install the system packages the suites need.\n");
  process.exit(1);
}
// QEMU was just ensured: its tests must run, never skip.
process.env.ZENITH_REQUIRE_QEMU = "1";
// Gnocchi and Keystone too: tests/real-openstack must run against them, never skip.
process.env.ZENITH_REQUIRE_REAL_OPENSTACK = "1";
const needsGuests = want("vitest") || want("e2e");
const tinyImageDir = needsGuests ? buildTinyImage() : null;
if (needsGuests && !tinyImageDir) {
  process.stderr.write("Could not build the zenith-tiny guest image the QEMU suites boot.\n");
  process.exit(1);
}

// The portal's build: the e2e specs run it, and a vitest suite starts its server (apps/web/server.mjs).
// Its own TypeScript pass is left out where the typecheck step below checks the same files.
if (want("vitest") || want("e2e")) await ensureWebBuild({ typecheckedElsewhere: want("typecheck") });

if (want("lint")) {
  banner("lint and format (biome)");
  const code = await run(bin("biome"), ["check", "."], { cwd: ROOT });
  record("lint", code === 0 ? 1 : 0, code === 0 ? 0 : 1);
}

// The typecheck runs beside the test lanes at a lower CPU priority (nice 10): uncached, as on CI, it
// took 2.5 minutes of both cores before any test started; beside the lanes it takes the cycles they
// leave while they wait for guests, timers and the browser. Its output is printed once it ends.
const typecheck = want("typecheck")
  ? runToFile(
      "nice",
      ["-n", "10", bin("turbo"), "run", "typecheck", "--concurrency=1", "--output-logs=errors-only"],
      join(work, "typecheck.log"),
      { cwd: ROOT, env: { TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" } },
    ).then((code) => ({ code, ended: elapsed() }))
  : null;

const failures = []; // one line per failed test, printed last (CI keeps the tail of the output)
const flaky = []; // e2e tests that passed only on their retry (CI retries once)
const pgPort = await freePort();
let pgStarted = false;
try {
  let env = {};
  if (want("vitest")) {
    const pg = spawnSync(join(ROOT, "scripts/pg-test-server.sh"), ["start", String(pgPort)], {
      encoding: "utf8",
    });
    if (pg.status !== 0) {
      process.stderr.write(pg.stderr);
      throw new Error("could not start the PostgreSQL test server");
    }
    pgStarted = true;
    env = { ZENITH_TEST_PG_URL: pg.stdout.trim(), LOG_LEVEL: "silent" };
  }
  // Two chains at once, of about equal length on 2 cores (vitest.projects.ts says which suite runs
  // where, with the last measured lengths): the guest lane (QEMU guests, kernel networking, crash,
  // real-CLI and real-OpenStack suites, one file at a time, so its QEMU suites never overlap), and the
  // platform lane (control plane, BFF, portal, packages) followed by the end-to-end specs and tours
  // on their own stack.
  // They share only the PostgreSQL test server. The second chain prints as it goes; the guest lane's
  // output is printed once both end (no interleaving).
  let guestsEnded = "";
  const guestLane = want("vitest")
    ? runVitestLane({ root: ROOT, name: "guests", env, work, log: join(work, "vitest-guests.log") }).then(
        (lane) => {
          guestsEnded = elapsed();
          return lane;
        },
      )
    : null;
  const secondChain = (async () => {
    let platform = null;
    if (want("vitest")) {
      banner("unit and integration tests (vitest, platform lane; the guest lane runs alongside)");
      platform = await runVitestLane({ root: ROOT, name: "platform", env, work, log: null });
    }
    let e2e = null;
    if (want("e2e")) {
      banner("end-to-end (Playwright, Chromium, full stack)");
      e2e = await runE2e({ root: ROOT, work, tinyImageDir, playwrightArgs });
    }
    return { platform, e2e };
  })();
  const [guests, { platform, e2e }] = await Promise.all([guestLane, secondChain]);
  if (guests && platform) {
    banner(
      `vitest lane "guests" (ran alongside the platform lane${e2e ? " and the e2e" : ""}; ended at ${guestsEnded})`,
    );
    process.stdout.write(readFileSync(guests.log, "utf8"));
    const counts = [laneCounts(platform), laneCounts(guests)];
    record(
      "vitest",
      counts.reduce((n, c) => n + c.passed, 0),
      counts.reduce((n, c) => n + c.failed, 0),
    );
    for (const lane of [platform, guests])
      if (lane.code !== 0) failures.push(...vitestFailures(ROOT, lane.report));
  }
  if (e2e) {
    record("e2e", e2e.passed, e2e.failed);
    if (e2e.error) failures.push(e2e.error);
    for (const r of e2e.reports) {
      if (e2e.failed > 0) failures.push(...playwrightFailures(ROOT, r));
      flaky.push(...playwrightFailures(ROOT, r, { flaky: true }));
    }
  }
} finally {
  if (pgStarted)
    spawnSync(join(ROOT, "scripts/pg-test-server.sh"), ["stop", String(pgPort)], { stdio: "inherit" });
}

if (typecheck) {
  const { code, ended } = await typecheck;
  banner(`typecheck (tsc, every workspace; ran alongside the tests, ended at ${ended})`);
  process.stdout.write(readFileSync(join(work, "typecheck.log"), "utf8"));
  record("typecheck", code === 0 ? 1 : 0, code === 0 ? 0 : 1);
  if (code !== 0) failures.push("typecheck: tsc reported errors (above)");
}

printFailures(flaky, "Passed only on a retry", "~");
printFailures(failures);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write("\n");
for (const r of results)
  process.stdout.write(`  ${r.step.padEnd(10)} ${r.passed} passed, ${r.failed} failed\n`);
if (failed === 0) rmSync(work, { recursive: true, force: true });
else process.stdout.write(`Logs kept in ${work}\n`);
process.stdout.write(`Took ${elapsed()}\n`);
process.stdout.write(`Total: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
