// The two measures of the page-speed bench, the same for both portals:
//   typed: page.goto in a logged-in tab; navigation start → usable;
//   click: from the page before it, a click on the side navigation's link
//          (or, for a detail page, on its row in its list) → usable.
// "Usable" is decided in the page (probes.mjs) by the page's kind
// (targets.mjs). Pages are visited in rounds (every page once per round,
// clicks chained page to page); round 0 is the warm-up and not counted.
import { pageOutcome } from "./probes.mjs";

/** How the probe recognises a page of this portal: what `bench.arm` receives. */
function expectation(portal, target) {
  const { kind, table, text, selector, heading } = target;
  return {
    portal,
    path: target.path,
    root: portal === "zenith" ? "main" : "#content_body",
    kind,
    ...(table ? { table } : {}),
    ...(text ? { text } : {}),
    ...(selector ? { selector } : {}),
    ...(heading ? { heading } : {}),
  };
}

/** In the page: usable yet, or what it shows instead of its content (an error) and whether it loaded. */
function pageState() {
  const usable = Boolean(window.__bench && window.__bench.usable !== null);
  const complete = document.readyState === "complete";
  if (usable) return { usable, error: null, complete };
  const alerts = [
    ...document.querySelectorAll('main [role="alert"], .alert-danger, .alert-error, .toast-error'),
  ];
  const text = alerts
    .map((a) => a.textContent.trim().replace(/\s+/g, " "))
    .filter(Boolean)
    .join(" | ");
  const title = document.title || "";
  const error = text
    ? text.slice(0, 300)
    : /error|not found|forbidden/i.test(title)
      ? `page titled "${title}"`
      : null;
  return { usable, error, complete };
}

/**
 * Waits (polling from the bench, so the page's own timing is untouched) until
 * the probe saw the page usable; a page that shows an error for `graceMs`
 * after it loaded, or that is not usable within `timeoutMs`, throws with
 * what it showed.
 */
async function waitUsable(page, { timeoutMs, graceMs }) {
  const deadline = Date.now() + timeoutMs;
  let errorSince = null;
  for (;;) {
    let state = null;
    try {
      state = await page.evaluate(pageState);
    } catch {
      // The document changed under the evaluation (a navigation): ask the next one.
    }
    if (state?.usable) return;
    if (state?.error && state.complete) {
      errorSince ??= Date.now();
      if (Date.now() - errorSince > graceMs) throw new Error(state.error);
    } else {
      errorSince = null;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `not usable within ${timeoutMs / 1000} s${state?.error ? `: ${state.error}` : ` (at ${page.url()})`}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One typed-URL load of `target`; ms from navigation start to usable. */
async function typedOnce(page, portal, baseUrl, target, limits) {
  await page.evaluate((e) => window.__bench.prepare(e), expectation(portal, target));
  const response = await page.goto(`${baseUrl}${target.url ?? target.path}`, { waitUntil: "commit" });
  if (response && response.status() >= 400)
    throw new Error(`HTTP ${response.status()} ${response.statusText()}`);
  await waitUsable(page, limits);
  const o = await page.evaluate(pageOutcome);
  const since = (t) => (Number.isFinite(t) ? t - o.timeOrigin : null);
  return {
    ms: o.usable - o.timeOrigin,
    frameMs: o.frame === null ? null : o.frame - o.timeOrigin,
    detail: o.detail,
    // Where a typed URL's time goes: the server's first byte, its last, the document's scripts run.
    phases: {
      firstByte: since(o.responseStart),
      lastByte: since(o.responseEnd),
      scripts: since(o.domContentLoaded),
      htmlBytes: o.htmlBytes,
    },
  };
}

/** One click from the current page onto `target`'s link; ms from the click to usable. */
async function clickOnce(page, portal, target, link, limits) {
  const spa = portal === "zenith";
  const expect = expectation(portal, target);
  // Zenith changes pages in the document (watch it now); Horizon loads a new one (it reads sessionStorage).
  await page.evaluate(
    ([e, inDocument]) => (inDocument ? window.__bench.arm(e) : window.__bench.prepare(e)),
    [expect, spa],
  );
  await link.click();
  await waitUsable(page, limits);
  const o = await page.evaluate(pageOutcome);
  if (!Number.isFinite(o.clickAt)) throw new Error("the click was not seen by the page");
  return {
    ms: o.usable - o.clickAt,
    frameMs: o.frame === null ? null : o.frame - o.clickAt,
    detail: o.detail,
    alerts: o.alerts,
  };
}

/**
 * Measures `targets` (`{ key, path, kind…, nav, list? }`) on one portal;
 * returns `{ [key]: { typed: [ms], click: [ms], error?, clickError? } }`
 * (warm-up excluded). `link(page, target)` finds the locator to click.
 */
export async function measurePortal({ page, portal, baseUrl, targets, runs, link, limits, log }) {
  const out = Object.fromEntries(
    targets.map((t) => [t.key, { typed: [], click: [], frames: [], phases: [] }]),
  );
  const failed = (key, what) => out[key][what === "typed" ? "error" : "clickError"];

  for (let round = 0; round < runs; round++) {
    for (const target of targets) {
      const r = out[target.key];
      if (r.error) continue;
      try {
        const m = await typedOnce(page, portal, baseUrl, target, limits);
        if (round > 0) {
          r.typed.push(m.ms);
          r.phases.push(m.phases);
        } else
          log(
            `  ${portal} ${target.key}: typed URL usable after ${Math.round(m.ms)} ms (warm-up; "${m.detail}")`,
          );
        r.detail ??= m.detail;
        r.alerts ??= m.alerts;
      } catch (err) {
        r.error = err.message.split("\n")[0];
        log(`  ${portal} ${target.key}: typed URL failed: ${r.error}`);
      }
    }
    log(`  ${portal}: typed URLs, round ${round + 1}/${runs} done`);
  }

  for (let round = 0; round < runs; round++) {
    for (const target of targets) {
      const r = out[target.key];
      if (r.error || failed(target.key, "click")) continue;
      try {
        // Detail pages are opened from their list's row: load the list first (not timed).
        if (target.list) {
          const list = { ...target, path: target.list, url: target.list, kind: "list", text: undefined };
          await typedOnce(page, portal, baseUrl, list, limits);
        }
        const locator = await link(page, target);
        if (!locator) {
          r.clickError = "no link to click on the page before it";
          continue;
        }
        const m = await clickOnce(page, portal, target, locator, limits);
        if (round > 0) r.click.push(m.ms);
        else log(`  ${portal} ${target.key}: click usable after ${Math.round(m.ms)} ms (warm-up)`);
      } catch (err) {
        r.clickError = err.message.split("\n")[0];
        log(`  ${portal} ${target.key}: click failed: ${r.clickError}`);
        // Start the next click from a page that loaded.
        await page.goto(`${baseUrl}${targets[0].path}`).catch(() => {});
      }
    }
    log(`  ${portal}: clicks, round ${round + 1}/${runs} done`);
  }
  return out;
}
