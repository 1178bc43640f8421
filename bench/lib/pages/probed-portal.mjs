// A page of a running portal for the profiling benches (click-profile.mjs,
// typed-profile.mjs): Chromium with the page bench's flags and viewport, the
// page bench's probe in every document, logged in through the login form.
import { chromium } from "playwright";
import { CHROMIUM, CHROMIUM_ARGS } from "../chromium.mjs";
import { installPageProbe } from "./probes.mjs";

/** Returns the browser (close it when done) and a logged-in page on the project overview. */
export async function openProbedPortal({ url, user, password }) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ baseURL: url, viewport: { width: 1440, height: 900 } });
    await context.addInitScript(installPageProbe);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Username").fill(user);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/project(\?|$)/);
    return { browser, context, page };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
