import type { Page } from "@playwright/test";
import { ensureBootableImage, INSTANCE_TIMEOUT, instanceRow, statusOf } from "../compute/compute-helpers";
import { expect, test, uniqueSuffix } from "../fixtures";

/**
 * The command palette, keyboard only: Ctrl-K opens it, part of a server's
 * name finds it (server-side search) and Enter opens it; Tab shows the
 * server's actions and Stop opens the instance page's own confirmation;
 * pages are a few letters away; what was opened comes back as recent
 * items; Escape closes and gives focus back where it was.
 */

test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const instanceName = `pal-${suffix}-web`;

function palette(page: Page) {
  return page.getByRole("dialog", { name: "Command palette" });
}

async function openWithKeyboard(page: Page) {
  await page.keyboard.press("Control+k");
  await expect(palette(page)).toBeVisible();
  await expect(palette(page).getByRole("combobox", { name: "Search pages and resources" })).toBeFocused();
}

/** Waits until the given option is the active one (the input keeps focus; cmdk marks the row). */
async function expectActive(page: Page, name: string | RegExp) {
  await expect(palette(page).getByRole("option", { name, selected: true })).toBeVisible();
}

interface LaunchOptions {
  result: {
    data: {
      images: { id: string; name: string; status: string }[];
      flavors: { id: string; name: string; disabledReason?: string }[];
    };
  };
}

test("seed: an instance the palette will find (launched through the BFF)", async ({ adminPage: page }) => {
  await ensureBootableImage(page);
  const options = (await (await page.request.get("/api/trpc/compute.launchOptions")).json()) as LaunchOptions;
  const image =
    options.result.data.images.find((i) => i.name === process.env.ZENITH_E2E_IMAGE) ??
    options.result.data.images.find((i) => i.status === "active");
  const flavor = options.result.data.flavors.find((f) => f.name === "m1.tiny" && !f.disabledReason);
  expect(image && flavor).toBeTruthy();
  const launched = await page.request.post("/api/trpc/compute.instances.launch", {
    data: { name: instanceName, imageId: image?.id, flavorId: flavor?.id, networks: "none" },
  });
  expect(launched.ok()).toBe(true);
  await page.goto("/project/instances");
  const row = await instanceRow(page, instanceName);
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
});

test("Ctrl-K, part of the name, Enter: the instance's page", async ({ adminPage: page }) => {
  await page.goto("/project");
  await openWithKeyboard(page);
  await page.keyboard.type(`${suffix}-we`);
  const group = palette(page).getByRole("group", { name: "Instances" });
  await expect(group.getByRole("option", { name: new RegExp(instanceName) })).toBeVisible();
  await expect(group.getByRole("option").first()).toContainText("Active");
  await expectActive(page, new RegExp(instanceName));
  await page.keyboard.press("Enter");
  await expect(palette(page)).toBeHidden();
  await expect(page).toHaveURL(/\/project\/instances\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: instanceName })).toBeVisible();
});

test("Tab shows the instance's actions; Stop asks first, then stops it", async ({ adminPage: page }) => {
  await page.goto("/project/volumes");
  await openWithKeyboard(page);
  await page.keyboard.type(instanceName);
  await expectActive(page, new RegExp(instanceName));
  await page.keyboard.press("Tab");
  const actions = palette(page).getByRole("group", { name: `Instances: ${instanceName}` });
  await expect(actions.getByRole("option", { name: "Open" })).toBeVisible();
  // The row menu's own reasons come along: a running instance cannot be started.
  await expect(actions.getByRole("option", { name: /^Start/ })).toHaveAttribute("aria-disabled", "true");
  await page.keyboard.type("stop");
  await expectActive(page, /^Stop…/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/project\/instances\/[0-9a-f-]{36}$/);
  const confirm = page.getByRole("dialog", { name: "Stop instance" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Stop instance" }).click();
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "SHUTOFF", {
    timeout: INSTANCE_TIMEOUT,
  });
});

test("the attach volume action opens the instance's attach dialog", async ({ adminPage: page }) => {
  await page.goto("/project");
  await openWithKeyboard(page);
  await page.keyboard.type(instanceName);
  await expectActive(page, new RegExp(instanceName));
  await page.keyboard.press("Tab");
  await page.keyboard.type("attach");
  await expectActive(page, /^Attach volume/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: `Attach volume to ${instanceName}` })).toBeVisible();
  await page.keyboard.press("Escape");
  // The modal dialog hides the page from the accessibility tree while it is open: check the tab after.
  await expect(page.getByRole("tab", { name: "Volumes", selected: true })).toBeVisible();
});

test("jump to a page; recent items come back when the query is empty", async ({ adminPage: page }) => {
  // Recent items live in this browser's storage: open a resource and a page from the palette here.
  await page.goto("/project");
  await openWithKeyboard(page);
  await page.keyboard.type(instanceName);
  await expectActive(page, new RegExp(instanceName));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: instanceName })).toBeVisible();

  await openWithKeyboard(page);
  await page.keyboard.type("key pai");
  await expectActive(page, /^Key pairs/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/project\/key-pairs$/);

  await openWithKeyboard(page);
  const recent = palette(page).getByRole("group", { name: "Recent" });
  await expect(recent.getByRole("option")).toHaveCount(2);
  await expect(recent.getByRole("option").first()).toContainText("Key pairs");
  await expect(recent.getByRole("option").nth(1)).toContainText(instanceName);
  // A recent resource keeps its actions one Tab away.
  await page.keyboard.press("ArrowDown");
  await expectActive(page, new RegExp(instanceName));
  await page.keyboard.press("Tab");
  await expect(palette(page).getByRole("group", { name: `Instances: ${instanceName}` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette(page).getByRole("group", { name: "Recent" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette(page)).toBeHidden();
});

test("says when nothing matches", async ({ adminPage: page }) => {
  await page.goto("/project");
  await openWithKeyboard(page);
  await page.keyboard.type(`nothing-${suffix}`);
  await expect(palette(page).getByRole("status")).toHaveText(`No matches for “nothing-${suffix}”.`);
});

test("Escape closes it and focus returns where it was", async ({ adminPage: page }) => {
  await page.goto("/project");
  const home = page.getByRole("link", { name: "Zenith", exact: true });
  await home.focus();
  await openWithKeyboard(page);
  await page.keyboard.press("Escape");
  await expect(palette(page)).toBeHidden();
  await expect(home).toBeFocused();

  // The top bar's button opens it too, and gets focus back.
  const trigger = page.getByRole("button", { name: /Search or jump to/ });
  await expect(trigger).toContainText("Ctrl K");
  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(palette(page)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(trigger).toBeFocused();
});
