import type { Locator, Page } from "@playwright/test";
import {
  ensureBootableImage,
  expectNoReload,
  INSTANCE_TIMEOUT,
  instanceRow,
  instancesTable,
  launchFromWizard,
  markDocument,
  rowAction,
  statusOf,
} from "../compute/compute-helpers";
import { DEMO_USERNAME, demoPassword, expect, logIn, test, uniqueSuffix } from "../fixtures";
import { filterTable } from "./network-helpers";

test.describe.configure({ mode: "serial" });

// demo's `private` network has router1 to `public`, so its instances can take a floating IP.
const instanceName = `fip-vm-${uniqueSuffix()}`;
let floatingIp = "";
let fixedIp = "";

const IP = String.raw`\d+\.\d+\.\d+\.\d+`;

async function demoPage(newPage: () => Promise<Page>): Promise<Page> {
  const page = await newPage();
  await logIn(page, DEMO_USERNAME, demoPassword());
  return page;
}

/** The floating IP's row (its address cell, so "Nothing matches …" never counts), the table filtered first. */
async function floatingIpRow(page: Page, address: string): Promise<Locator> {
  await filterTable(page, "Floating IPs", address);
  return page
    .getByRole("table", { name: "Floating IPs", exact: true })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: address, exact: true }) });
}

test("demo launches an instance on its private network", async ({ newPage }) => {
  test.setTimeout(120_000);
  const page = await demoPage(newPage);
  await ensureBootableImage(page);
  await launchFromWizard(page, { name: instanceName, flavor: "m1.tiny", network: "private" });
  const row = await instanceRow(page, instanceName);
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
  await expect(row).toContainText(/10\.0\.0\.\d+/);
  fixedIp = /10\.0\.0\.\d+/.exec((await row.textContent()) ?? "")?.[0] ?? "";
  expect(fixedIp).not.toBe("");
});

test("allocate a floating IP from public: a new unassociated row", async ({ newPage }) => {
  const page = await demoPage(newPage);
  await page.goto("/project/floating-ips");
  await markDocument(page);
  await page.getByRole("button", { name: "Allocate floating IP" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Allocate floating IP" });
  // A member sees `public` but not its subnet (the admin project's), so the pool has no CIDR beside it.
  await dialog.getByLabel("Pool").selectOption({ label: "public" });
  await dialog.getByRole("button", { name: "Allocate" }).click();
  await expect(dialog).toBeHidden();

  const toast = page.getByRole("status").filter({ hasText: /^Floating IP .* allocated\.$/ });
  await expect(toast).toBeVisible();
  floatingIp = new RegExp(`Floating IP (${IP}) allocated`).exec((await toast.textContent()) ?? "")?.[1] ?? "";
  expect(floatingIp).toMatch(/^172\.24\.4\.\d+$/);

  const row = await floatingIpRow(page, floatingIp);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("public");
  await expect(row).toContainText("Not associated");
  await expectNoReload(page);
});

test("associate it with the instance: the table, the instance list and its Interfaces tab show it", async ({
  newPage,
}) => {
  const page = await demoPage(newPage);
  await page.goto("/project/floating-ips");
  await markDocument(page);
  const row = await floatingIpRow(page, floatingIp);
  await row.getByRole("button", { name: `Associate ${floatingIp}`, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Associate ${floatingIp}` });
  await dialog.getByLabel("Instance").selectOption({ label: instanceName });
  // One port on one network: the dialog names it instead of asking; a second port would need a pick.
  const portChoice = dialog.getByLabel("Port");
  if ((await portChoice.count()) > 0) await portChoice.selectOption({ index: 1 });
  else await expect(dialog).toContainText("Port: ");
  await dialog.getByRole("button", { name: "Associate" }).click();
  await expect(dialog).toBeHidden();

  await expect(row.getByRole("link", { name: instanceName, exact: true })).toBeVisible();
  await expect(row).toContainText(fixedIp);
  await expect(row.getByRole("button", { name: `Disassociate ${floatingIp}`, exact: true })).toBeVisible();
  await expectNoReload(page);

  await page.goto("/project/instances");
  const instance = await instanceRow(page, instanceName);
  await expect(instance).toContainText(floatingIp);
  await expect(instance).toContainText(fixedIp);

  await instance.getByRole("link", { name: instanceName, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: instanceName })).toBeVisible();
  await page.getByRole("tab", { name: "Interfaces" }).click();
  const port = page
    .getByRole("table", { name: "Interfaces" })
    .getByRole("row")
    .filter({ hasText: "private" });
  await expect(port).toContainText(fixedIp);
  await expect(port).toContainText(floatingIp);
});

test("disassociate it (confirmed): the row says so and the instance keeps only its fixed address", async ({
  newPage,
}) => {
  const page = await demoPage(newPage);
  await page.goto("/project/floating-ips");
  await markDocument(page);
  const row = await floatingIpRow(page, floatingIp);
  await row.getByRole("button", { name: `Disassociate ${floatingIp}`, exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Disassociate floating IP" });
  await expect(confirm).toContainText(`Disassociate ${floatingIp} from ${instanceName}?`);
  await confirm.getByRole("button", { name: "Disassociate" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Not associated");
  await expect(row.getByRole("button", { name: `Associate ${floatingIp}`, exact: true })).toBeVisible();
  await expectNoReload(page);

  await page.goto("/project/instances");
  const instance = await instanceRow(page, instanceName);
  await expect(instance).toContainText(fixedIp);
  await expect(instance).not.toContainText(floatingIp);
});

test("release it (confirmed): its row goes", async ({ newPage }) => {
  const page = await demoPage(newPage);
  await page.goto("/project/floating-ips");
  await markDocument(page);
  const row = await floatingIpRow(page, floatingIp);
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: `Release ${floatingIp}`, exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Release floating IP" });
  await expect(confirm).toContainText(`Release ${floatingIp}?`);
  await confirm.getByRole("button", { name: "Release" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Floating IPs", exact: true })).toContainText(
    `Nothing matches “${floatingIp}”`,
  );
  floatingIp = "";
  await expectNoReload(page);
});

test("clean up: delete the instance (and release the address if a step above failed)", async ({
  newPage,
}) => {
  const page = await demoPage(newPage);
  if (floatingIp) {
    await page.goto("/project/floating-ips");
    const row = await floatingIpRow(page, floatingIp);
    await row.getByRole("button", { name: `Release ${floatingIp}`, exact: true }).click();
    await page
      .getByRole("dialog", { name: "Release floating IP" })
      .getByRole("button", { name: "Release" })
      .click();
    await expect(row).toHaveCount(0);
  }
  await page.goto("/project/instances");
  const row = await instanceRow(page, instanceName);
  await expect(row).toBeVisible();
  await rowAction(page, instanceName, "Delete…");
  const dialog = page.getByRole("dialog", { name: "Delete instance" });
  await dialog.getByRole("button", { name: "Delete instance" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0, { timeout: INSTANCE_TIMEOUT });
  await expect(instancesTable(page)).toBeVisible();
});
