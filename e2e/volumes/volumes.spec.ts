import type { Page } from "@playwright/test";
import {
  ensureBootableImage,
  expectNoReload,
  INSTANCE_TIMEOUT,
  instanceRow,
  launchFromWizard,
  markDocument,
  rowAction,
  statusOf,
} from "../compute/compute-helpers";
import { expect, test, uniqueSuffix } from "../fixtures";

/**
 * A volume's life in the portal: create an empty volume, watch it become
 * available, extend it, snapshot it, attach it from an instance's actions,
 * see it on the instance and the instance on the volume, detach, delete.
 * Status changes arrive live (no reloads are needed to see them).
 */

test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const volumeName = `data-${suffix}`;
const snapshotName = `data-${suffix}-snap`;
const instanceName = `vol-${suffix}`;
const VOLUME_TIMEOUT = 60_000;

function volumesTable(page: Page) {
  return page.getByRole("table", { name: "Volumes", exact: true });
}

async function volumeRow(page: Page) {
  await page.goto("/project/volumes");
  await page.getByLabel("Filter volumes by name").fill(volumeName);
  return volumesTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: volumeName, exact: true }) });
}

test("create an empty volume; it becomes Available without a reload", async ({ adminPage: page }) => {
  await page.goto("/project/volumes");
  await markDocument(page);
  await page.getByRole("button", { name: "Create volume" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create volume" });
  await dialog.getByLabel("Name", { exact: true }).fill(volumeName);
  await dialog.getByLabel("Size (GiB)").fill("1");
  await dialog.getByRole("button", { name: "Create volume" }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel("Filter volumes by name").fill(volumeName);
  const row = volumesTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: volumeName, exact: true }) });
  await expect(row).toContainText("1 GiB");
  await expect(row).toContainText("Available", { timeout: VOLUME_TIMEOUT });
  await expectNoReload(page);
});

test("extend it to 2 GiB", async ({ adminPage: page }) => {
  const row = await volumeRow(page);
  await expect(row).toContainText("Available");
  await rowAction(page, volumeName, "Extend…");
  const dialog = page.getByRole("dialog", { name: `Extend ${volumeName}` });
  await dialog.getByLabel("New size (GiB)").fill("2");
  await dialog.getByRole("button", { name: "Extend" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("2 GiB", { timeout: VOLUME_TIMEOUT });
  await expect(row).toContainText("Available", { timeout: VOLUME_TIMEOUT });
});

test("snapshot it; the snapshot becomes available", async ({ adminPage: page }) => {
  await volumeRow(page);
  await rowAction(page, volumeName, "Create snapshot…");
  const dialog = page.getByRole("dialog", { name: `Create snapshot of ${volumeName}` });
  await dialog.getByLabel("Snapshot name").fill(snapshotName);
  await dialog.getByRole("button", { name: "Create snapshot" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("tab", { name: "Snapshots" }).click();
  const snapshot = page
    .getByRole("table", { name: "Volume snapshots" })
    .getByRole("row")
    .filter({ hasText: snapshotName });
  await expect(snapshot).toContainText("Available", { timeout: VOLUME_TIMEOUT });
});

test("attach it from the instance's actions; both sides show the attachment", async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  await ensureBootableImage(page);
  await launchFromWizard(page, { name: instanceName, flavor: "m1.tiny" });
  const row = await instanceRow(page, instanceName);
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });

  await rowAction(page, instanceName, "Attach volume…");
  const dialog = page.getByRole("dialog", { name: `Attach volume to ${instanceName}` });
  await dialog.getByLabel("Volume", { exact: true }).selectOption({ label: `${volumeName} (2 GiB)` });
  await dialog.getByRole("button", { name: "Attach", exact: true }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("link", { name: instanceName, exact: true }).click();
  await page.getByRole("tab", { name: "Volumes" }).click();
  const attached = page
    .getByRole("table", { name: "Attached volumes" })
    .getByRole("row")
    .filter({ hasText: volumeName });
  await expect(attached).toContainText("In use", { timeout: VOLUME_TIMEOUT });

  const volume = await volumeRow(page);
  await expect(volume).toContainText("In use", { timeout: VOLUME_TIMEOUT });
  await expect(volume.getByRole("link", { name: instanceName, exact: true })).toBeVisible();
  await volume.getByRole("link", { name: volumeName, exact: true }).click();
  await page.getByRole("tab", { name: "Attachments" }).click();
  await expect(page.getByRole("table", { name: "Attachments" })).toContainText(instanceName);
});

test("detach it from the instance; the volume is Available again", async ({ adminPage: page }) => {
  await page.goto("/project/instances");
  await instanceRow(page, instanceName);
  await page.getByRole("link", { name: instanceName, exact: true }).click();
  await page.getByRole("tab", { name: "Volumes" }).click();
  await page.getByRole("button", { name: `Detach ${volumeName}`, exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Detach volume?" });
  await confirm.getByRole("button", { name: "Detach" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("No volumes attached")).toBeVisible({ timeout: VOLUME_TIMEOUT });
  const row = await volumeRow(page);
  await expect(row).toContainText("Available", { timeout: VOLUME_TIMEOUT });
});

test("delete it (typing its name), snapshots included, and the instance", async ({ adminPage: page }) => {
  const row = await volumeRow(page);
  await rowAction(page, volumeName, "Delete…");
  const dialog = page.getByRole("dialog", { name: `Delete volume ${volumeName}?` });
  const confirm = dialog.getByRole("button", { name: "Delete volume" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Volume name").fill(volumeName);
  await dialog.getByLabel("Delete its snapshots too").check();
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0, { timeout: VOLUME_TIMEOUT });

  await page.goto("/project/instances");
  await instanceRow(page, instanceName);
  await rowAction(page, instanceName, "Delete…");
  const del = page.getByRole("dialog", { name: /^Delete/ });
  await del.getByRole("button", { name: /^Delete/ }).click();
  await expect(del).toBeHidden();
});

test("launch from 'Image (new volume)': the instance boots from a volume deleted with it", async ({
  adminPage: page,
}) => {
  test.setTimeout(180_000);
  const bfvName = `bfv-${suffix}`;
  await page.goto("/project/instances/launch");
  await page.getByRole("form", { name: "Details" }).getByLabel("Instance name").fill(bfvName);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Image or snapshot").selectOption({ index: 1 });
  await page.getByRole("radio", { name: /^Image \(new volume\)/ }).check();
  await page.getByLabel("Volume size (GiB)").fill("1");
  await expect(page.getByLabel("Delete the volume when the instance is deleted")).toBeChecked();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("radio", { name: "m1.tiny", exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page
    .getByRole("form", { name: "Networks" })
    .getByLabel(/^Launch without a network/)
    .check();
  for (const step of ["Networks", "Key pair", "Configuration"]) {
    await expect(page.getByRole("form", { name: step })).toBeVisible();
    await page.getByRole("button", { name: "Next" }).click();
  }
  await expect(page.getByRole("definition").filter({ hasText: "new 1 GiB volume" })).toBeVisible();
  await page.getByRole("button", { name: "Launch", exact: true }).click();
  await expect(page).toHaveURL(/\/project\/instances$/);

  const row = await instanceRow(page, bfvName);
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
  await page.getByRole("link", { name: bfvName, exact: true }).click();
  await page.getByRole("tab", { name: "Volumes" }).click();
  const root = page.getByRole("table", { name: "Attached volumes" }).getByRole("row").nth(1);
  await expect(root).toContainText("In use", { timeout: VOLUME_TIMEOUT });
  await expect(root).toContainText("1 GiB");
  const volumeName = ((await root.getByRole("link").textContent()) ?? "").trim();

  await page.goto("/project/instances");
  await instanceRow(page, bfvName);
  await rowAction(page, bfvName, "Delete…");
  const del = page.getByRole("dialog", { name: /^Delete/ });
  await del.getByRole("button", { name: /^Delete/ }).click();
  await expect(del).toBeHidden();
  await page.goto("/project/volumes");
  await page.getByLabel("Filter volumes by name").fill(volumeName);
  await expect(
    volumesTable(page)
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: volumeName, exact: true }) }),
  ).toHaveCount(0, { timeout: VOLUME_TIMEOUT });
});
