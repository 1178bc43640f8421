import { randomBytes } from "node:crypto";
import { type Browser, test as base, expect, type Page, type ViewportSize } from "@playwright/test";

export { expect };

export const ADMIN_USERNAME = "admin";

export function adminPassword(): string {
  const password = process.env.ZENITH_ADMIN_PASSWORD;
  if (!password) throw new Error("Set ZENITH_ADMIN_PASSWORD to the control plane's admin password.");
  return password;
}

/** The bootstrap member user of project `demo` (member only: no admin pages). */
export const DEMO_USERNAME = "demo";

export function demoPassword(): string {
  const password = process.env.ZENITH_DEMO_PASSWORD;
  if (!password) throw new Error("Set ZENITH_DEMO_PASSWORD to the control plane's demo password.");
  return password;
}

/** A suffix that keeps names unique across runs against the same cloud. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/project(\?|$)/);
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^User menu/ }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** The navigation landmark of the app shell. */
export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

interface Fixtures {
  /** A page already logged in as the cloud admin. */
  adminPage: Page;
  /** Opens a fresh browser context (its own cookies) on the portal. */
  newPage: () => Promise<Page>;
}

async function openPage(
  browser: Browser,
  baseURL: string | undefined,
  viewport: ViewportSize | null,
): Promise<Page> {
  // The spec's viewport (test.use), so a spec may ask for more room than the default.
  const context = await browser.newContext({ baseURL, viewport, acceptDownloads: true });
  return context.newPage();
}

export const test = base.extend<Fixtures>({
  newPage: async ({ browser, baseURL, viewport }, use) => {
    const pages: Page[] = [];
    await use(async () => {
      const page = await openPage(browser, baseURL, viewport);
      pages.push(page);
      return page;
    });
    for (const page of pages) await page.context().close();
  },
  adminPage: async ({ newPage }, use) => {
    const page = await newPage();
    await logIn(page, ADMIN_USERNAME, adminPassword());
    await use(page);
  },
});
