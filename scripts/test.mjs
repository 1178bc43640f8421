// `npm test`: every check and test suite, installing what the suites need
// (PostgreSQL, Chromium, the openstack CLI) first. Ends with one line
// "Total: N passed, N failed" and exits non-zero when anything failed.
import { spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  createWriteStream,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from "node:fs";
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
const { freePort, run, stopServices } = await import("./lib/processes.mjs");
const { buildTinyImage, ensureWebBuild, startStack } = await import("./lib/stack.mjs");

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
/** Like `run`, with the command's output in a file. */
function runToFile(command, args, file, { cwd, env }) {
  return new Promise((resolve) => {
    const fd = openSync(file, "w");
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", fd, fd] });
    child.on("exit", (code, signal) => {
      closeSync(fd);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const banner = (text) => process.stdout.write(`\n==== ${text} ====\n`);
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
if (want("vitest") || want("e2e")) await ensureWebBuild();

if (want("lint")) {
  banner("lint and format (biome)");
  const code = await run(bin("biome"), ["check", "."], { cwd: ROOT });
  record("lint", code === 0 ? 1 : 0, code === 0 ? 0 : 1);
}

if (want("typecheck")) {
  banner("typecheck (tsc, every workspace)");
  const code = await run(bin("turbo"), ["run", "typecheck", "--concurrency=2", "--output-logs=errors-only"], {
    cwd: ROOT,
    env: { TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  record("typecheck", code === 0 ? 1 : 0, code === 0 ? 0 : 1);
}

const pgPort = await freePort();
let pgStarted = false;
try {
  if (want("vitest")) {
    banner("unit and integration tests (vitest: PGlite and PostgreSQL, openstack CLI)");
    const pg = spawnSync(join(ROOT, "scripts/pg-test-server.sh"), ["start", String(pgPort)], {
      encoding: "utf8",
    });
    if (pg.status !== 0) {
      process.stderr.write(pg.stderr);
      throw new Error("could not start the PostgreSQL test server");
    }
    pgStarted = true;
    // Two lanes at once (vitest.projects.ts), sharing nothing but the PostgreSQL server: the guest,
    // kernel networking, crash and real-CLI suites in one; the control plane, portal and packages in
    // the other. Each lane runs its files one at a time, so the QEMU suites never overlap.
    const env = { ZENITH_TEST_PG_URL: pg.stdout.trim(), LOG_LEVEL: "silent" };
    // The lanes' projects: vitest.projects.ts (the platform lane is everything the guest lane is not).
    const lanes = [{ name: "platform" }, { name: "guests" }];
    const outcomes = await Promise.all(
      lanes.map(async (lane, i) => {
        const report = join(work, `vitest-${lane.name}.json`);
        const args = [
          "run",
          "-c",
          "vitest.lanes.config.ts",
          "--reporter=default",
          "--reporter=json",
          `--outputFile.json=${report}`,
        ];
        const laneEnv = { ...env, ZENITH_TEST_LANE: lane.name };
        // The first lane prints as it goes; the other's output is printed once it ends (no interleaving).
        const log = i === 0 ? null : join(work, `vitest-${lane.name}.log`);
        const code = log
          ? await runToFile(bin("vitest"), args, log, { cwd: ROOT, env: laneEnv })
          : await run(bin("vitest"), args, { cwd: ROOT, env: laneEnv });
        return { lane, code, report, log };
      }),
    );
    let passed = 0;
    let failed = 0;
    for (const { lane, code, report, log } of outcomes) {
      if (log) {
        banner(`vitest lane "${lane.name}" (ran alongside the one above)`);
        process.stdout.write(readFileSync(log, "utf8"));
      }
      if (!existsSync(report)) {
        failed++;
        continue;
      }
      const r = JSON.parse(readFileSync(report, "utf8"));
      const failedSuites = (r.testResults ?? []).filter(
        (t) => t.status === "failed" && t.assertionResults.length === 0,
      );
      const laneFailed = r.numFailedTests + failedSuites.length;
      // Vitest fails a run with errors outside any test (an unhandled rejection) yet counts no failed test.
      if (code !== 0 && laneFailed === 0) {
        process.stderr.write(
          `vitest lane "${lane.name}" exited with code ${code} and no failed test: see "Unhandled Errors" in its output\n`,
        );
      }
      passed += r.numPassedTests;
      failed += laneFailed + (code !== 0 && laneFailed === 0 ? 1 : 0);
    }
    record("vitest", passed, failed);
  }

  if (want("e2e")) {
    banner("end-to-end (Playwright, Chromium, full stack)");
    const dataDir = join(work, "e2e-data");
    const adminPassword = "e2e-admin-pw-1";
    const demoPassword = "e2e-demo-pw-1";
    const ports = { control: await freePort(), bff: await freePort(), web: await freePort() };
    const log = createWriteStream(join(work, "e2e-stack.log"));
    let stack;
    try {
      await ensureWebBuild();
      stack = await startStack({
        dataDir,
        ports,
        quiet: true,
        logStream: log,
        env: { ZENITH_ADMIN_PASSWORD: adminPassword, ZENITH_DEMO_PASSWORD: demoPassword },
        computeHosts: 2,
        qemuHosts: 1,
        tinyImageDir,
      });
      const env = {
        ZENITH_E2E_BASE_URL: stack.webUrl,
        ZENITH_KEYSTONE_URL: stack.keystoneUrl,
        ZENITH_ADMIN_PASSWORD: adminPassword,
        // The network specs act as demo, the bootstrap member of project demo.
        ZENITH_DEMO_PASSWORD: demoPassword,
        ZENITH_E2E_COMPUTE_HOSTS: String(stack.computeHosts + stack.qemuHosts),
        // The compute specs boot the fake hosts' image; the console specs pick zenith-tiny themselves.
        ZENITH_E2E_IMAGE: "zenith-starter",
      };
      // After the specs, the demo tours (e2e/tours) on the same stack, headless and fast, without
      // video (screenshots and pages only: encoding costs CPU the suites share). Playwright
      // arguments naming tours (`admin.tour.ts`) run only those; other arguments, only specs.
      const toursChosen = playwrightArgs.some((a) => a.endsWith(".tour.ts"));
      const runs = [
        ...(toursChosen ? [] : [{ config: "e2e/playwright.config.ts", args: playwrightArgs, env: {} }]),
        ...(toursChosen || playwrightArgs.length === 0
          ? [
              {
                config: "e2e/tours/playwright.tours.config.ts",
                args: playwrightArgs,
                env: { ZENITH_TOUR_OUTPUT: join(work, "demo-output") },
              },
            ]
          : []),
      ];
      let passed = 0;
      let failed = 0;
      for (const [i, r] of runs.entries()) {
        const report = join(work, `playwright-${i}.json`);
        await run(bin("playwright"), ["test", "-c", r.config, "--reporter=list,json", ...r.args], {
          cwd: ROOT,
          env: { ...env, ...r.env, PLAYWRIGHT_JSON_OUTPUT_FILE: report },
        });
        if (existsSync(report)) {
          const s = JSON.parse(readFileSync(report, "utf8")).stats ?? {};
          passed += (s.expected ?? 0) + (s.flaky ?? 0);
          failed += (s.unexpected ?? 0) + (s.skipped ?? 0);
        } else {
          failed++;
        }
      }
      record("e2e", passed, failed);
    } catch (err) {
      process.stderr.write(`e2e stack failed: ${err.message}\n(log: ${join(work, "e2e-stack.log")})\n`);
      process.stderr.write(readFileSync(join(work, "e2e-stack.log"), "utf8").slice(-4000));
      record("e2e", 0, 1);
    } finally {
      if (stack) await stopServices(stack.children);
      log.end();
    }
  }
} finally {
  if (pgStarted)
    spawnSync(join(ROOT, "scripts/pg-test-server.sh"), ["stop", String(pgPort)], { stdio: "inherit" });
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write("\n");
for (const r of results)
  process.stdout.write(`  ${r.step.padEnd(10)} ${r.passed} passed, ${r.failed} failed\n`);
if (failed === 0) rmSync(work, { recursive: true, force: true });
else process.stdout.write(`Logs kept in ${work}\n`);
process.stdout.write(`Total: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
