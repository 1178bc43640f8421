import { existsSync } from "node:fs";
import { passwordLogin } from "@zenith/api-client/keystone";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "../../e2e/chromium.ts";
import { missingKeystoneParts, type RunningKeystone, startKeystone } from "./harness/keystone.ts";
import { DEMO_PASSWORD, type SeededCloud, seedCloud } from "./harness/keystone-seed.ts";
import { type RunningPortal, startPortal } from "./harness/portal.ts";

/**
 * The portal's identity views in Chromium, the portal and the BFF pointed at
 * Debian's real Keystone (`ZENITH_KEYSTONE_URL`), no Zenith control plane:
 * the admin and demo log in, the identity pages show Keystone's own data, and
 * a compute page says the cloud has no compute service instead of crashing.
 * See README.md.
 */

const ADMIN_PASSWORD = "real-keystone-portal-admin";
const AUTH_SECRET = "real-keystone-portal-secret-32-bytes-long";
/** How long a page may take to show what it fetched (a production server, 2 busy cores). */
const SHOWN_MS = 30_000;
/** A test opens several pages, each compiled on first visit by nothing but fetched cold. */
const TEST_MS = 240_000;

const missing = [...missingKeystoneParts(), ...(existsSync(CHROMIUM) ? [] : [`Chromium (${CHROMIUM})`])];
const mustRun = process.env.CI === "true" || process.env.ZENITH_REQUIRE_REAL_OPENSTACK === "1";
if (missing.length > 0) {
  const why = `missing ${missing.join(" and ")}`;
  if (mustRun) {
    describe("the portal on a real Keystone", () => {
      it("requires a real Keystone and Chromium (CI or ZENITH_REQUIRE_REAL_OPENSTACK=1)", () => {
        throw new Error(why);
      });
    });
  } else {
    process.stderr.write(`portal.test.ts skipped: ${why}\n`);
    it.skip(`the portal on a real Keystone: skipped because ${why}`, () => {});
  }
} else {
  describePortal(process.env.ZENITH_TEST_PG_URL ?? "");
}

function describePortal(pgUrl: string) {
  let keystone: RunningKeystone;
  let portal: RunningPortal;
  let browser: Browser;
  let ids: SeededCloud;

  beforeAll(async () => {
    keystone = await startKeystone({ pgUrl, adminPassword: ADMIN_PASSWORD });
    ids = await seedCloud(keystone);
    // An application credential of demo's, made as any CLI user would.
    const demo = await passwordLogin({
      authUrl: keystone.authUrl,
      username: "demo",
      password: DEMO_PASSWORD,
    });
    const made = await fetch(`${keystone.authUrl}/users/${ids.demoUser}/application_credentials`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-auth-token": demo.token },
      body: JSON.stringify({ application_credential: { name: "rk-pipeline", description: "CI" } }),
    });
    expect(made.status).toBe(201);
    portal = await startPortal({ keystoneUrl: keystone.authUrl, authSecret: AUTH_SECRET });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await keystone?.close();
  });

  async function logIn(username: string, password: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: portal.url });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/project(\?|$)/, { timeout: SHOWN_MS });
    return page;
  }

  /** Waits until the page shows a table row holding `text`. */
  async function row(page: Page, text: string) {
    const found = page.getByRole("row").filter({ hasText: text }).first();
    await found.waitFor({ state: "visible", timeout: SHOWN_MS });
    return found;
  }

  /** Fails if the page is Next.js's error page or the portal's error boundary. */
  async function expectNoCrash(page: Page) {
    const body = (await page.locator("body").textContent()) ?? "";
    expect(body).not.toMatch(/Application error|Internal Server Error|Unhandled Runtime Error/);
  }

  it(
    "shows the admin Keystone's projects, users, groups, roles and API access",
    async () => {
      const page = await logIn("admin", ADMIN_PASSWORD);
      try {
        await page.getByRole("heading", { name: "Project admin" }).waitFor({ timeout: SHOWN_MS });

        await page.goto("/identity/projects");
        for (const name of ["admin", "demo", "alt"]) await row(page, name);
        await page.goto("/identity/users");
        await row(page, "demo");
        await row(page, "alt");
        await page.goto("/identity/groups");
        await row(page, "demo-readers");
        await page.goto("/identity/roles");
        for (const name of ["admin", "member", "reader"]) await row(page, name);
        await page.goto("/identity/api-access");
        await page.getByText(keystone.authUrl).first().waitFor({ timeout: SHOWN_MS });
        await expectNoCrash(page);
      } finally {
        await page.context().close();
      }
    },
    TEST_MS,
  );

  it(
    "shows demo its application credentials and says the cloud has no compute service",
    async () => {
      const page = await logIn("demo", DEMO_PASSWORD);
      try {
        await page.getByRole("heading", { name: "Project demo" }).waitFor({ timeout: SHOWN_MS });
        await page.goto("/identity/application-credentials");
        await row(page, "rk-pipeline");

        await page.goto("/project/instances");
        await page
          .getByText("This cloud has no compute (Nova) service in its catalog.")
          .first()
          .waitFor({ timeout: SHOWN_MS });
        await expectNoCrash(page);
        await page.goto("/project/networks");
        await page
          .getByText("This cloud has no network (Neutron) service in its catalog.")
          .first()
          .waitFor({ timeout: SHOWN_MS });
        await expectNoCrash(page);
      } finally {
        await page.context().close();
      }
    },
    TEST_MS,
  );
}
