import type { Page } from "@playwright/test";
import { expect, test, uniqueSuffix } from "../fixtures";
import {
  ensureBootableImage,
  INSTANCE_TIMEOUT,
  instanceRow,
  launchFromWizard,
  statusOf,
} from "./compute-helpers";

/**
 * Instant pages, on the instances list: the server renders the page with
 * the rows its URL asks for (a browser without JavaScript sees them), and
 * the list keeps its search, filter, sort and page in the URL, so a link
 * shares it and a reload keeps it.
 */

test.describe.configure({ mode: "serial" });

const name = `instant-${uniqueSuffix()}`;

test("launch an instance to list", async ({ adminPage: page }) => {
  test.setTimeout(120_000);
  await ensureBootableImage(page);
  await launchFromWizard(page, { name, flavor: "m1.tiny" });
  await expect(statusOf(await instanceRow(page, name))).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
});

/** The Instances table's markup as the server sent it (streamed in a later chunk of the same response). */
async function serverTable(page: Page, path: string): Promise<string> {
  const res = await page.request.get(path);
  expect(res.status()).toBe(200);
  const html = await res.text();
  return /<table[^>]*aria-label="Instances"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
}

test("the server's HTML already holds the rows the URL asks for", async ({ adminPage: page }) => {
  const table = await serverTable(page, `/project/instances?q=${encodeURIComponent(name)}`);
  expect(table).toContain(`>${name}</a>`);
  expect(table).toContain("Active");
  // Another search: the server renders that page, without this instance.
  expect(await serverTable(page, "/project/instances?q=no-such-instance-anywhere")).not.toContain(name);
});

test("a typed URL shows the rows without the browser asking for them", async ({ adminPage: page }) => {
  const listReads: string[] = [];
  const pageErrors: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("compute.instances.list")) listReads.push(r.url());
  });
  // A hydration mismatch (server and browser rendering different text) is a page error.
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`/project/instances?q=${encodeURIComponent(name)}`);
  await expect(await instanceRow(page, name)).toBeVisible();
  // Hydration has run: the search box is React's and answers typing.
  await expect(page.getByLabel("Filter instances by name")).toHaveValue(name);
  expect(listReads).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test("search, filter and sort live in the URL: reload and a shared link keep them", async ({
  adminPage: page,
}) => {
  await page.goto("/project/instances");
  await page.getByLabel("Filter instances by name").fill(name);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${name}`));
  await page.getByLabel("Status").selectOption("ACTIVE");
  await expect(page).toHaveURL(/[?&]status=ACTIVE/);
  await page.getByRole("button", { name: /^Name/ }).first().click();
  await expect(page).toHaveURL(/[?&]sort=name/);
  await expect(await instanceRow(page, name)).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Filter instances by name")).toHaveValue(name);
  await expect(page.getByLabel("Status")).toHaveValue("ACTIVE");
  await expect(await instanceRow(page, name)).toBeVisible();

  // A shared link opens the same list.
  const shared = page.url();
  await page.goto("/project/instances");
  await page.goto(shared);
  await expect(page.getByLabel("Status")).toHaveValue("ACTIVE");
  await expect(await instanceRow(page, name)).toBeVisible();
});
