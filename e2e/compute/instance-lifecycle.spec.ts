import { ADMIN_USERNAME, adminPassword, expect, logIn, test, uniqueSuffix } from "../fixtures";
import {
  ensureBootableImage,
  expectNoReload,
  INSTANCE_TIMEOUT,
  imageRow,
  instanceRow,
  instancesTable,
  launchFromWizard,
  markDocument,
  rowAction,
  statusOf,
} from "./compute-helpers";

test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const instanceName = `web-${suffix}`;
const snapshotName = `web-${suffix}-snap`;

test("launch an instance from the wizard; it turns Active without a reload", async ({ adminPage: page }) => {
  test.setTimeout(120_000);
  await ensureBootableImage(page);
  await launchFromWizard(page, { name: instanceName, flavor: "m1.tiny" });
  await markDocument(page);

  const row = await instanceRow(page, instanceName);
  await expect(row).toBeVisible();
  await expect(row).toContainText("m1.tiny");
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
  await expectNoReload(page);
});

test("reboot it: Reboot, then Active again", async ({ adminPage: page }) => {
  await page.goto("/project/instances");
  const row = await instanceRow(page, instanceName);
  await expect(statusOf(row)).toHaveText("Active");
  await markDocument(page);

  await rowAction(page, instanceName, "Reboot…");
  const dialog = page.getByRole("dialog", { name: "Reboot instance" });
  await expect(dialog.getByRole("listitem")).toHaveText([instanceName]);
  await dialog.getByRole("button", { name: "Reboot instance" }).click();
  await expect(dialog).toBeHidden();

  await expect(statusOf(row)).toContainText(/Reboot/, { timeout: INSTANCE_TIMEOUT });
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
  await expectNoReload(page);
});

test("create a snapshot: it appears in Images and becomes active", async ({ adminPage: page }) => {
  await page.goto("/project/instances");
  await instanceRow(page, instanceName);
  await rowAction(page, instanceName, "Create snapshot…");
  const dialog = page.getByRole("dialog", { name: `Create snapshot of ${instanceName}` });
  await dialog.getByLabel("Snapshot name").fill(snapshotName);
  await dialog.getByRole("button", { name: "Create snapshot" }).click();
  await expect(dialog).toBeHidden();

  await page.goto("/project/images");
  await page.getByLabel("Filter images by name").fill(snapshotName);
  const image = imageRow(page, snapshotName);
  await expect(image).toBeVisible();
  await expect(image).toContainText("Active", { timeout: INSTANCE_TIMEOUT });
});

test("resize to m1.small, then confirm", async ({ adminPage: page }) => {
  await page.goto("/project/instances");
  const row = await instanceRow(page, instanceName);
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });

  await rowAction(page, instanceName, "Resize…");
  const dialog = page.getByRole("dialog", { name: `Resize ${instanceName}` });
  const flavors = dialog.getByLabel("New flavor");
  const small = await flavors.locator("option", { hasText: /^m1\.small\b/ }).getAttribute("value");
  await flavors.selectOption(small ?? "");
  await dialog.getByRole("button", { name: "Resize" }).click();
  await expect(dialog).toBeHidden();

  await expect(statusOf(row)).toHaveText("Verify resize", { timeout: INSTANCE_TIMEOUT });
  await rowAction(page, instanceName, "Confirm resize");
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
  await expect(row).toContainText("m1.small");
});

test("pause it: the menu offers Unpause, and Stop says why it is not available", async ({
  adminPage: page,
}) => {
  await page.goto("/project/instances");
  const row = await instanceRow(page, instanceName);
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
  await rowAction(page, instanceName, "Pause");
  await expect(statusOf(row)).toHaveText("Paused", { timeout: INSTANCE_TIMEOUT });

  // Nova refuses stop on a paused server (409): the portal does not offer it.
  await page.getByRole("button", { name: `Actions for ${instanceName}`, exact: true }).click();
  const menu = page.getByRole("menu", { name: `Actions for ${instanceName}` });
  const stop = menu.getByRole("menuitem", { name: /^Stop…/ });
  await expect(stop).toHaveAttribute("aria-disabled", "true");
  await expect(stop).toContainText("Not available while Paused");
  await expect(menu.getByRole("menuitem", { name: "Unpause", exact: true })).not.toHaveAttribute(
    "aria-disabled",
    "true",
  );
  await menu.getByRole("menuitem", { name: "Unpause", exact: true }).click();
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
});

test("delete it: the row disappears", async ({ adminPage: page }) => {
  await page.goto("/project/instances");
  const row = await instanceRow(page, instanceName);
  await expect(row).toBeVisible();
  await markDocument(page);

  await rowAction(page, instanceName, "Delete…");
  const dialog = page.getByRole("dialog", { name: "Delete instance" });
  await expect(dialog.getByRole("listitem")).toHaveText([instanceName]);
  await dialog.getByRole("button", { name: "Delete instance" }).click();
  await expect(dialog).toBeHidden();

  await expect(row).toHaveCount(0, { timeout: INSTANCE_TIMEOUT });
  await expect(instancesTable(page)).toBeVisible();
  await expectNoReload(page);
});

test.afterAll(async ({ browser }) => {
  // Best effort: remove the snapshot so repeated runs do not pile images up.
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await logIn(page, ADMIN_USERNAME, adminPassword());
    await page.goto("/project/images");
    await page.getByLabel("Filter images by name").fill(snapshotName);
    const remove = page.getByRole("button", { name: `Delete ${snapshotName}` });
    const present = await remove.waitFor({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (present) {
      await remove.click();
      await page
        .getByRole("dialog", { name: "Delete image" })
        .getByRole("button", { name: "Delete image" })
        .click();
    }
  } finally {
    await context.close();
  }
});
