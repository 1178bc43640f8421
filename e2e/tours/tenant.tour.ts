import {
  ensureBootableImage,
  INSTANCE_TIMEOUT,
  instanceRow,
  launchFromWizard,
  rowAction,
  statusOf,
} from "../compute/compute-helpers";
import { DEMO_USERNAME, demoPassword, logIn, uniqueSuffix } from "../fixtures";
import { createNetworkWithSubnet, createRouter, filterTable, topologyNode } from "../network/network-helpers";
import { expect, step, test } from "./tour";

/**
 * The tenant tour: a project member builds a small cloud of her own, from a
 * network to an instance with a public address, a volume and live metrics.
 * The network comes first so the instance can sit on it behind the new
 * router and take a floating IP. What it creates stays (unique names), so
 * the presenter can go on from there; see docs/demo-tours.md to tidy up.
 */
test.use({
  tour: {
    name: "tenant",
    title: "Tenant tour",
    summary:
      "A project member's day: a network, subnet and router; an instance launched on them, its console, a floating IP, a volume attached, its live metrics and the project's network topology.",
  },
});

const suffix = uniqueSuffix();
const networkName = `tour-net-${suffix}`;
const routerName = `tour-router-${suffix}`;
const instanceName = `tour-vm-${suffix}`;
const volumeName = `tour-data-${suffix}`;
/** The image to launch: ZENITH_DEMO_IMAGE, else launchFromWizard's choice (ZENITH_E2E_IMAGE, else the first listed). */
const image = process.env.ZENITH_DEMO_IMAGE || undefined;
const VOLUME_TIMEOUT = 60_000;
/** A CPU rate needs two samples 10 s apart; allow a few intervals more. */
const SAMPLES_TIMEOUT = 90_000;
const IP = String.raw`\d+\.\d+\.\d+\.\d+`;

test("tenant tour", async ({ tourPage: page }) => {
  let floatingIp = "";

  await step(page, "Log in as demo, a member of project demo", async () => {
    await logIn(page, DEMO_USERNAME, demoPassword());
  });

  let subnetLabel = "";
  await step(page, "Create a network with a subnet, on a free range the portal suggests", async () => {
    const { cidr } = await createNetworkWithSubnet(page, networkName);
    subnetLabel = `${networkName}: ${networkName}-subnet (${cidr})`;
  });

  await step(page, "Create a router: its gateway on public, an interface on the new subnet", async () => {
    await createRouter(page, routerName, subnetLabel);
  });

  await step(page, "Launch an instance on the new network with the launch wizard", async () => {
    await ensureBootableImage(page);
    await launchFromWizard(page, { name: instanceName, flavor: "m1.tiny", network: networkName, image });
  });

  await step(page, "The instance becomes Active, with an address on the new network", async () => {
    const row = await instanceRow(page, instanceName);
    await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
    await expect(row).toContainText(new RegExp(IP));
  });

  await step(page, "Open its serial console, right in the browser", async () => {
    await page.getByRole("link", { name: instanceName, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: instanceName })).toBeVisible();
    await page.getByRole("tab", { name: "Console", exact: true }).click();
    await expect(page.getByTestId("console-status")).toHaveText("Connected", { timeout: 30_000 });
    await page.getByTestId("serial-console").click();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("serial-console")).toContainText(/login:|#/);
  });

  await step(page, "Allocate a floating IP from the external network public", async () => {
    await page.goto("/project/floating-ips");
    await page.getByRole("button", { name: "Allocate floating IP" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Allocate floating IP" });
    await dialog.getByLabel("Pool").selectOption({ label: "public" });
    await dialog.getByRole("button", { name: "Allocate" }).click();
    await expect(dialog).toBeHidden();
    const toast = page.getByRole("status").filter({ hasText: /^Floating IP .* allocated\.$/ });
    await expect(toast).toBeVisible();
    floatingIp =
      new RegExp(`Floating IP (${IP}) allocated`).exec((await toast.textContent()) ?? "")?.[1] ?? "";
    expect(floatingIp).toMatch(new RegExp(`^${IP}$`));
  });

  await step(page, "Associate the floating IP with the instance", async () => {
    await filterTable(page, "Floating IPs", floatingIp);
    await page.getByRole("button", { name: `Associate ${floatingIp}`, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Associate ${floatingIp}` });
    await dialog.getByLabel("Instance").selectOption({ label: instanceName });
    // One port: the dialog names it; several would need a pick.
    const portChoice = dialog.getByLabel("Port");
    if ((await portChoice.count()) > 0) await portChoice.selectOption({ index: 1 });
    await dialog.getByRole("button", { name: "Associate" }).click();
    await expect(dialog).toBeHidden();
    const row = page
      .getByRole("table", { name: "Floating IPs", exact: true })
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: floatingIp, exact: true }) });
    await expect(row.getByRole("link", { name: instanceName, exact: true })).toBeVisible();
  });

  await step(page, "Create a 1 GiB volume; it becomes Available without a reload", async () => {
    await page.goto("/project/volumes");
    await page.getByRole("button", { name: "Create volume" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create volume" });
    await dialog.getByLabel("Name", { exact: true }).fill(volumeName);
    await dialog.getByLabel("Size (GiB)").fill("1");
    await dialog.getByRole("button", { name: "Create volume" }).click();
    await expect(dialog).toBeHidden();
    await page.getByLabel("Filter volumes by name").fill(volumeName);
    const row = page
      .getByRole("table", { name: "Volumes", exact: true })
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: volumeName, exact: true }) });
    await expect(row).toContainText("Available", { timeout: VOLUME_TIMEOUT });
  });

  await step(page, "Attach the volume to the instance; its Volumes tab shows it in use", async () => {
    await page.goto("/project/instances");
    await instanceRow(page, instanceName);
    await rowAction(page, instanceName, "Attach volume…");
    const dialog = page.getByRole("dialog", { name: `Attach volume to ${instanceName}` });
    await dialog.getByLabel("Volume", { exact: true }).selectOption({ label: `${volumeName} (1 GiB)` });
    await dialog.getByRole("button", { name: "Attach", exact: true }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole("link", { name: instanceName, exact: true }).click();
    await page.getByRole("tab", { name: "Volumes" }).click();
    const attached = page
      .getByRole("table", { name: "Attached volumes" })
      .getByRole("row")
      .filter({ hasText: volumeName });
    await expect(attached).toContainText("In use", { timeout: VOLUME_TIMEOUT });
  });

  await step(
    page,
    "The Metrics tab: CPU, memory, disk and network of the instance, pushed live",
    async () => {
      await page.getByRole("tab", { name: "Metrics" }).click();
      const cpu = page.locator('section[data-chart="CPU"]');
      await expect(cpu.getByRole("heading", { name: "CPU" })).toBeVisible();
      // The line is drawn once the host's samples give two points.
      await expect(cpu.locator("path.recharts-line-curve").filter({ visible: true }).first()).toHaveAttribute(
        "d",
        /^M[^M]+[LC]/,
        { timeout: SAMPLES_TIMEOUT },
      );
    },
  );

  await step(
    page,
    "The network topology: the router, the network and the instance with its floating IP",
    async () => {
      await page.goto("/project/network-topology");
      await expect(topologyNode(page, "Router", routerName)).toBeVisible();
      await expect(topologyNode(page, "Network", networkName)).toBeVisible();
      await expect(topologyNode(page, "Instance", instanceName)).toHaveAccessibleName(
        new RegExp(`floating IPs ${floatingIp.replaceAll(".", "\\.")}`),
      );
    },
  );
});
