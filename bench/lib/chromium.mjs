/** Debian's Chromium with the e2e suite's flags, for the browser benches: a plain-JS copy of e2e/chromium.ts (keep them equal). */
export const CHROMIUM = process.env.ZENITH_E2E_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
