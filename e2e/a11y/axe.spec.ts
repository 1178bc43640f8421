import type { Page } from "@playwright/test";
import { ensureBootableImage, launchFromWizard } from "../compute/compute-helpers";
import {
  ADMIN_USERNAME,
  adminPassword,
  DEMO_USERNAME,
  demoPassword,
  expect,
  logIn,
  mainNav,
  test,
  uniqueSuffix,
} from "../fixtures";
import {
  Findings,
  refuseMutations,
  settle,
  type Theme,
  tabNames,
  useTheme,
  visit,
  walkDialogs,
} from "./axe-walk";

/**
 * axe-core (WCAG 2.1 A/AA) on every page and dialog of the portal, in the
 * light and the dark theme: no serious or critical violation. The pages come
 * from the side navigation itself (admin's and member's), plus the login and
 * settings pages and one detail page of each kind the stack holds; the
 * dialogs from each page's buttons and its first rows' menus.
 */

const THEMES = ["light", "dark"] as const satisfies readonly Theme[];
const SUFFIX = uniqueSuffix();

/** Detail pages link from list rows as /<section>/<kind>/<id>; one of each kind is enough. */
const DETAIL_HREF = /^\/(project|admin)\/[a-z-]+\/(?!launch$)[^/?#]+$/;

function kindOf(href: string): string {
  return href.replace(/\/[^/]+$/, "/:id");
}

/** The resource a page shows: /project/volumes and /admin/volumes/:id are both "volumes". */
function resourceOf(href: string): string {
  return href.split("/")[2] ?? href;
}

async function navHrefs(page: Page): Promise<string[]> {
  const hrefs = await mainNav(page)
    .getByRole("link")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.filter((href) => href.startsWith("/"));
}

async function detailHrefs(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator("main table tbody a[href]")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.filter((href) => DETAIL_HREF.test(href));
}

interface WalkOptions {
  dialogs: boolean;
}

/** Pages of the navigation, then one detail page of each kind with each of its tabs. */
async function walkPortal(page: Page, findings: Findings, options: WalkOptions): Promise<number> {
  // Beyond the navigation: the settings page and the launch wizard (a page, opened from a link).
  const pages = [...(await navHrefs(page)), "/settings/password", "/project/instances/launch"];
  const details = new Map<string, string>();
  for (const href of pages) {
    await visit(page, href);
    await findings.audit(page, href);
    for (const detail of await detailHrefs(page))
      if (!details.has(kindOf(detail))) details.set(kindOf(detail), detail);
    if (options.dialogs) await walkDialogs(page, findings, href, href, resourceOf(href));
  }
  for (const [kind, href] of details) {
    await visit(page, href);
    await findings.audit(page, kind);
    if (options.dialogs) await walkDialogs(page, findings, href, kind, resourceOf(href));
    for (const tab of (await tabNames(page)).slice(1)) {
      await page
        .locator("main")
        .getByRole("tab", { name: tab, exact: true })
        .first()
        .click({ timeout: 15_000 });
      await settle(page);
      await findings.audit(page, `${kind} › tab ${tab}`);
      if (options.dialogs) await walkDialogs(page, findings, href, `${kind} › tab ${tab}`, resourceOf(href));
    }
  }
  return pages.length + details.size;
}

/** The shell's own overlays: the command palette (a dialog) and the user menu. */
async function walkShell(page: Page, findings: Findings): Promise<void> {
  await visit(page, "/project");
  const palette = page.getByRole("button", { name: /^Search or jump to/ });
  await palette.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await findings.audit(page, "command palette");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(palette).toBeFocused();

  const userMenu = page.getByRole("button", { name: /^User menu/ });
  await userMenu.click();
  await expect(page.getByRole("menu")).toBeVisible();
  await findings.audit(page, "user menu");
  await page.keyboard.press("Escape");
  await expect(userMenu).toBeFocused();
}

/** Lists that open over a page: the network topology's search matches (a cmdk combobox). */
async function walkPopups(page: Page, findings: Findings): Promise<void> {
  await visit(page, "/project/network-topology");
  const search = page.getByRole("combobox", { name: "Find a node by name or address" });
  await search.focus();
  // "a" is in the name of the instance beforeAll launched ("a11y-…"), so the list holds an option.
  await page.keyboard.type("a");
  await expect(
    page.getByRole("listbox", { name: "Matching nodes" }).getByRole("option").first(),
  ).toBeVisible();
  await expect(search).toHaveAttribute("aria-expanded", "true");
  await findings.audit(page, "topology search matches");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("listbox")).toHaveCount(0);
}

test.beforeAll(async ({ browser }, testInfo) => {
  // One instance and one volume, so their detail pages and row menus exist on a fresh stack.
  testInfo.setTimeout(180_000);
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const page = await context.newPage();
  await logIn(page, ADMIN_USERNAME, adminPassword());
  await ensureBootableImage(page);
  await launchFromWizard(page, { name: `a11y-${SUFFIX}`, flavor: "m1.tiny" });
  await page.goto("/project/volumes");
  await page.getByRole("button", { name: "Create volume" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create volume" });
  await dialog.getByLabel("Name", { exact: true }).fill(`a11y-${SUFFIX}`);
  await dialog.getByLabel("Size (GiB)").fill("1");
  await dialog.getByRole("button", { name: "Create volume" }).click();
  await expect(dialog).toBeHidden();
  await context.close();
});

// Each page and dialog is opened once and audited in both themes (`Findings.audit`); the walk
// starts in each theme once, so each theme's first paint (its boot script) is checked too.
const [FIRST, SECOND] = THEMES;

test("admin, both themes: login, every page, tab and dialog", async ({ newPage }) => {
  test.setTimeout(300_000);
  const page = await newPage();
  await useTheme(page, FIRST);
  const findings = new Findings(THEMES);

  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("data-theme", FIRST);
  await findings.audit(page, "/login");
  await logIn(page, ADMIN_USERNAME, adminPassword());

  await refuseMutations(page);
  await walkShell(page, findings);
  await walkPopups(page, findings);
  const walked = await walkPortal(page, findings, { dialogs: true });
  expect(walked).toBeGreaterThan(20);
  // About 60 on a fresh stack: far fewer means the walk stopped finding the dialogs.
  expect(findings.dialogs).toBeGreaterThan(30);
});

test("member, both themes, opened in the dark one: every page and tab", async ({ newPage }) => {
  test.setTimeout(120_000);
  const page = await newPage();
  await useTheme(page, SECOND);
  const findings = new Findings([SECOND, FIRST]);
  await logIn(page, DEMO_USERNAME, demoPassword());
  await expect(page.locator("html")).toHaveAttribute("data-theme", SECOND);
  await refuseMutations(page);
  const walked = await walkPortal(page, findings, { dialogs: false });
  expect(walked).toBeGreaterThan(10);
});
