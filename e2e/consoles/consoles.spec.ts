import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { instanceRow, launchFromWizard, rowAction, statusOf } from "../compute/compute-helpers";
import { expect, test, uniqueSuffix } from "../fixtures";

/**
 * A real QEMU guest (zenith-tiny, on the stack's QEMU host) from the portal:
 * serial console typing, the graphic console's screen, the live console log
 * across a hard reboot, and no QEMU process left after delete.
 */
test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const name = `tiny-${suffix}`;
const marker = `zenith-${suffix}`;
/** A guest under TCG boots in seconds; scheduling and the image copy add a little. */
const BOOT_TIMEOUT = 90_000;
let instanceId = "";

function guestProcesses(uuid: string): string[] {
  try {
    return execFileSync("pgrep", ["-af", `qemu-system.*${uuid}`], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function openDetail(page: Page): Promise<void> {
  await page.goto(`/project/instances/${instanceId}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test("launch zenith-tiny from the wizard; it becomes Active on a QEMU host", async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  await launchFromWizard(page, { name, flavor: "m1.tiny", image: "zenith-tiny" });
  const row = await instanceRow(page, name);
  await expect(statusOf(row)).toHaveText("Active", { timeout: BOOT_TIMEOUT });
  await row.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/project\/instances\/[0-9a-f-]{36}$/);
  instanceId = page.url().split("/").at(-1) ?? "";
  expect(guestProcesses(instanceId)).toHaveLength(1);
});

test("the serial console: type a command and see the guest print its output", async ({ adminPage: page }) => {
  test.setTimeout(120_000);
  await openDetail(page);
  await page.getByRole("tab", { name: "Console", exact: true }).click();
  const terminal = page.getByTestId("serial-console");
  await expect(page.getByTestId("console-status")).toHaveText("Connected", { timeout: 30_000 });
  // The guest may still be booting: press Enter until its shell prompt answers.
  await expect(async () => {
    await terminal.click();
    await page.keyboard.press("Enter");
    await expect(terminal).toContainText(`root@${name}`, { timeout: 2_000 });
  }).toPass({ timeout: BOOT_TIMEOUT });
  await page.keyboard.type(`echo ${marker} | tr a-z A-Z`);
  await page.keyboard.press("Enter");
  // Only the guest's shell can have upper-cased it: the typed line is lower case.
  await expect(terminal).toContainText(marker.toUpperCase(), { timeout: 20_000 });
});

test("the graphic console draws the guest's screen", async ({ adminPage: page }) => {
  await openDetail(page);
  await page.getByRole("tab", { name: "Graphic console", exact: true }).click();
  await expect(page.getByTestId("console-status")).toHaveText("Connected", { timeout: 30_000 });
  const canvas = page.getByTestId("graphic-console").locator("canvas");
  await expect(canvas).toBeVisible();
  // Not blank: the framebuffer has more than one colour once the first update arrived.
  await expect(async () => {
    const colours = await canvas.evaluate((el) => {
      const c = el as HTMLCanvasElement;
      const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      const seen = new Set<number>();
      for (let i = 0; i < data.length && seen.size < 3; i += 4 * 97) {
        seen.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
      }
      return seen.size;
    });
    expect(colours).toBeGreaterThan(1);
  }).toPass({ timeout: 30_000 });
});

test("hard reboot: the live console log shows the boot banner again", async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  await openDetail(page);
  await page.getByRole("tab", { name: "Console log", exact: true }).click();
  await page.getByLabel(/^Follow/).check();
  const log = page.getByRole("log", { name: "Console log" });
  const banners = async () => ((await log.textContent()) ?? "").split("Welcome to Zenith tiny").length - 1;
  await expect.poll(banners, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  const before = await banners();

  await page.goto("/project/instances");
  await instanceRow(page, name);
  await rowAction(page, name, "Hard reboot…");
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /Hard reboot/ })
    .click();
  const row = await instanceRow(page, name);
  await expect(statusOf(row)).toHaveText("Active", { timeout: BOOT_TIMEOUT });

  await openDetail(page);
  await page.getByRole("tab", { name: "Console log", exact: true }).click();
  await page.getByLabel(/^Follow/).check();
  await expect.poll(banners, { timeout: BOOT_TIMEOUT }).toBeGreaterThan(before);
});

test("delete it: the row goes and no QEMU process is left", async ({ adminPage: page }) => {
  test.setTimeout(120_000);
  await page.goto("/project/instances");
  await instanceRow(page, name);
  await rowAction(page, name, "Delete…");
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /Delete/ })
    .click();
  await expect(await instanceRow(page, name)).toHaveCount(0, { timeout: BOOT_TIMEOUT });
  await expect.poll(() => guestProcesses(instanceId).length, { timeout: 30_000 }).toBe(0);
});
