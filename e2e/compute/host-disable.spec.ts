import type { Page } from "@playwright/test";
import { ADMIN_USERNAME, adminPassword, expect, logIn, test, uniqueSuffix } from "../fixtures";
import { computeHostCount, ensureBootableImage, INSTANCE_TIMEOUT, launchFromWizard } from "./compute-helpers";

test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const instanceName = `avoid-${suffix}`;
let disabledHost = "";

function servicesTable(page: Page) {
  return page.getByRole("table", { name: "Compute services" });
}

test("the stack runs the expected compute hosts", async ({ adminPage: page }) => {
  await page.goto("/admin/compute-services");
  await expect(servicesTable(page).getByRole("row").filter({ hasText: "nova-compute" })).toHaveCount(
    computeHostCount(),
  );
});

test("admin disables a compute service, giving a reason", async ({ adminPage: page }) => {
  await page.goto("/admin/compute-services");
  const firstEnabled = servicesTable(page).getByRole("row").filter({ hasText: "Enabled" }).first();
  disabledHost = (await firstEnabled.getByRole("cell").first().textContent())?.trim() ?? "";
  expect(disabledHost).not.toBe("");

  await page.getByRole("button", { name: `Disable ${disabledHost}`, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Disable ${disabledHost}` });
  await dialog.getByRole("button", { name: "Disable service" }).click();
  await expect(dialog.getByText("Say why the service is disabled")).toBeVisible();
  await dialog.getByLabel("Reason").fill(`e2e maintenance ${suffix}`);
  await dialog.getByRole("button", { name: "Disable service" }).click();
  await expect(dialog).toBeHidden();

  const row = servicesTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: disabledHost, exact: true }) });
  await expect(row).toContainText("Disabled");
  await expect(row).toContainText(`e2e maintenance ${suffix}`);
});

test("a launch then avoids the disabled host", async ({ adminPage: page }) => {
  test.setTimeout(150_000);
  const count = computeHostCount();
  await ensureBootableImage(page);
  await launchFromWizard(page, { name: instanceName, flavor: "m1.tiny", count });

  await page.goto("/admin/instances");
  await page.getByLabel("Filter all instances by name").fill(instanceName);
  const rows = page
    .getByRole("table", { name: "All instances" })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: instanceName }) });
  await expect(rows).toHaveCount(count, { timeout: INSTANCE_TIMEOUT });
  for (const row of await rows.all()) {
    await expect(row.locator("[data-status]")).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
    // Columns: select, name, project, host, …
    const host = (await row.getByRole("cell").nth(3).textContent())?.trim();
    expect(host).toBeTruthy();
    expect(host).not.toBe(disabledHost);
  }
});

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await logIn(page, ADMIN_USERNAME, adminPassword());
    // Delete what the test launched (if it got that far).
    await page.goto("/project/instances");
    await page.getByLabel("Filter instances by name").fill(instanceName);
    const rows = page
      .getByRole("table", { name: "Instances" })
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: instanceName }) });
    const launched = await rows
      .first()
      .waitFor({ timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    if (launched) {
      await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
      await page
        .getByRole("toolbar", { name: "Bulk actions" })
        .getByRole("button", { name: /^Delete/ })
        .click();
      await page
        .getByRole("dialog")
        .getByRole("button", { name: /^Delete/ })
        .click();
      await expect(rows).toHaveCount(0, { timeout: INSTANCE_TIMEOUT });
    }
  } finally {
    // Put the host back into scheduling, whatever happened above.
    if (disabledHost) {
      await page.goto("/admin/compute-services");
      await page.getByRole("button", { name: `Enable ${disabledHost}`, exact: true }).click();
      await expect(page.getByRole("button", { name: `Disable ${disabledHost}`, exact: true })).toBeVisible();
    }
    await context.close();
  }
});
