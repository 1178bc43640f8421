import type { Locator, Page } from "@playwright/test";
import { INSTANCE_TIMEOUT, statusOf } from "../compute/compute-helpers";
import { DEMO_USERNAME, demoPassword, expect, mainNav, test, uniqueSuffix } from "../fixtures";

/**
 * Keyboard only (Tab, Shift+Tab, arrows, Enter, Space, Escape, F6; no click,
 * no fill): as the member of project demo, log in, launch an instance through
 * the wizard to Active, type into its serial console and leave it with F6,
 * then walk the network topology's list view to router1's details. Every
 * control on the way must be reachable and show where focus is.
 */
test.describe.configure({ mode: "serial" });

const name = `kbd-${uniqueSuffix()}`;
/** Generous: a page with a long table and its row menus between here and the target. */
const MAX_TABS = 250;

/** Whether focus is on one of the elements (or inside one of them). */
async function holdsFocus(target: Locator): Promise<boolean> {
  return target.evaluateAll((elements) =>
    elements.some(
      (element) => element === document.activeElement || element.contains(document.activeElement),
    ),
  );
}

/**
 * Focus is visible: the focused element, or the widget around it (a
 * terminal's hidden textarea sits inside a ringed box), draws an outline or a
 * ring in the keyboard's focus style.
 */
async function expectVisibleFocus(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const focused = document.activeElement;
    if (!(focused instanceof HTMLElement) || focused === document.body)
      return { focused: false, visible: false, tag: "" };
    let element: Element | null = focused;
    for (let depth = 0; element && depth < 4; depth++, element = element.parentElement) {
      const css = getComputedStyle(element);
      const outline = css.outlineStyle !== "none" && css.outlineWidth !== "0px";
      if (outline || css.boxShadow !== "none") return { focused: true, visible: true, tag: "" };
    }
    return { focused: true, visible: false, tag: focused.outerHTML.slice(0, 160) };
  });
  expect(found.focused, "something has focus").toBe(true);
  expect(found.visible, `no visible focus on ${found.tag}`).toBe(true);
}

/** Presses Tab (or Shift+Tab) until focus reaches the target; fails if it never does. */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab"): Promise<void> {
  for (let presses = 0; presses < MAX_TABS; presses++) {
    if (await holdsFocus(target)) {
      await expectVisibleFocus(page);
      return;
    }
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target}`);
}

/** Arrow keys on a focused control until `done` holds (a select's option, a radio, a tab). */
async function arrowUntil(page: Page, key: string, done: () => Promise<boolean>, max = 12): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await done()) return;
    await page.keyboard.press(key);
  }
  expect(await done(), `${key} never got there`).toBe(true);
}

async function nextStep(page: Page, step: string): Promise<void> {
  await tabTo(page, page.getByRole("button", { name: "Next", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("form", { name: step })).toBeVisible();
}

async function followNav(page: Page, label: string): Promise<void> {
  await tabTo(page, mainNav(page).getByRole("link", { name: label, exact: true }).first());
  await page.keyboard.press("Enter");
  await expect(page.locator("main h1").first()).toBeVisible();
}

test("launch an instance with the wizard, to Active", async ({ newPage }) => {
  test.setTimeout(180_000);
  const page = await newPage();
  await page.goto("/login");
  await tabTo(page, page.getByLabel("Username"));
  await page.keyboard.type(DEMO_USERNAME);
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type(demoPassword());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/project(\?|$)/);

  await followNav(page, "Instances");
  await expect(page).toHaveURL(/\/project\/instances$/);
  await tabTo(page, page.locator("main").getByRole("link", { name: "Launch instance" }).first());
  await page.keyboard.press("Enter");
  await expect(page.getByRole("form", { name: "Details" })).toBeVisible();

  await tabTo(page, page.getByLabel("Instance name"));
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("form", { name: "Source" })).toBeVisible();

  const image = page.getByLabel("Image or snapshot");
  const wanted = process.env.ZENITH_E2E_IMAGE;
  await tabTo(page, image);
  await arrowUntil(page, "ArrowDown", async () => {
    const chosen = await image.evaluate((select) =>
      select instanceof HTMLSelectElement ? (select.selectedOptions[0]?.text ?? "") : "",
    );
    return wanted ? chosen === wanted : (await image.inputValue()) !== "";
  });
  await nextStep(page, "Flavor");

  const tiny = page.getByRole("radio", { name: "m1.tiny", exact: true });
  await tabTo(page, page.getByRole("radio"));
  await arrowUntil(page, "ArrowDown", () => tiny.isChecked());
  // The project's only network comes chosen; key pair and configuration keep their defaults.
  await nextStep(page, "Networks");
  await nextStep(page, "Key pair");
  await nextStep(page, "Configuration");
  await nextStep(page, "Review");
  await tabTo(page, page.getByRole("button", { name: "Launch", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/project\/instances$/);

  const link = page.locator("main").getByRole("link", { name, exact: true });
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });

  // Its serial console: focus goes in, keys reach the guest, F6 leaves.
  await tabTo(page, link);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const tabs = page.getByRole("tablist", { name: "Instance details" });
  await tabTo(page, tabs.getByRole("tab"));
  const consoleTab = tabs.getByRole("tab", { name: "Console", exact: true });
  await arrowUntil(
    page,
    "ArrowRight",
    async () => (await consoleTab.getAttribute("aria-selected")) === "true",
  );
  await expect(page.getByTestId("console-status")).toHaveText("Connected", { timeout: 30_000 });
  const terminal = page.getByTestId("serial-console");
  await tabTo(page, terminal);
  const typed = `kbd${Date.now().toString(36)}`;
  await page.keyboard.type(typed);
  // The fake host's serial console echoes what it is sent.
  await expect(terminal).toContainText(typed);
  await page.keyboard.press("F6");
  expect(await holdsFocus(terminal)).toBe(false);
  await expect(page.getByRole("region", { name: "Serial console" })).toBeFocused();
  // Out of the terminal, Tab moves on again: back to the tab list with Shift+Tab.
  await tabTo(page, consoleTab, "Shift+Tab");
});

test("the network topology's list view leads to a router's details", async ({ newPage }) => {
  const page = await newPage();
  await page.goto("/login");
  await tabTo(page, page.getByLabel("Username"));
  await page.keyboard.type(DEMO_USERNAME);
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type(demoPassword());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/project(\?|$)/);

  await followNav(page, "Network topology");
  const listToggle = page.getByRole("button", { name: "List view" });
  await tabTo(page, listToggle);
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Diagram" })).toHaveAttribute("aria-pressed", "true");

  await tabTo(page, page.locator("main").getByRole("button", { name: "router1", exact: true }));
  await page.keyboard.press("Enter");
  const panel = page.getByRole("complementary", { name: "router1" });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("heading", { name: "router1" })).toBeFocused();
  await tabTo(page, panel.getByRole("link", { name: "Open details" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/project\/routers\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "router1" })).toBeVisible();
});
