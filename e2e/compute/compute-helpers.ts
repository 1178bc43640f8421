import { randomBytes } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";

/** Instances go from BUILD to ACTIVE through the scheduler and an agent: allow for it. */
export const INSTANCE_TIMEOUT = 60_000;

/** How many fake compute hosts the test stack runs. */
export function computeHostCount(): number {
  const value = Number.parseInt(process.env.ZENITH_E2E_COMPUTE_HOSTS ?? "2", 10);
  return Number.isFinite(value) && value > 0 ? value : 2;
}

export function instancesTable(page: Page, name = "Instances"): Locator {
  return page.getByRole("table", { name, exact: true });
}

/** The row of one instance (filtering the table first keeps it on the first page). */
export async function instanceRow(page: Page, instanceName: string, table = "Instances"): Promise<Locator> {
  await page.getByLabel(`Filter ${table.toLowerCase()} by name`).fill(instanceName);
  return instancesTable(page, table)
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: instanceName, exact: true }) });
}

/** The status pill of a row, e.g. "Active", "Verify resize". */
export function statusOf(row: Locator): Locator {
  return row.locator("[data-status]");
}

/** Marks the document; if the page reloads, the mark is gone. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => document.documentElement.setAttribute("data-e2e-no-reload", "1"));
}

export async function expectNoReload(page: Page): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("data-e2e-no-reload", "1");
}

/** Opens a row's action menu and picks an item. */
export async function rowAction(page: Page, instanceName: string, item: string | RegExp): Promise<void> {
  await page.getByRole("button", { name: `Actions for ${instanceName}`, exact: true }).click();
  await page
    .getByRole("menu", { name: `Actions for ${instanceName}` })
    .getByRole("menuitem", { name: item, exact: typeof item === "string" })
    .click();
}

interface LaunchOptions {
  name: string;
  flavor: string;
  count?: number;
  /** The image's name in the wizard; default: ZENITH_E2E_IMAGE, else the first one listed. */
  image?: string;
  /**
   * The one network the instance goes on. Default: none ("Launch without a
   * network"), which every project can do: the admin project of a fresh
   * cloud has no network of its own, and these specs need no address.
   */
  network?: string;
}

/** The wizard's Networks step: exactly the given network, or no network at all. */
async function chooseNetwork(page: Page, network: string | undefined): Promise<void> {
  const step = page.getByRole("form", { name: "Networks" });
  await expect(step).toBeVisible();
  if (!network) {
    await step.getByLabel(/^Launch without a network/).check();
    await expect(step).toContainText("The instance will have no interface and no address.");
    return;
  }
  const chosen = step.getByRole("list", { name: "Chosen interfaces, in order" }).getByRole("listitem");
  // Whatever came preselected (the project's only network) goes first.
  for (let left = await chosen.count(); left > 0; left--) {
    await chosen
      .first()
      .getByRole("button", { name: /^Remove / })
      .click();
    await expect(chosen).toHaveCount(left - 1);
  }
  await step.getByRole("button", { name: `Add network ${network}`, exact: true }).click();
  await expect(chosen).toHaveCount(1);
  await expect(chosen).toContainText(network);
}

/**
 * Goes through the launch wizard: the first bootable image (the bootstrap
 * public image on a fresh stack), the given flavor, the given network (or
 * none), no key pair.
 */
export async function launchFromWizard(page: Page, options: LaunchOptions): Promise<void> {
  await page.goto("/project/instances/launch");
  const wizard = page.getByRole("form", { name: "Details" });
  await wizard.getByLabel("Instance name").fill(options.name);
  if (options.count) await wizard.getByLabel("Count").fill(String(options.count));
  await page.getByRole("button", { name: "Next" }).click();

  const image = page.getByLabel("Image or snapshot");
  const imageName = options.image ?? process.env.ZENITH_E2E_IMAGE;
  if (imageName) await image.selectOption({ label: imageName });
  else await image.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Next" }).click();

  await page.getByRole("radio", { name: options.flavor, exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await chooseNetwork(page, options.network);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("form", { name: "Key pair" })).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("form", { name: "Configuration" })).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();

  const summary = page.getByRole("definition").filter({ hasText: options.name });
  await expect(summary.first()).toBeVisible();
  await page.getByRole("button", { name: "Launch", exact: true }).click();
  await expect(page).toHaveURL(/\/project\/instances$/);
}

/** An image's row in the images table (the name cell, so "Nothing matches …" never counts). */
export function imageRow(page: Page, imageName: string, table = "Images"): Locator {
  return page
    .getByRole("table", { name: table, exact: true })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: imageName, exact: true }) });
}

interface TrpcResult<T> {
  result?: { data?: T };
}

const BOOT_IMAGE = "e2e-boot-image";

/**
 * Makes sure the launch wizard has an image to boot: the cloud's bootstrap
 * public image when it has one, else a small public raw image uploaded
 * through the portal once (and kept for later runs).
 */
export async function ensureBootableImage(page: Page): Promise<void> {
  const response = await page.request.get("/api/trpc/compute.launchOptions");
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as TrpcResult<{ images: { status: string }[] }>;
  if ((body.result?.data?.images ?? []).some((i) => i.status === "active")) return;

  await page.goto("/project/images");
  await page.getByRole("button", { name: "Upload image" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload image" });
  await dialog.getByLabel("Image file").setInputFiles({
    name: `${BOOT_IMAGE}.img`,
    mimeType: "application/octet-stream",
    buffer: randomBytes(256 * 1024),
  });
  await dialog.getByLabel("Name", { exact: true }).fill(BOOT_IMAGE);
  await dialog.getByLabel("Visibility").selectOption("public");
  await dialog.getByRole("button", { name: "Upload image" }).click();
  await dialog.getByRole("button", { name: "Done" }).click();
  await page.getByLabel("Filter images by name").fill(BOOT_IMAGE);
  await expect(imageRow(page, BOOT_IMAGE)).toContainText("Active", { timeout: INSTANCE_TIMEOUT });
}
