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

/** Creates a project through the BFF (as the portal's form does: the CSRF header, the admin's session). */
async function createProject(page: Page, projectName: string): Promise<void> {
  const res = await page.request.post("/api/trpc/identity.projects.create", {
    headers: { "x-zenith-csrf": "1" },
    data: { name: projectName },
  });
  expect(res.status()).toBe(200);
}

test("Back and Forward walk a list's sort, search and page, also across a reload", async ({
  adminPage: page,
}) => {
  test.setTimeout(120_000);
  const prefix = `hist-${uniqueSuffix()}`;
  const names = Array.from({ length: 22 }, (_, i) => `${prefix}-${String(i + 1).padStart(2, "0")}`);
  for (const projectName of names) await createProject(page, projectName);

  const table = page.getByRole("table", { name: "Projects" });
  const search = page.getByLabel("Filter projects by name");
  const nameHeader = table.getByRole("columnheader", { name: /^Name/ });
  const firstRow = table.getByRole("row").nth(1);
  const cell = (projectName: string) => table.getByRole("cell", { name: projectName, exact: true });
  const entries = () => page.evaluate(() => window.history.length);

  await page.goto("/identity/projects");
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  const start = await entries();

  // Sort: Name descending (one entry).
  await nameHeader.getByRole("button").click();
  await expect(page).toHaveURL(/[?&]dir=desc/);
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  // Search, typed key by key: one entry once it settles, not one per keystroke.
  await search.pressSequentially(prefix, { delay: 20 });
  await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}`));
  await expect(firstRow).toContainText(names[21] ?? "");
  // Page 2 (one entry): 22 projects at 20 a page, newest name first.
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(cell(names[0] ?? "")).toBeVisible();
  await expect(cell(names[21] ?? "")).toHaveCount(0);
  expect(await entries()).toBe(start + 3);

  // Back: page 1 of the search.
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(firstRow).toContainText(names[21] ?? "");
  await expect(search).toHaveValue(prefix);
  // Back: the sort alone, the search box emptied, every project listed again.
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(search).toHaveValue("");
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await expect
    .poll(async () => Number(/ of (\d+)$/.exec((await page.getByText(/^Showing /).textContent()) ?? "")?.[1]))
    .toBeGreaterThan(22);
  // Forward: the search again.
  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}`));
  await expect(search).toHaveValue(prefix);
  await expect(firstRow).toContainText(names[21] ?? "");

  // A reload in the middle: the entries before and after it still restore their tables.
  await page.reload();
  await expect(search).toHaveValue(prefix);
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(search).toHaveValue("");
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await page.goForward();
  await expect(search).toHaveValue(prefix);
  await page.goForward();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(cell(names[0] ?? "")).toBeVisible();
  await expect(cell(names[21] ?? "")).toHaveCount(0);
  await page.goBack();
  await page.goBack();
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]dir=/);
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
});

test("Back from an instance's page restores the list's filter and sort, also after a reload", async ({
  adminPage: page,
}) => {
  const table = page.getByRole("table", { name: "Instances" });
  const search = page.getByLabel("Filter instances by name");
  const status = page.getByLabel("Status");
  const nameHeader = table.getByRole("columnheader", { name: /^Name/ });

  await page.goto("/project/instances");
  await status.selectOption("ACTIVE");
  await expect(page).toHaveURL(/[?&]status=ACTIVE/);
  await nameHeader.getByRole("button").click();
  await expect(page).toHaveURL(/[?&]sort=name/);
  await search.fill(name);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${name}`));
  const listUrl = page.url();

  await table.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/project\/instances\/[^/?]+$/);
  await page.goBack();
  expect(page.url()).toBe(listUrl);
  await expect(search).toHaveValue(name);
  await expect(status).toHaveValue("ACTIVE");
  await expect(await instanceRow(page, name)).toBeVisible();

  // Reload on the instance's page, then Back: the list as it was left.
  await page.goForward();
  await expect(page).toHaveURL(/\/project\/instances\/[^/?]+$/);
  await page.reload();
  await page.goBack();
  await expect(search).toHaveValue(name);
  await expect(status).toHaveValue("ACTIVE");
  await expect(nameHeader).toHaveAttribute("aria-sort", /ascending|descending/);
  // One more Back: the entry before the search, restored without it.
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(search).toHaveValue("");
  await expect(status).toHaveValue("ACTIVE");
});

test("an instance's page renders with its data on the server, and a typed URL needs no read from the browser", async ({
  adminPage: page,
}) => {
  await page.goto(`/project/instances?q=${encodeURIComponent(name)}`);
  const href = await page
    .getByRole("table", { name: "Instances" })
    .getByRole("link", { name, exact: true })
    .getAttribute("href");
  expect(href).toMatch(/^\/project\/instances\/[^/?]+$/);
  const html = await (await page.request.get(href ?? "")).text();
  expect(html).toMatch(new RegExp(`<h1[^>]*>${name}</h1>`));

  const detailReads: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("compute.instances.get")) detailReads.push(r.url());
  });
  await page.goto(href ?? "");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  expect(detailReads).toEqual([]);
});

test("hovering a row prefetches its page's data, so the click shows the page with no read", async ({
  adminPage: page,
}) => {
  const detailReads: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("compute.instances.get")) detailReads.push(r.url());
  });
  await page.goto(`/project/instances?q=${encodeURIComponent(name)}`);
  const link = page.getByRole("table", { name: "Instances" }).getByRole("link", { name, exact: true });
  await expect(link).toBeVisible();
  // Rows in view prefetch nothing of their pages' data until a row is hovered: no storm on a long list.
  expect(detailReads).toEqual([]);
  const prefetched = page.waitForResponse((r) => r.url().includes("compute.instances.get"));
  await link.hover();
  await prefetched;
  expect(detailReads).toHaveLength(1);
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  expect(detailReads).toHaveLength(1);
});

test("a sidebar click does not wait for the server to read the rows: the browser reads them", async ({
  adminPage: page,
}) => {
  // A typed URL's document carries the rows' query, dehydrated for React Query (the control).
  const documentHtml = await (await page.request.get("/project/instances")).text();
  expect(documentHtml).toContain("queryHash");
  await page.goto("/project/key-pairs");
  await expect(page.getByRole("heading", { level: 1, name: "Key pairs" })).toBeVisible();
  // Every render Next's router asks for (the hover's prefetch, the click's navigation).
  const payloads: Promise<string>[] = [];
  page.on("response", (r) => {
    if (r.request().headers().rsc === "1" && new URL(r.url()).pathname === "/project/instances")
      payloads.push(r.text());
  });
  const listRead = page.waitForRequest((r) => r.url().includes("compute.instances.list"));
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Instances", exact: true })
    .click();
  await listRead;
  await expect(page.getByRole("table", { name: "Instances" }).getByRole("link").first()).toBeVisible();
  // The router's payloads carry the page, not the rows: the server did not read them first.
  expect(payloads.length).toBeGreaterThan(0);
  for (const body of await Promise.all(payloads)) expect(body).not.toContain("queryHash");
});
