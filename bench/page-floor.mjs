// Benchmark: the floor under the page-speed aims on this machine. How soon
// Chromium, with the flags and viewport the page bench uses, shows a page
// that costs nothing: a static document of a few hundred bytes from a
// loopback server, opened from a typed URL and from a link's click (a new
// document, as a Django page is), and a click that only swaps text in the
// page (what a client-side router does at the very least). No page can be
// usable sooner than these, so they say which of issue 13's aims (typed URL
// under 80 ms, click under 25 ms, 10× faster than Horizon) this machine
// allows at all. Prints the table and writes it into docs/benchmarks.md.
// Not part of `npm test`; run it under the browser lock on a shared machine.
//
//   node bench/page-floor.mjs [--runs N]
import { createServer } from "node:http";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { chromium } from "playwright";
import { CHROMIUM, CHROMIUM_ARGS } from "./lib/chromium.mjs";
import { writeDocSection } from "./lib/doc-section.mjs";
import { percentile } from "./lib/stats.mjs";

const { values: opts } = parseArgs({ options: { runs: { type: "string", default: "30" } } });
const RUNS = Number(opts.runs);
if (!Number.isInteger(RUNS) || RUNS < 3 || RUNS > 1000) throw new Error("--runs must be 3–1000");

/**
 * Two tiny documents linking to each other. A click records its event time
 * (epoch ms) for the next document, which reports the span to its own
 * DOMContentLoaded; the button swaps a text in place and reports the span
 * to the next frame.
 */
const doc = (name, other) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${name}</title></head>
<body><h1>${name}</h1><a id="next" href="/${other}">to ${other}</a>
<button id="swap" type="button">swap</button><p id="out">${name}</p>
<script>
document.getElementById("next").addEventListener("click", (e) => {
  sessionStorage.setItem("clickAt", String(performance.timeOrigin + e.timeStamp));
});
document.getElementById("swap").addEventListener("click", (e) => {
  document.getElementById("out").textContent = "swapped " + e.timeStamp;
  requestAnimationFrame(() => { window.__swap = performance.now() - e.timeStamp; });
});
addEventListener("DOMContentLoaded", () => {
  const nav = performance.getEntriesByType("navigation")[0];
  const at = Number(sessionStorage.getItem("clickAt"));
  sessionStorage.removeItem("clickAt");
  window.__floor = {
    firstByte: nav.responseStart,
    loaded: nav.domContentLoadedEventEnd || performance.now(),
    sinceClick: at ? performance.timeOrigin + performance.now() - at : null,
  };
});
</script></body></html>`;

const server = createServer((req, res) => {
  const name = req.url === "/b" ? "b" : "a";
  const body = doc(name, name === "a" ? "b" : "a");
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const load1 = () => Number(loadavg()[0].toFixed(2));
const loadAtStart = load1();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const version = browser.version();
const samples = { typed: [], firstByte: [], click: [], swap: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const floor = () =>
    page.waitForFunction(() => window.__floor, null, { polling: 5 }).then((h) => h.jsonValue());
  // Run 0 warms the browser up and is not counted.
  for (let run = 0; run <= RUNS; run++) {
    await page.goto(`${base}/a`);
    const typed = await floor();
    await page.click("#next");
    await page.waitForURL(`${base}/b`);
    const clicked = await floor();
    await page.evaluate(() => {
      window.__swap = undefined;
    });
    await page.click("#swap");
    const swap = await (await page.waitForFunction(() => window.__swap, null, { polling: 5 })).jsonValue();
    if (run === 0) continue;
    samples.typed.push(typed.loaded);
    samples.firstByte.push(typed.firstByte);
    if (clicked.sinceClick !== null) samples.click.push(clicked.sinceClick);
    samples.swap.push(swap);
  }
} finally {
  await browser.close();
  server.close();
}

const fmt = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 90).toFixed(1)}`;
};
const table = [
  `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus().length} vCPU (${cpus()[0]?.model.trim() ?? "?"}); Chromium ${version} headless with the page bench's flags, viewport 1440×900; a static document of ~1 KB from a loopback Node server. ${RUNS} counted runs after one warm-up. 1-minute load average: ${loadAtStart} at start, ${load1()} at the end.`,
  "",
  "| The least a page can cost | p50 / p90 ms |",
  "| --- | --- |",
  `| typed URL: navigation start → the document's first byte | ${fmt(samples.firstByte)} |`,
  `| typed URL: navigation start → DOMContentLoaded | ${fmt(samples.typed)} |`,
  `| link click → the new document's DOMContentLoaded (a full page load, as Horizon's) | ${fmt(samples.click)} |`,
  `| click → text swapped in place, next frame (a client-side navigation at the very least) | ${fmt(samples.swap)} |`,
].join("\n");
process.stdout.write(`${table}\n`);
writeDocSection("page-floor", table);
process.stdout.write(`${JSON.stringify(samples)}\n`);
