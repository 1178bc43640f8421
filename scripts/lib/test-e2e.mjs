// The end-to-end part of `npm test`: a fresh stack, the Playwright specs, then the demo tours.
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, run, stopServices } from "./processes.mjs";
import { ensureWebBuild, startStack } from "./stack.mjs";

/**
 * Runs the specs (or the ones `playwrightArgs` name) and the tours; returns { passed, failed,
 * reports } (the Playwright JSON reports, for the list of failures at the end).
 */
export async function runE2e({ root, work, tinyImageDir, playwrightArgs }) {
  const dataDir = join(work, "e2e-data");
  const adminPassword = "e2e-admin-pw-1";
  const demoPassword = "e2e-demo-pw-1";
  const ports = { control: await freePort(), bff: await freePort(), web: await freePort() };
  const logFile = join(work, "e2e-stack.log");
  const log = createWriteStream(logFile);
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
    const reports = [];
    for (const [i, r] of runs.entries()) {
      const report = join(work, `playwright-${i}.json`);
      reports.push(report);
      await run(
        join(root, "node_modules", ".bin", "playwright"),
        ["test", "-c", r.config, "--reporter=list,json", ...r.args],
        {
          cwd: root,
          env: { ...env, ...r.env, PLAYWRIGHT_JSON_OUTPUT_FILE: report },
        },
      );
      if (existsSync(report)) {
        const s = JSON.parse(readFileSync(report, "utf8")).stats ?? {};
        passed += (s.expected ?? 0) + (s.flaky ?? 0);
        failed += (s.unexpected ?? 0) + (s.skipped ?? 0);
      } else {
        failed++;
      }
    }
    return { passed, failed, reports };
  } catch (err) {
    process.stderr.write(`e2e stack failed: ${err.message}\n(log: ${logFile})\n`);
    process.stderr.write(readFileSync(logFile, "utf8").slice(-4000));
    return { passed: 0, failed: 1, reports: [], error: `e2e stack failed: ${err.message}` };
  } finally {
    if (stack) await stopServices(stack.children);
    log.end();
  }
}
