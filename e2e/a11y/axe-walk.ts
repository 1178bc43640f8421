import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

export type Theme = "light" | "dark";

/** WCAG 2.1 A and AA: what the acceptance asks axe to check. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The theme the portal would keep after a click on the theme toggle (src/lib/theme.ts). */
export async function useTheme(page: Page, theme: Theme): Promise<void> {
  await page.context().addInitScript((choice) => {
    window.localStorage.setItem("zenith-theme", choice);
  }, theme);
}

/**
 * Shows the page in `theme` as the toggle would: the portal's themes are CSS
 * alone, keyed on `<html data-theme>` (src/lib/theme.ts), so nothing React
 * renders changes. Transitions are turned off first, so axe never reads a
 * colour halfway between the two themes.
 */
async function showTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((choice) => {
    if (!document.getElementById("axe-no-transitions")) {
      const style = document.createElement("style");
      style.id = "axe-no-transitions";
      style.textContent = "*, *::before, *::after { transition: none !important; }";
      document.head.append(style);
    }
    document.documentElement.dataset.theme = choice;
  }, theme);
}

/**
 * Reports what axe found on one page or dialog, in each theme, as a soft
 * failure that says what to fix (rule, impact, help, first targets), so one
 * run lists every problem of the walk and not just the first. Each state of
 * the page is audited in both themes in place: the walk opens it once.
 */
export class Findings {
  /** Dialogs already audited, by resource kind and opener: the same dialog is not audited twice. */
  readonly seenDialogs = new Set<string>();
  /** How many dialogs the walk opened and audited: a walk that finds none proves nothing. */
  dialogs = 0;

  /** `themes[0]` is the one the page was opened in (see `useTheme`); the page is left in it. */
  constructor(readonly themes: readonly Theme[]) {}

  async audit(page: Page, where: string): Promise<void> {
    for (const theme of this.themes) {
      if (this.themes.length > 1) await showTheme(page, theme);
      await this.auditIn(page, theme, where);
    }
    const first = this.themes[0];
    if (first && this.themes.length > 1) await showTheme(page, first);
  }

  private async auditIn(page: Page, theme: Theme, where: string): Promise<void> {
    const results = await new AxeBuilder({ page })
      .withTags(WCAG_TAGS)
      // Same-origin pages without iframes: run axe in the page itself rather than
      // in a helper page per run, and compute only violations (much faster).
      .setLegacyMode(true)
      .options({ resultTypes: ["violations"] })
      .analyze();
    const lines = results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => {
        const targets = violation.nodes
          .slice(0, 4)
          .map((node) => node.target.join(" "))
          .join(" | ");
        return `${violation.id} (${violation.impact}) ${violation.help} — ${targets}`;
      });
    expect.soft(lines, `[${theme}] ${where}: serious or critical axe violations`).toEqual([]);
  }

  note(where: string, problem: string): void {
    expect.soft(problem, where).toBe("");
  }
}

/** Waits for a portal page's own content: its heading, and no table or panel still loading. */
export async function settle(page: Page): Promise<void> {
  await expect(page.locator("main h1").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
}

export async function visit(page: Page, href: string): Promise<void> {
  await page.goto(href);
  await settle(page);
}

/** Two animation frames: React has committed what a click set off (a dialog, a menu). */
export async function afterRender(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/**
 * The walk only opens dialogs and closes them with Escape, but a button or a
 * menu item that acts at once (Start, Pause…) must not change the cloud:
 * every mutating request of the portal (tRPC mutations, image uploads) fails.
 */
export async function refuseMutations(page: Page): Promise<void> {
  await page.route(/\/api\/(trpc|images)\//, (route) =>
    route.request().method() === "GET" ? route.fallback() : route.abort(),
  );
}

interface Candidate {
  name: string;
  menu: boolean;
}

/**
 * Buttons that may open a dialog or a menu: the page's own buttons (header,
 * panels, empty states) and the first row's of each table, not tabs, column
 * headers, toggles or the topology canvas. Named by their accessible name so
 * they can be found again after the page re-renders.
 */
async function candidates(page: Page): Promise<Candidate[]> {
  return page.locator("main").evaluate((main) => {
    const found: { name: string; menu: boolean }[] = [];
    const seen = new Set<string>();
    for (const button of Array.from(main.querySelectorAll("button"))) {
      if (button.disabled || button.getAttribute("aria-pressed") !== null) continue;
      if (button.closest("[role=tablist], [role=dialog], .react-flow, nav, thead")) continue;
      const row = button.closest("tbody > tr");
      if (button.closest("table") && (!row || row !== row.parentElement?.firstElementChild)) continue;
      const name = (button.getAttribute("aria-label") ?? button.textContent ?? "")
        .replace(/\s+/g, " ")
        .trim();
      if (!name || seen.has(name)) continue;
      seen.add(name);
      found.push({ name, menu: button.getAttribute("aria-haspopup") === "menu" });
    }
    return found;
  });
}

function mainButton(page: Page, name: string): Locator {
  return page.locator("main").getByRole("button", { name, exact: true }).first();
}

/** Audits the dialog a click opened, closes it with Escape and checks focus went back to `opener`. */
async function auditDialog(page: Page, findings: Findings, where: string, opener: Locator): Promise<boolean> {
  await afterRender(page);
  const dialog = page.getByRole("dialog");
  if ((await dialog.count()) === 0) return false;
  await expect(dialog.first()).toBeVisible();
  const title =
    (await dialog.first().getAttribute("aria-label")) ??
    (await dialog.first().locator("h2").first().textContent());
  const label = `${where} › dialog "${title ?? "?"}"`;
  await findings.audit(page, label);
  findings.dialogs++;
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await afterRender(page);
  const focused = await opener.evaluate((element) => element === document.activeElement).catch(() => false);
  if (!focused) findings.note(label, "focus did not return to the control that opened it");
  return true;
}

/** After a click that opened no dialog: back to where the walk was, if the click went elsewhere. */
async function backTo(page: Page, href: string): Promise<void> {
  // A full-screen button (the graphic console's) would cover the page for every later click.
  await page.evaluate(() => (document.fullscreenElement ? document.exitFullscreen() : undefined));
  await page.keyboard.press("Escape");
  if (new URL(page.url()).pathname !== new URL(href, page.url()).pathname) await visit(page, href);
}

/** A row's menu is named after its row ("Actions for web-1"): the same menu on every row. */
function menuKey(kind: string, trigger: string): string {
  return `${kind}:${trigger.replace(/^Actions for .*/, "Actions")}`;
}

async function walkMenu(
  page: Page,
  findings: Findings,
  href: string,
  where: string,
  kind: string,
  trigger: Candidate,
): Promise<void> {
  const key = menuKey(kind, trigger.name);
  const button = mainButton(page, trigger.name);
  await button.click();
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  if (!findings.seenDialogs.has(key)) await findings.audit(page, `${where} › menu "${trigger.name}"`);
  findings.seenDialogs.add(key);
  const items = (
    await menu
      .getByRole("menuitem")
      .evaluateAll((elements) =>
        elements
          .filter((element) => element.getAttribute("aria-disabled") !== "true")
          .map((element) => element.firstElementChild?.textContent ?? element.textContent ?? ""),
      )
  ).filter((item) => !findings.seenDialogs.has(`${key}:${item}`));
  await page.keyboard.press("Escape");
  for (const item of items) {
    findings.seenDialogs.add(`${key}:${item}`);
    const again = mainButton(page, trigger.name);
    if (!(await again.isVisible())) break;
    await again.click();
    await page.getByRole("menu").getByRole("menuitem", { name: item }).first().click();
    if (!(await auditDialog(page, findings, `${where} › "${trigger.name}" › "${item}"`, again)))
      await backTo(page, href);
  }
}

/**
 * Opens every dialog the page's buttons and its first rows' menus lead to,
 * audits each, closes it with Escape and checks focus returns to the opener.
 * `kind` (instances, volumes…) keeps the same dialog reached from the list,
 * the admin list and the detail page from being audited again.
 */
export async function walkDialogs(
  page: Page,
  findings: Findings,
  href: string,
  where: string,
  kind: string,
): Promise<void> {
  for (const candidate of await candidates(page)) {
    const button = mainButton(page, candidate.name);
    // A list may re-render between the scan and here (live updates): a button gone by now is skipped
    // rather than waited for.
    if (!(await button.isVisible()) || (await button.isDisabled({ timeout: 2_000 }).catch(() => true)))
      continue;
    if (candidate.menu) {
      await walkMenu(page, findings, href, where, kind, candidate);
      continue;
    }
    // A row's buttons name their row ("Delete web-1"): one row's are enough, once per kind.
    const key = `${kind}:${candidate.name}`;
    if (findings.seenDialogs.has(key)) continue;
    findings.seenDialogs.add(key);
    await button.click();
    if (!(await auditDialog(page, findings, `${where} › "${candidate.name}"`, button)))
      await backTo(page, href);
  }
}

/** The tabs of a detail page (its first tab list), by name. */
export async function tabNames(page: Page): Promise<string[]> {
  return page
    .locator("main")
    .getByRole("tablist")
    .first()
    .getByRole("tab")
    .allTextContents()
    .catch(() => []);
}
