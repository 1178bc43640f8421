// Screenshots of the topology for the docs, taken by bench/topology-ui.mjs
// with Playwright on the running stack. PNGs go to docs/images/.
import { statSync } from "node:fs";
import { join } from "node:path";

export const THEME_KEY = "zenith-theme";

/** Waits until the diagram is on screen and its live stream is connected. */
export async function waitForDiagram(page) {
  await page.waitForSelector('[data-topology-ready="true"]');
  await page.getByText("Live", { exact: true }).waitFor();
  await settleViewport(page);
}

/** Waits until React Flow's viewport transform has stayed the same for 10 frames (animations done). */
export async function settleViewport(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const viewport = document.querySelector(".react-flow__viewport");
        let last = viewport?.getAttribute("style");
        let still = 0;
        const tick = () => {
          const now = viewport?.getAttribute("style");
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 10) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

async function setTheme(page, theme) {
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [THEME_KEY, theme]);
  await page.reload();
  await waitForDiagram(page);
}

async function shoot(page, dir, name, shots) {
  const path = join(dir, name);
  // Reduced motion: no fade or pulse caught half-way.
  await page.screenshot({ path, animations: "disabled" });
  shots.push({ name, kiB: statSync(path).size / 1024 });
}

/**
 * The small project topology (light and dark), an instance's detail panel
 * and the list view. `page` is logged in; `instanceName` names an
 * instance drawn in the diagram.
 */
export async function smallTopologyScreens(page, dir, instanceName) {
  const shots = [];
  await page.goto("/project/network-topology");
  await waitForDiagram(page);
  await setTheme(page, "light");
  await shoot(page, dir, "topology-project-light.png", shots);
  await setTheme(page, "dark");
  await shoot(page, dir, "topology-project-dark.png", shots);
  await setTheme(page, "light");
  await page.locator(".react-flow__node", { hasText: instanceName }).first().click();
  await page.getByRole("button", { name: "Close details" }).waitFor();
  await settleViewport(page);
  await shoot(page, dir, "topology-instance-panel.png", shots);
  await page.getByRole("button", { name: "Close details" }).click();
  await page.getByRole("button", { name: "List view" }).click();
  await page.getByRole("list", { name: "Network topology" }).waitFor();
  await shoot(page, dir, "topology-list-view.png", shots);
  await page.getByRole("button", { name: "Diagram" }).click();
  return shots;
}

/** The large graph fitted into a wide viewport (drawn at half scale, so the PNG stays small). */
export async function largeTopologyScreen(browser, storageState, baseURL, dir) {
  const context = await browser.newContext({
    baseURL,
    storageState,
    viewport: { width: 2560, height: 1400 },
    deviceScaleFactor: 0.5,
    reducedMotion: "reduce",
  });
  const shots = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto("/project/network-topology");
    await waitForDiagram(page);
    await page.locator(".react-flow__controls-fitview").click();
    await settleViewport(page);
    // Nearly every node is in view once fitted: wait until React Flow has drawn them.
    await page.waitForFunction(
      () =>
        document.querySelectorAll(".react-flow__node").length >=
        0.9 * Number(document.querySelector("[data-topology-nodes]")?.getAttribute("data-topology-nodes")),
      undefined,
      { timeout: 60_000 },
    );
    await shoot(page, dir, "topology-500-instances.png", shots);
  } finally {
    await context.close();
  }
  return shots;
}
