import type { Browser, Page } from "@playwright/test";
import { ADMIN_USERNAME, adminPassword, expect, test, uniqueSuffix } from "../fixtures";

/**
 * Two languages: a browser that prefers Simplified Chinese gets the Chinese
 * shell and pages from the server's first response (no locale in the URL);
 * the user menu switches to English and back, keeping the page's URL (its
 * list state); the choice sticks (cookie) over the browser's preference;
 * dates follow the language.
 */

const credential = `i18n-${uniqueSuffix()}`;
const listUrl = `/identity/application-credentials?q=${credential}`;

async function chinesePage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  return context.newPage();
}

async function logInInChinese(page: Page) {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "登录云门户" })).toBeVisible();
  await page.getByLabel("用户名").fill(ADMIN_USERNAME);
  await page.getByLabel("密码").fill(adminPassword());
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/project(\?|$)/);
}

async function chooseLanguage(page: Page, menuButton: RegExp, language: "English" | "简体中文") {
  await page.getByRole("button", { name: menuButton }).click();
  await page.getByRole("menuitem", { name: language }).click();
}

test("a Chinese browser gets the Chinese portal; the user menu switches language and keeps the URL", async ({
  browser,
  baseURL,
}) => {
  const page = await chinesePage(browser, baseURL);
  try {
    await logInInChinese(page);

    // The shell, in Chinese.
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "实例", exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: "安全组" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "应用凭证" })).toBeVisible();
    await expect(page.getByRole("button", { name: `${ADMIN_USERNAME} 的用户菜单` })).toBeVisible();

    // An identity page: create a credential that expires, in Chinese.
    await page.goto("/identity/application-credentials");
    await expect(page.getByRole("heading", { level: 1, name: "应用凭证" })).toBeVisible();
    await page.getByRole("button", { name: "创建应用凭证" }).click();
    const form = page.getByRole("dialog", { name: "创建应用凭证" });
    await form.getByLabel("名称", { exact: true }).fill(credential);
    await form.getByLabel("过期日期").fill("2099-12-31");
    await form.getByRole("button", { name: "创建凭证" }).click();
    const created = page.getByRole("dialog", { name: "应用凭证已创建" });
    await expect(created.getByRole("alert")).toContainText("密钥不会再次显示");
    await created.getByRole("button", { name: "我已保存密钥" }).click();

    // The list, filtered through its URL; the expiry date in Chinese.
    await page.goto(listUrl);
    const table = page.getByRole("table", { name: "应用凭证" });
    const row = table.getByRole("row").filter({ hasText: credential });
    await expect(row).toContainText(/2099年12月31日/);
    await expect(page.getByRole("columnheader", { name: "过期时间" })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "按名称筛选应用凭证" })).toHaveValue(credential);

    // To English from the user menu: same URL, same filter, English text and dates.
    await chooseLanguage(page, /的用户菜单$/, "English");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Application credentials" })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`q=${credential}`));
    await expect(page.getByRole("searchbox", { name: "Filter application credentials by name" })).toHaveValue(
      credential,
    );
    const englishRow = page
      .getByRole("table", { name: "Application credentials" })
      .getByRole("row")
      .filter({ hasText: credential });
    await expect(englishRow).toContainText(/Dec 31, 2099/);
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instances", exact: true }),
    ).toBeVisible();

    // The choice is kept over the browser's Chinese preference.
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Application credentials" })).toBeVisible();

    // And back to Chinese.
    await chooseLanguage(page, /^User menu for /, "简体中文");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: "应用凭证" })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`q=${credential}`));

    // Clean up, in Chinese.
    await page.getByRole("button", { name: `删除 ${credential}` }).click();
    await page
      .getByRole("dialog", { name: "删除应用凭证" })
      .getByRole("button", { name: "删除凭证" })
      .click();
    // Gone: the filtered list says, in Chinese, that nothing matches.
    await expect(page.getByRole("button", { name: `删除 ${credential}` })).toHaveCount(0);
    await expect(table).toContainText(`没有与“${credential}”匹配的项。`);
  } finally {
    await page.context().close();
  }
});

test("an English browser (Playwright's default en-US) gets the English portal", async ({ newPage }) => {
  const page = await newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Log in to the cloud portal" })).toBeVisible();
  await expect(page.getByLabel("Username")).toBeVisible();
});
