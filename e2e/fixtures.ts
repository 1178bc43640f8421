import { randomBytes } from "node:crypto";
import {
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Page,
  type ViewportSize,
} from "@playwright/test";

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

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

async function openPage(
  browser: Browser,
  baseURL: string | undefined,
  viewport: ViewportSize | null,
  storageState?: StorageState,
): Promise<Page> {
  // The spec's viewport (test.use), so a spec may ask for more room than the default.
  const context = await browser.newContext({ baseURL, viewport, acceptDownloads: true, storageState });
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
  adminPage: async ({ browser, baseURL, viewport }, use) => {
    const page = await adminSessionPage(browser, baseURL, viewport);
    await use(page);
    await page.context().close();
  },
});

/**
 * The admin's session as the login left it (cookies, storage), kept for this
 * worker's later tests: logging in through the form for each test cost a
 * page load, a form post and a password hash each. Taken before the test
 * changes anything (theme, language). Kept for half the token's life (1 h).
 */
let adminSession: { state: StorageState; at: number } | undefined;
const ADMIN_SESSION_REUSE_MS = 30 * 60_000;

/**
 * A page logged in as the admin on the project overview, in a context of
 * its own: from the kept session where it still holds, else through the
 * login form. A test that ends the session's token (logout, a second
 * project switch) logs in on a page of its own instead.
 */
async function adminSessionPage(
  browser: Browser,
  baseURL: string | undefined,
  viewport: ViewportSize | null,
): Promise<Page> {
  if (adminSession && Date.now() - adminSession.at < ADMIN_SESSION_REUSE_MS) {
    const page = await openPage(browser, baseURL, viewport, adminSession.state);
    await page.goto("/project");
    if (new URL(page.url()).pathname === "/project") return page;
    // The kept session no longer holds (sent to the login page): log in again below.
    await page.context().close();
  }
  const page = await openPage(browser, baseURL, viewport);
  await logIn(page, ADMIN_USERNAME, adminPassword());
  adminSession = { state: await page.context().storageState(), at: Date.now() };
  return page;
}
