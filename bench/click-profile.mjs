// Where a sidebar click's milliseconds go, on a running portal (e.g. one
// `node bench/pages.mjs --keep` left up): from a settled page (its idle
// prefetch done), clicks a side-navigation link, measured as the page bench
// measures it (its probe: click → first data row, hydrated), and splits the
// time: the click's event handlers (Event Timing), React's commits after the
// click, the long tasks, and the BFF and RSC requests the click made. With
// --profile, a CPU profile of the clicks by script. Not part of `npm test`;
// uses the browser: run it under the Playwright lock.
//
//   node bench/click-profile.mjs --url http://127.0.0.1:PORT --password PW \
//     [--from /project/key-pairs] [--to /project/instances] [--runs 6] [--settle 3000] [--profile] [--chain]
import { parseArgs } from "node:util";
import { openProbedPortal } from "./lib/pages/probed-portal.mjs";
import { pageOutcome } from "./lib/pages/probes.mjs";

const { values: opts } = parseArgs({
  options: {
    url: { type: "string" },
    password: { type: "string" },
    user: { type: "string", default: "admin" },
    from: { type: "string", default: "/project/key-pairs" },
    to: { type: "string", default: "/project/instances" },
    runs: { type: "string", default: "6" },
    settle: { type: "string", default: "3000" },
    profile: { type: "boolean", default: false },
    chain: { type: "boolean", default: false },
  },
});
if (!opts.url || !opts.password) throw new Error("--url and --password are required");
const say = (line) => process.stdout.write(`${line}\n`);

/** In the page: React's commits and the long tasks from now on, and the click's Event Timing entry. */
function watchClick() {
  const t = { commits: [], longTasks: [], event: null };
  window.__clickWatch = t;
  const hook = window.__REACT_DEVTOOLS_GLOBAL_HOOK__;
  const commit = hook.onCommitFiberRoot.bind(hook);
  hook.onCommitFiberRoot = (...args) => {
    t.commits.push(performance.timeOrigin + performance.now());
    return commit(...args);
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === "click" && t.event === null)
        t.event = {
          at: performance.timeOrigin + e.startTime,
          handlersEnd: performance.timeOrigin + e.processingEnd,
          paint: performance.timeOrigin + e.startTime + e.duration,
        };
  }).observe({ type: "event", durationThreshold: 16 });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) t.longTasks.push([performance.timeOrigin + e.startTime, e.duration]);
  }).observe({ type: "longtask" });
}

const { browser, context, page } = await openProbedPortal(opts);
try {
  const cdp = await context.newCDPSession(page);
  const byScript = new Map();
  let requests = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/api/trpc/") && r.resourceType() !== "eventsource")
      requests.push(`BFF ${decodeURIComponent(u.pathname.slice(10))}`);
    // A row's link prefetching its page's shell once in view is not part of the click.
    else if (r.headers().rsc === "1" && !r.headers()["next-router-prefetch"])
      requests.push(`RSC ${u.pathname}`);
  });
  const ms = [];
  for (let run = 0; run < Number(opts.runs); run++) {
    // --chain: back to the start page by its link, in the same document (its code loaded, as in the
    // page bench's rounds); otherwise a new document each time (the page's code not yet loaded).
    if (opts.chain && run > 0) await page.locator(`nav[aria-label="Main"] a[href="${opts.from}"]`).click();
    else await page.goto(opts.from);
    await page.waitForTimeout(Number(opts.settle));
    await page.evaluate(
      (path) => window.__bench.arm({ portal: "zenith", path, root: "main", kind: "list" }),
      opts.to,
    );
    await page.evaluate(watchClick);
    requests = [];
    if (opts.profile) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.start");
    }
    await page.locator(`nav[aria-label="Main"] a[href="${opts.to}"]`).click();
    await page.waitForFunction(() => window.__bench.usable !== null, null, { polling: 50 });
    const profile = opts.profile ? (await cdp.send("Profiler.stop")).profile : null;
    const o = await page.evaluate(pageOutcome);
    const w = await page.evaluate(() => window.__clickWatch);
    const at = (t) => (t === null || t === undefined ? "–" : `${Math.round(t - o.clickAt)}`);
    const total = o.usable - o.clickAt;
    if (run > 0) ms.push(total);
    const commits = w.commits.filter((c) => c <= o.usable + 1).map(at);
    const long = w.longTasks.map(([s, d]) => `${Math.round(d)} ms at +${at(s)}`);
    say(
      `run ${run + 1}${run === 0 ? " (warm-up)" : ""}: usable ${total.toFixed(1)} ms; click handlers done +${at(w.event?.handlersEnd)}, ` +
        `commits at +[${commits.join(", ")}], long tasks: ${long.join(", ") || "none"}; requests: ${requests.join(", ") || "none"}`,
    );
    if (profile && run > 0) {
      const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id, i) => {
        const f = nodes.get(id).callFrame;
        const key = f.url.split("/").pop() || f.functionName || "(native)";
        byScript.set(key, (byScript.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      });
    }
  }
  const sorted = [...ms].sort((a, b) => a - b);
  say(
    `usable after click, ms: ${ms.map((x) => x.toFixed(1)).join(", ")}; median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)}`,
  );
  if (byScript.size > 0) {
    const runs = ms.length;
    say("CPU per click by script (profiler on, from the click to usable and the probe's poll):");
    for (const [k, v] of [...byScript.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12))
      say(`  ${(v / runs).toFixed(1).padStart(6)} ms  ${k}`);
  }
} finally {
  await browser.close();
}
