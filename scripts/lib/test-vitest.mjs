// One vitest lane of `npm test` (vitest.projects.ts, vitest.lanes.config.ts) and the reading of its report.

import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./processes.mjs";

/** Like `run`, with the command's output in a file. */
export function runToFile(command, args, file, { cwd, env }) {
  return new Promise((resolve) => {
    const fd = openSync(file, "w");
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", fd, fd] });
    child.on("exit", (code, signal) => {
      closeSync(fd);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/**
 * Runs lane `name` ("guests" or "platform"); its output goes to the terminal, or to `log` when
 * given (a lane running alongside another prints once it ends: no interleaving).
 */
export async function runVitestLane({ root, name, env, work, log }) {
  const report = join(work, `vitest-${name}.json`);
  const args = [
    "run",
    "-c",
    "vitest.lanes.config.ts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ];
  const laneEnv = { ...env, ZENITH_TEST_LANE: name };
  const vitest = join(root, "node_modules", ".bin", "vitest");
  const code = log
    ? await runToFile(vitest, args, log, { cwd: root, env: laneEnv })
    : await run(vitest, args, { cwd: root, env: laneEnv });
  return { name, code, report, log };
}

/** Passed and failed tests of a finished lane; a missing report or a crash outside any test counts as a failure. */
export function laneCounts({ name, code, report }) {
  if (!existsSync(report)) return { passed: 0, failed: 1 };
  const r = JSON.parse(readFileSync(report, "utf8"));
  const failedSuites = (r.testResults ?? []).filter(
    (t) => t.status === "failed" && t.assertionResults.length === 0,
  );
  const laneFailed = r.numFailedTests + failedSuites.length;
  // Vitest fails a run with errors outside any test (an unhandled rejection) yet counts no failed test.
  if (code !== 0 && laneFailed === 0) {
    process.stderr.write(
      `vitest lane "${name}" exited with code ${code} and no failed test: see "Unhandled Errors" in its output\n`,
    );
    return { passed: r.numPassedTests, failed: 1 };
  }
  return { passed: r.numPassedTests, failed: laneFailed };
}
