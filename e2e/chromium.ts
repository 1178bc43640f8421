/**
 * Debian's Chromium and the flags every browser run here uses (headless,
 * offline): Playwright's own browser download is unavailable on these
 * machines. Shared by the e2e and tour configs and the real-OpenStack portal
 * test; the benches keep a plain-JS copy (bench/lib/chromium.mjs, which says so).
 */
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
