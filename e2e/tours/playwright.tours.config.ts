import { defineConfig } from "@playwright/test";
import e2e from "../playwright.config";

/**
 * The demo tours' runner: the e2e config (Debian's Chromium, base URL,
 * one worker) with the tour files instead of the specs, and the pace
 * `npm run demo` asks for through the environment (scripts/demo.mjs):
 * ZENITH_TOUR_HEADED=1 opens a window, ZENITH_TOUR_SLOW_MO slows every action.
 */

const headed = process.env.ZENITH_TOUR_HEADED === "1";
const slowMo = Number(process.env.ZENITH_TOUR_SLOW_MO ?? "0");
if (!Number.isInteger(slowMo) || slowMo < 0 || slowMo > 10_000) {
  throw new Error(
    `ZENITH_TOUR_SLOW_MO must be a whole number of milliseconds up to 10000 (got "${process.env.ZENITH_TOUR_SLOW_MO}")`,
  );
}
const launchOptions = e2e.use?.launchOptions ?? {};
const args = (launchOptions.args ?? []).filter((arg) => !(headed && arg === "--headless"));

export default defineConfig({
  ...e2e,
  testDir: ".",
  testMatch: "*.tour.ts",
  // A paced tour for an audience takes minutes; in fast mode each stays well under two.
  timeout: slowMo > 0 || headed ? 900_000 : 240_000,
  outputDir: "../test-results/tours",
  use: {
    ...e2e.use,
    headless: !headed,
    launchOptions: { ...launchOptions, args, slowMo },
  },
});
