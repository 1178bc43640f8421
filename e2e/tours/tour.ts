import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import type { Page, ViewportSize } from "@playwright/test";
import { test as base } from "../fixtures";
import { installCaptionOverlay, showCaption } from "./caption-overlay";
import { type TourStepRecord, writeIndex, writeTourReport } from "./tour-report";

export { expect } from "../fixtures";

/**
 * A tour is one Playwright test on one page (the `tourPage` fixture) made of
 * captioned steps (`step`). The fixture records the video when asked, and
 * when the test ends, passed or failed, writes the tour's HTML page and the
 * top-level index (tour-report.ts). Settings come from the environment,
 * which `npm run demo` (scripts/demo.mjs) and `npm test` set.
 */

export interface TourInfo {
  /** The tour's folder under the output root, and what `--tour` names. */
  name: string;
  title: string;
  summary: string;
}

/** Large enough for the topology diagram and the admin overview without scrolling. */
export const TOUR_VIEWPORT: ViewportSize = { width: 1440, height: 900 };

const DEFAULT_OUTPUT = fileURLToPath(new URL("../../demo-output", import.meta.url));

interface TourSettings {
  outputRoot: string;
  video: boolean;
  /** How long a caption shows before its action runs (0: fast mode). */
  pauseMs: number;
}

function tourSettings(): TourSettings {
  const pause = Number(process.env.ZENITH_TOUR_PAUSE_MS ?? "0");
  if (!Number.isInteger(pause) || pause < 0 || pause > 60_000) {
    throw new Error(
      `ZENITH_TOUR_PAUSE_MS must be a whole number of milliseconds up to 60000 (got "${process.env.ZENITH_TOUR_PAUSE_MS}")`,
    );
  }
  return {
    outputRoot: process.env.ZENITH_TOUR_OUTPUT || DEFAULT_OUTPUT,
    video: process.env.ZENITH_TOUR_VIDEO === "1",
    pauseMs: pause,
  };
}

interface TourRun {
  dir: string;
  pauseMs: number;
  steps: TourStepRecord[];
}

/** Each tour page's run, so `step(page, …)` needs nothing but the page. */
const runs = new WeakMap<Page, TourRun>();

export const test = base.extend<{ tour: TourInfo | undefined; tourPage: Page }>({
  tour: [undefined, { option: true }],
  tourPage: async ({ browser, baseURL, tour }, use, testInfo) => {
    if (!tour) throw new Error("Name the tour first: test.use({ tour: { name, title, summary } })");
    const settings = tourSettings();
    const dir = join(settings.outputRoot, tour.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const context = await browser.newContext({
      baseURL,
      viewport: TOUR_VIEWPORT,
      acceptDownloads: true,
      ...(settings.video ? { recordVideo: { dir, size: TOUR_VIEWPORT } } : {}),
    });
    await installCaptionOverlay(context);
    const page = await context.newPage();
    // On the portal's origin before the first caption, so captions can survive navigations from step 1.
    await page.goto("/login");
    const run: TourRun = { dir, pauseMs: settings.pauseMs, steps: [] };
    runs.set(page, run);
    const startedAt = new Date();
    try {
      await use(page);
    } finally {
      const video = page.video();
      await context.close();
      let videoFile: string | null = null;
      if (video) {
        videoFile = "tour.webm";
        await video.saveAs(join(dir, videoFile));
        await video.delete();
      }
      const passed =
        testInfo.status === testInfo.expectedStatus && run.steps.every((s) => s.status === "passed");
      writeTourReport(dir, {
        ...tour,
        status: passed ? "passed" : "failed",
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        video: videoFile,
        steps: run.steps,
      });
      writeIndex(settings.outputRoot);
    }
  },
});

/** A Playwright error's first lines, without its terminal colours. */
function shortError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return stripVTControlCharacters(text).split("\n").slice(0, 6).join("\n");
}

/**
 * One step of a tour: shows `caption` on screen, runs `action`, takes the
 * step's screenshot (also when the action failed, which fails the tour) and
 * records the step for the tour's page. The pauses exist only to give a live
 * audience time to read; fast mode (pause 0) has none.
 */
export async function step(page: Page, caption: string, action: () => Promise<void>): Promise<void> {
  const run = runs.get(page);
  if (!run) throw new Error("step() takes the page of the tourPage fixture");
  const number = run.steps.length + 1;
  const record: TourStepRecord = { number, caption, screenshot: null, status: "failed" };
  run.steps.push(record);
  await test.step(caption, async () => {
    const shown = `${number} · ${caption}`;
    await showCaption(page, shown);
    if (run.pauseMs > 0) await page.waitForTimeout(run.pauseMs);
    try {
      await action();
      record.status = "passed";
    } catch (err) {
      record.error = shortError(err);
      throw err;
    } finally {
      const file = `step-${String(number).padStart(2, "0")}.png`;
      try {
        // Again: a client-side render or a navigation may have dropped the box.
        await showCaption(page, shown);
        await page.screenshot({ path: join(run.dir, file) });
        record.screenshot = file;
      } catch {
        // A closed or crashed page has no screenshot to give; the step's error says why.
      }
    }
    if (run.pauseMs > 0) await page.waitForTimeout(Math.round(run.pauseMs / 2));
  });
}
