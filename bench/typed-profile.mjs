// Where a typed URL's milliseconds go, on a running portal (e.g. one
// `node bench/pages.mjs --keep` left up): loads each page from a typed URL
// in a logged-in tab, as the page bench does (its probe: navigation start →
// the page's first data row or heading, hydrated), under a Chromium trace,
// and splits the time on the page's main thread into what it ran (HTML
// parsing, script compile and run, style and layout, paint…) and the time
// it sat idle, waiting for the server or the network. Not part of
// `npm test`; uses the browser: run it under the Playwright lock.
//
//   node bench/typed-profile.mjs --url http://127.0.0.1:PORT --password PW \
//     [--pages /project/key-pairs,/identity/users] [--runs 6]
import { parseArgs } from "node:util";
import { openProbedPortal } from "./lib/pages/probed-portal.mjs";
import { pageOutcome } from "./lib/pages/probes.mjs";
import { mainThreadBreakdown, scriptSamples } from "./lib/trace-breakdown.mjs";

const { values: opts } = parseArgs({
  options: {
    url: { type: "string" },
    password: { type: "string" },
    user: { type: "string", default: "admin" },
    pages: { type: "string", default: "/project/key-pairs,/project/instances,/identity/users" },
    runs: { type: "string", default: "6" },
    // Also sample the JavaScript (the profiler's overhead inflates the times): self time by file and function.
    cpu: { type: "boolean", default: false },
  },
});
if (!opts.url || !opts.password) throw new Error("--url and --password are required");
/** What DevTools' performance panel records: tasks, parsing, scripts, style, layout, paint, marks. */
const TRACE_CATEGORIES = [
  "toplevel",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8.execute",
  "blink.user_timing",
  "loading",
];
const say = (line) => process.stdout.write(`${line}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Tells the probe the next document is `path`: usable once its first table has a data row, hydrated. */
async function expectPage(page, path) {
  await page.evaluate(
    (p) => window.__bench.prepare({ portal: "zenith", path: p, root: "main", kind: "list" }),
    path,
  );
}

const { browser, page } = await openProbedPortal(opts);
try {
  for (const path of opts.pages.split(",")) {
    const totals = [];
    const parts = new Map(); // what ran on the main thread → ms per run
    const scripts = new Map(); // --cpu: script file → self ms per run
    const functions = new Map(); // --cpu: function → self ms per run
    for (let run = 0; run < Number(opts.runs); run++) {
      await expectPage(page, path);
      const counted = run > 0;
      const categories = opts.cpu
        ? [...TRACE_CATEGORIES, "disabled-by-default-v8.cpu_profiler"]
        : TRACE_CATEGORIES;
      if (counted) await browser.startTracing(page, { categories });
      await page.goto(path, { waitUntil: "commit" });
      await page.waitForFunction(() => window.__bench.usable !== null, null, {
        polling: 50,
        timeout: 30_000,
      });
      const o = await page.evaluate(pageOutcome);
      if (!counted) continue;
      const trace = JSON.parse((await browser.stopTracing()).toString("utf8"));
      const usableMs = o.usable - o.timeOrigin;
      totals.push(usableMs);
      for (const [name, ms] of mainThreadBreakdown(trace.traceEvents, usableMs))
        parts.set(name, [...(parts.get(name) ?? []), ms]);
      if (opts.cpu) {
        const { byFile, byFunction } = scriptSamples(trace.traceEvents, usableMs);
        for (const [name, ms] of byFile) scripts.set(name, [...(scripts.get(name) ?? []), ms]);
        for (const [name, ms] of byFunction) functions.set(name, [...(functions.get(name) ?? []), ms]);
      }
      // Let the page's idle prefetches end before the next load.
      await page.waitForTimeout(2_500);
    }
    say(
      `\n${path}: usable p50 ${median(totals).toFixed(0)} ms (${totals.map((t) => t.toFixed(0)).join(", ")})`,
    );
    say("  main thread from navigation start to usable, p50 ms per run:");
    for (const [name, ms] of [...parts].sort((a, b) => median(b[1]) - median(a[1])))
      if (median(ms) >= 1) say(`  ${median(ms).toFixed(1).padStart(7)}  ${name}`);
    const mean = (ms) => ms.reduce((a, b) => a + b, 0) / totals.length;
    for (const [title, m, rows] of [
      ["JavaScript self time by script, mean ms per run:", scripts, 15],
      ["JavaScript self time by function, mean ms per run:", functions, 25],
    ]) {
      if (m.size === 0) continue;
      say(`  ${title}`);
      for (const [name, ms] of [...m].sort((a, b) => mean(b[1]) - mean(a[1])).slice(0, rows))
        say(`  ${mean(ms).toFixed(1).padStart(7)}  ${name}`);
    }
  }
} finally {
  await browser.close();
}
