// The names of what failed, read from the vitest and Playwright JSON reports, for the end of
// `npm test`: CI keeps only the tail of the output, and the tail must say which tests to look at.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";

const MAX_LINES = 40;
const firstLine = (text) =>
  String(text ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the reporters' colour codes
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim()
    .slice(0, 300) ?? "";

function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** "file > test: first line of the error" for each failed test of a vitest JSON report. */
export function vitestFailures(root, report) {
  const r = readJson(report);
  if (!r) return [`${relative(root, report)}: no report (the lane crashed before writing it)`];
  const out = [];
  for (const file of r.testResults ?? []) {
    const name = relative(root, file.name);
    if (file.status === "failed" && file.assertionResults.length === 0)
      out.push(`${name}: ${firstLine(file.message)}`);
    for (const t of file.assertionResults ?? [])
      if (t.status === "failed") out.push(`${name} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
  }
  return out;
}

/**
 * The same for a Playwright JSON report: unexpected results, and skipped tests (they count as
 * failed); with `{ flaky: true }`, the tests that passed only on a retry, with their first error.
 */
export function playwrightFailures(root, report, { flaky = false } = {}) {
  const r = readJson(report);
  if (!r) return flaky ? [] : [`${relative(root, report)}: no report (Playwright crashed before writing it)`];
  const wanted = flaky ? ["flaky"] : ["unexpected", "skipped"];
  const out = [];
  const walk = (suite, path) => {
    const here = suite.title && !suite.title.endsWith(".ts") ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? []) {
        if (!wanted.includes(t.status)) continue;
        const result = flaky ? t.results?.[0] : t.results?.at(-1);
        const why = t.status === "skipped" ? "skipped" : firstLine(result?.error?.message);
        out.push(`${spec.file}:${spec.line} > ${[...here, spec.title].join(" > ")}: ${why}`);
      }
    for (const s of suite.suites ?? []) walk(s, here);
  };
  for (const s of r.suites ?? []) walk(s, []);
  if (!flaky) for (const e of r.errors ?? []) out.push(`playwright: ${firstLine(e.message)}`);
  return out;
}

/** Prints up to MAX_LINES lines under a heading ("Failed", say); nothing when there are none. */
export function printFailures(lines, heading = "Failed", mark = "✗", write = (s) => process.stdout.write(s)) {
  if (lines.length === 0) return;
  write(`\n${heading} (${lines.length}):\n`);
  for (const l of lines.slice(0, MAX_LINES)) write(`  ${mark} ${l}\n`);
  if (lines.length > MAX_LINES) write(`  … and ${lines.length - MAX_LINES} more (see the logs)\n`);
}
