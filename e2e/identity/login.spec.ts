import { ADMIN_USERNAME, adminPassword, expect, logIn, logOut, test } from "../fixtures";

test("a wrong password shows a clear error", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill(ADMIN_USERNAME);
  await page.getByLabel("Password").fill("definitely-not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid username or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("an expired session is explained on the login page", async ({ page }) => {
  await page.goto("/login?reason=expired");
  await expect(page.getByText("Your session has expired. Please log in again.")).toBeVisible();
});

test("the Keystone token never reaches browser JavaScript", async ({ page }) => {
  await logIn(page, ADMIN_USERNAME, adminPassword());
  const exposed = await page.evaluate(async () => {
    const session = await fetch("/api/auth/session").then((r) => r.text());
    return { cookies: document.cookie, storage: JSON.stringify(window.localStorage), session };
  });
  expect(exposed.cookies).not.toContain("authjs.session-token");
  expect(exposed.storage).not.toMatch(/token/i);
  expect(exposed.session).not.toContain('"token"');
  expect(exposed.session).not.toContain("keystone");
});

test("logging out ends the session", async ({ page }) => {
  await logIn(page, ADMIN_USERNAME, adminPassword());
  await logOut(page);
  await page.goto("/project");
  await expect(page).toHaveURL(/\/login/);
  const me = await page.request.get("/api/trpc/session.me");
  expect(me.status()).toBe(401);
});
