// What the page-speed bench runs inside the browser. One init script
// (context.addInitScript) serves both portals: it watches for the moment
// the page the bench expects becomes *usable* by the criterion of its kind
// (bench/lib/pages/criteria.mjs) and records it as epoch milliseconds
// (performance.timeOrigin + performance.now(), one clock for every
// document of the browser).
//
// Zenith's pages are React: "usable" needs the defining element to be
// hydrated (React has attached its props to the DOM node, so a click on it
// or on a control beside it is handled). Hydration mutates no DOM, so the
// probe also listens to React's commits through the DevTools hook (the
// global React looks for at start), besides DOM mutations and frames.
//
// What the bench expects is kept in sessionStorage, so a full page load
// (a typed URL anywhere, a click in Horizon) finds it in the new document;
// the click's time is stored there too by a capturing listener.

/** Installed before any page script in every document. */
export function installPageProbe() {
  const KEY = "__benchExpect";
  const CLICK = "__benchClickAt";
  const now = () => performance.timeOrigin + performance.now();
  const bench = { usable: null, frame: null, detail: null, expect: null, old: new WeakSet() };
  window.__bench = bench;

  addEventListener(
    "click",
    (event) => {
      if (!(event.target instanceof Element) || !event.target.closest("a[href]")) return;
      sessionStorage.setItem(CLICK, String(performance.timeOrigin + event.timeStamp));
    },
    { capture: true },
  );

  const reactOwned = (el) => {
    for (const key in el) if (key.startsWith("__reactProps$")) return true;
    return false;
  };
  const visible = (el) => (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0);
  const DATA_ROW = "tbody > tr:not([aria-hidden]):not(.empty)";

  /** The page's defining element when it is there (null otherwise); see criteria.mjs for the kinds. */
  function defining(expect) {
    const main = document.querySelector(expect.root) ?? document.body;
    if (!main) return null;
    switch (expect.kind) {
      case "list": {
        const table = main.querySelector(expect.table ?? "table");
        if (!table) return null;
        for (const row of table.querySelectorAll(DATA_ROW)) {
          const cell = row.querySelector("td:not([colspan])");
          // Horizon's client-side (AngularJS) tables hold `{$ … $}` templates until compiled.
          if (cell && !row.textContent.includes("{$")) return row;
        }
        return null;
      }
      case "heading": {
        const h1 = main.querySelector(expect.heading ?? "h1");
        if (!h1 || (expect.text && !h1.textContent.includes(expect.text))) return null;
        return h1;
      }
      case "settled": {
        const h1 = main.querySelector(expect.heading ?? "h1");
        if (!h1) return null;
        if (main.querySelector('[aria-busy="true"], .animate-pulse')) return null;
        return h1;
      }
      case "selector":
        return main.querySelector(expect.selector);
      default:
        return null;
    }
  }

  function check() {
    const expect = bench.expect;
    if (!expect || bench.usable !== null) return;
    const bare = (p) => p.replace(/\/+$/, "") || "/";
    if (bare(location.pathname) !== bare(expect.path)) return;
    // Horizon renders on the server: its pages are usable once their scripts ran (DOMContentLoaded).
    if (expect.portal === "horizon" && document.readyState === "loading") return;
    const el = defining(expect);
    if (!el || bench.old.has(el) || !visible(el)) return;
    if (expect.portal === "zenith" && !reactOwned(el)) return;
    bench.usable = now();
    bench.detail = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 80);
    sessionStorage.removeItem(KEY);
    requestAnimationFrame(() => {
      bench.frame = now();
    });
  }

  /** Starts watching for `expect`; elements that already match (the page being left) do not count. */
  bench.arm = (expect) => {
    bench.usable = null;
    bench.frame = null;
    bench.detail = null;
    bench.old = new WeakSet();
    const main = document.querySelector(expect.root) ?? document.body;
    if (main) for (const el of main.querySelectorAll("*")) bench.old.add(el);
    bench.expect = expect;
    sessionStorage.setItem(KEY, JSON.stringify(expect));
    sessionStorage.removeItem(CLICK);
    tick();
  };
  /** For a measure that loads a new document (typed URL, Horizon's clicks): only that document watches. */
  bench.prepare = (expect) => {
    bench.expect = null;
    sessionStorage.setItem(KEY, JSON.stringify(expect));
    sessionStorage.removeItem(CLICK);
  };
  bench.clickAt = () => Number(sessionStorage.getItem(CLICK) ?? Number.NaN);

  const stored = sessionStorage.getItem(KEY);
  if (stored) bench.expect = JSON.parse(stored);

  // React calls these when it finds a DevTools hook; only onCommitFiberRoot matters here.
  if (!window.__REACT_DEVTOOLS_GLOBAL_HOOK__) {
    let id = 0;
    window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject(renderer) {
        id += 1;
        this.renderers.set(id, renderer);
        return id;
      },
      checkDCE() {},
      onScheduleFiberRoot() {},
      onCommitFiberRoot() {
        check();
      },
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
    };
  }
  const start = () => {
    new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true });
  };
  if (document.documentElement) start();
  else addEventListener("readystatechange", start, { once: true });
  addEventListener("DOMContentLoaded", check);
  // A safety net for changes that neither commit nor mutate (style, layout): once a frame.
  function tick() {
    check();
    if (bench.usable === null && bench.expect) requestAnimationFrame(tick);
  }
  if (bench.expect) requestAnimationFrame(tick);
}

/** The last outcome: usable time and first frame after it (epoch ms), and when the click came. */
export function pageOutcome() {
  const b = window.__bench;
  const nav = performance.getEntriesByType("navigation")[0];
  // Errors the page shows beside its content (Horizon's "Unable to retrieve …" messages, Zenith's alerts).
  const alerts = [...document.querySelectorAll('main [role="alert"], .alert-danger, .alert-error')]
    .map((a) => (a.textContent ?? "").trim().replace(/\s+/g, " "))
    .filter(Boolean)
    .join(" | ")
    .slice(0, 400);
  const reached = (t) => (t ? performance.timeOrigin + t : null);
  return {
    alerts: alerts || null,
    usable: b.usable,
    frame: b.frame,
    detail: b.detail,
    clickAt: b.clickAt(),
    timeOrigin: performance.timeOrigin,
    // Each null when the document has not got there yet (the timing reads 0): a page can be
    // usable while the server still streams the rest of its document.
    domContentLoaded: reached(nav?.domContentLoadedEventEnd),
    responseStart: reached(nav?.responseStart),
    responseEnd: reached(nav?.responseEnd),
    // The document's HTML as decoded (streamed rows and the RSC payload it carries included).
    htmlBytes: nav?.responseEnd ? nav.decodedBodySize : null,
  };
}
