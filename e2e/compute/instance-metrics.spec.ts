import type { Locator, Page } from "@playwright/test";
import { expect, test, uniqueSuffix } from "../fixtures";
import {
  ensureBootableImage,
  INSTANCE_TIMEOUT,
  instanceRow,
  launchFromWizard,
  statusOf,
} from "./compute-helpers";

/**
 * An instance's Metrics tab on a fake host: the host samples its guests
 * every 10 s, the control plane stores them behind its Gnocchi API, and the
 * BFF turns them into chart series and pushes new points. The CPU chart
 * draws a line, its table lists the same values, ranges switch, and the
 * dark theme colours the line with the dark palette.
 */

test.describe.configure({ mode: "serial" });

const instanceName = `metrics-${uniqueSuffix()}`;
/** A CPU rate needs two samples, 10 s apart; allow a few intervals more. */
const SAMPLES_TIMEOUT = 90_000;

function chart(page: Page, title: string): Locator {
  return page.locator(`section[data-chart="${title}"]`);
}

/** The chart's line, once it has at least two points (a path with a line or curve after its move-to). */
function drawnLine(section: Locator): Locator {
  return section.locator("path.recharts-line-curve").filter({ visible: true });
}

async function expectDrawn(section: Locator, timeout = 10_000): Promise<void> {
  await expect(drawnLine(section).first()).toHaveAttribute("d", /^M[^M]+[LC]/, { timeout });
}

async function openMetrics(page: Page): Promise<void> {
  await page.goto("/project/instances");
  const row = await instanceRow(page, instanceName);
  await row.getByRole("link", { name: instanceName, exact: true }).click();
  await page.getByRole("tab", { name: "Metrics" }).click();
  await expect(page.getByRole("tab", { name: "Metrics" })).toHaveAttribute("aria-selected", "true");
}

test("launch an instance on a fake host", async ({ adminPage: page }) => {
  test.setTimeout(120_000);
  await ensureBootableImage(page);
  await launchFromWizard(page, { name: instanceName, flavor: "m1.tiny" });
  const row = await instanceRow(page, instanceName);
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
});

test("the Metrics tab draws the CPU chart and lists its values as a table", async ({ adminPage: page }) => {
  test.setTimeout(SAMPLES_TIMEOUT + 60_000);
  const seriesReads: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("metrics.instanceSeries")) seriesReads.push(r.url());
  });
  await openMetrics(page);
  const cpu = chart(page, "CPU");
  await expect(cpu.getByRole("heading", { name: "CPU" })).toBeVisible();
  for (const title of ["Memory", "Disk", "Network"]) {
    await expect(chart(page, title).getByRole("heading", { name: title })).toBeVisible();
  }
  await expectDrawn(cpu, SAMPLES_TIMEOUT);
  await expectDrawn(chart(page, "Memory"));

  await cpu.getByRole("button", { name: "Table" }).click();
  await expect(cpu.getByRole("button", { name: "Table" })).toHaveAttribute("aria-pressed", "true");
  const table = cpu.getByRole("table", { name: "CPU" });
  await expect(table.getByRole("columnheader", { name: "Time" })).toBeVisible();
  const newest = table.getByRole("row").nth(1).getByRole("cell");
  await expect(newest.nth(1)).toHaveText(/^\d+(\.\d)? %$/);
  expect(await table.getByRole("row").count()).toBeGreaterThan(2);

  // The host's next samples are pushed into the open tab: a newer row comes, and the range is not read again.
  const before = await newest.first().textContent();
  await expect(newest.first()).not.toHaveText(before ?? "", { timeout: 40_000 });
  expect(seriesReads).toHaveLength(1);

  // Back to the picture.
  await cpu.getByRole("button", { name: "Table" }).click();
  await expectDrawn(cpu);
});

test("ranges switch the granularity the series are read at", async ({ adminPage: page }) => {
  test.setTimeout(SAMPLES_TIMEOUT);
  await openMetrics(page);
  const ranges = page.getByRole("group", { name: "Time range" });
  await expect(page.getByText("Live · one point every 10 s")).toBeVisible();

  await ranges.getByRole("button", { name: "24 h" }).click();
  await expect(ranges.getByRole("button", { name: "24 h" })).toHaveAttribute("aria-pressed", "true");
  await expect(ranges.getByRole("button", { name: "1 h" })).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByText("Live · one point every 60 s")).toBeVisible();

  await ranges.getByRole("button", { name: "7 d" }).click();
  await expect(page.getByText("Live · one point every hour")).toBeVisible();

  await ranges.getByRole("button", { name: "1 h" }).click();
  await expect(page.getByText("Live · one point every 10 s")).toBeVisible();
  await expectDrawn(chart(page, "CPU"), SAMPLES_TIMEOUT);
});

test("the dark theme draws the chart with the dark palette", async ({ adminPage: page }) => {
  test.setTimeout(SAMPLES_TIMEOUT);
  await page.goto("/project");
  await page.evaluate(() => window.localStorage.setItem("zenith-theme", "dark"));
  await openMetrics(page);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expectDrawn(chart(page, "CPU"), SAMPLES_TIMEOUT);
  // --accent of the dark theme (#7fa4ff); the light one is #2454c5.
  await expect(drawnLine(chart(page, "CPU")).first()).toHaveCSS("stroke", "rgb(127, 164, 255)");
  const surface = await chart(page, "CPU").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(surface).toBe("rgb(23, 27, 33)");
});
