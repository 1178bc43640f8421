import type { Page } from "@playwright/test";
import {
  ensureBootableImage,
  expectNoReload,
  INSTANCE_TIMEOUT,
  instanceRow,
  launchFromWizard,
  markDocument,
} from "../compute/compute-helpers";
import { ADMIN_USERNAME, adminPassword, expect, logIn, test, uniqueSuffix } from "../fixtures";
import {
  createNetworkWithSubnet,
  createRouter,
  deleteNetwork,
  deleteRouter,
  escapeRegExp,
  filterTable,
  topologyNode,
} from "./network-helpers";

test.describe.configure({ mode: "serial" });
// Room for the whole diagram on screen: the drag below needs both ends in the viewport.
test.use({ viewport: { width: 1600, height: 1100 } });

const suffix = uniqueSuffix();
const firstNetwork = `topo-a-${suffix}`;
const secondNetwork = `topo-b-${suffix}`;
const routerName = `topo-r-${suffix}`;
const instanceName = `topo-vm-${suffix}`;
let floatingIp = "";

const IP = String.raw`\d+\.\d+\.\d+\.\d+`;

/** The instance's detail panel in the diagram (opened by clicking its node). */
async function openPanel(page: Page, name: string) {
  await topologyNode(page, "Instance", name).click();
  const panel = page.getByRole("complementary", { name });
  await expect(panel).toBeVisible();
  return panel;
}

test("set up two networks and a router with a gateway on public", async ({ adminPage: page }) => {
  const first = await createNetworkWithSubnet(page, firstNetwork);
  await createNetworkWithSubnet(page, secondNetwork);
  await createRouter(page, routerName, `${firstNetwork}: ${firstNetwork}-subnet (${first.cidr})`);
});

test("launch an instance on the network: its node appears in the open topology without a reload", async ({
  adminPage: topology,
  newPage,
}) => {
  test.setTimeout(120_000);
  await topology.goto("/project/network-topology");
  await expect(topologyNode(topology, "Network", firstNetwork)).toBeVisible();
  await expect(topologyNode(topology, "Router", routerName)).toBeVisible();
  await expect(topologyNode(topology, "Instance", instanceName)).toHaveCount(0);
  await markDocument(topology);

  const wizard = await newPage();
  await logIn(wizard, ADMIN_USERNAME, adminPassword());
  await ensureBootableImage(wizard);
  await launchFromWizard(wizard, { name: instanceName, flavor: "m1.tiny", network: firstNetwork });

  const node = topologyNode(topology, "Instance", instanceName);
  await expect(node).toBeVisible();
  await expect(node).toHaveAccessibleName(new RegExp(`status ACTIVE .*addresses ${IP}`), {
    timeout: INSTANCE_TIMEOUT,
  });
  await expectNoReload(topology);
});

test("associate a floating IP from the diagram's panel: the node shows it", async ({ adminPage: page }) => {
  await page.goto("/project/network-topology");
  await markDocument(page);
  const panel = await openPanel(page, instanceName);
  await panel.getByRole("button", { name: "Associate floating IP" }).click();
  const dialog = page.getByRole("dialog", { name: "Associate floating IP" });
  await dialog.getByRole("button", { name: "Associate" }).click();
  await expect(dialog).toBeHidden();

  const node = topologyNode(page, "Instance", instanceName);
  await expect(node).toHaveAccessibleName(new RegExp(`floating IPs ${IP}`));
  const label = (await node.getAttribute("aria-label")) ?? "";
  floatingIp = new RegExp(`floating IPs (${IP})`).exec(label)?.[1] ?? "";
  await expect(node).toContainText(floatingIp);
  await expectNoReload(page);
});

test("find the instance with the search box, keyboard only: Enter selects and focuses its node, Escape closes", async ({
  adminPage: page,
}) => {
  await page.goto("/project/network-topology");
  await expect(topologyNode(page, "Instance", instanceName)).toBeVisible();
  const search = page.getByRole("combobox", { name: "Find a node by name or address" });
  const matches = page.getByRole("listbox", { name: "Matching nodes" });
  const options = matches.getByRole("option");
  const instanceOption = matches.getByRole("option", { name: new RegExp(`^${escapeRegExp(instanceName)}`) });
  await search.focus();
  await expect(search).toHaveAttribute("aria-expanded", "false");

  // By its floating IP: the instance is among the matches, with the address it matched on.
  await search.pressSequentially(floatingIp);
  await expect(instanceOption).toContainText(floatingIp);
  await expect(search).toHaveAttribute("aria-expanded", "true");

  // By the run's suffix, in every name made here (two networks, the router, the instance).
  await search.fill("");
  await search.pressSequentially(suffix);
  await expect(options).toHaveCount(4);
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await expect(search).toHaveAttribute(
    "aria-activedescendant",
    (await options.first().getAttribute("id")) ?? "",
  );
  await page.keyboard.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(search).toHaveAttribute(
    "aria-activedescendant",
    (await options.nth(1).getAttribute("id")) ?? "",
  );
  await page.keyboard.press("ArrowUp");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");

  // Escape closes the list and keeps the text; ArrowDown opens it again.
  await page.keyboard.press("Escape");
  await expect(matches).toBeHidden();
  await expect(search).toHaveAttribute("aria-expanded", "false");
  await expect(search).not.toHaveAttribute("aria-activedescendant");
  await expect(search).toHaveValue(suffix);
  await page.keyboard.press("ArrowDown");
  await expect(options).toHaveCount(4);

  // Down to the instance (names sort: topo-a, topo-b, topo-r, topo-vm), then Enter picks it.
  for (let presses = 0; presses < 4; presses++) {
    if ((await instanceOption.getAttribute("aria-selected")) === "true") break;
    await page.keyboard.press("ArrowDown");
  }
  await expect(instanceOption).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(matches).toBeHidden();
  const node = topologyNode(page, "Instance", instanceName);
  await expect(node).toBeFocused();
  await expect(node).toHaveClass(/\bselected\b/);
});

test("drag from the instance to the second network: after confirming it gets a second address", async ({
  adminPage: page,
}) => {
  await page.goto("/project/network-topology");
  await markDocument(page);
  const node = topologyNode(page, "Instance", instanceName);
  const target = topologyNode(page, "Network", secondNetwork);
  await expect(node).toHaveAccessibleName(new RegExp(`addresses ${IP}, floating`));

  await page.getByRole("application", { name: "Network topology diagram" }).scrollIntoViewIfNeeded();
  // From the instance's outgoing handle (its bottom edge) onto the network's bar.
  const handle = node.locator(".react-flow__handle.source");
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error("the instance's handle or the network is not on screen");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();

  const dialog = page.getByRole("dialog", { name: "Attach interface" });
  await expect(dialog).toContainText(`Attach ${instanceName} to ${secondNetwork}?`);
  await dialog.getByRole("button", { name: "Attach" }).click();
  await expect(dialog).toBeHidden();

  await expect(node).toHaveAccessibleName(new RegExp(`addresses ${IP}, ${IP}, floating`), {
    timeout: INSTANCE_TIMEOUT,
  });
  await expectNoReload(page);

  // Three addresses now: the instances list shows two and "+1 more", whose full list a keyboard
  // user reads on focus (a tooltip outside the table's scroll box) and Escape hides.
  const list = await page.context().newPage();
  await list.goto("/project/instances");
  const row = await instanceRow(list, instanceName);
  const more = row.getByRole("button", { name: "+1 more" });
  await more.focus();
  const tooltip = list.getByRole("tooltip");
  await expect(tooltip).toContainText(`${floatingIp} (floating,`);
  for (const network of [firstNetwork, secondNetwork]) await expect(tooltip).toContainText(`(${network})`);
  await expect(more).toHaveAccessibleDescription(new RegExp(escapeRegExp(secondNetwork)));
  await list.keyboard.press("Escape");
  await expect(tooltip).toBeHidden();
  await list.close();

  // The instance's Interfaces tab says the same: one port on each network.
  await node.click();
  await page
    .getByRole("complementary", { name: instanceName })
    .getByRole("link", { name: "Open details" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: instanceName })).toBeVisible();
  await page.getByRole("tab", { name: "Interfaces" }).click();
  const interfaces = page.getByRole("table", { name: "Interfaces" });
  for (const network of [firstNetwork, secondNetwork]) {
    await expect(interfaces.getByRole("row").filter({ hasText: network })).toContainText(new RegExp(IP));
  }
  await expect(interfaces.getByRole("row").filter({ hasText: firstNetwork })).toContainText(floatingIp);
});

test("select the instance's edge to the second network and detach it: the edge and the address go live", async ({
  adminPage: page,
}) => {
  await page.goto("/project/network-topology");
  await markDocument(page);
  const diagram = page.getByRole("application", { name: "Network topology diagram" });
  const node = topologyNode(page, "Instance", instanceName);
  const edge = diagram.getByRole("group", {
    name: new RegExp(
      `^Port (${IP}) joining ${escapeRegExp(instanceName)} to ${escapeRegExp(secondNetwork)},`,
    ),
  });
  await expect(edge).toHaveCount(1);
  const secondAddress =
    new RegExp(`^Port (${IP}) `).exec((await edge.getAttribute("aria-label")) ?? "")?.[1] ?? "";
  expect(secondAddress).not.toBe("");
  // The whole address, in either place: the node lists its ports in no set order.
  const second = new RegExp(`(?<![\\d.])${escapeRegExp(secondAddress)}(?![\\d.])`);
  await expect(node).toHaveAccessibleName(second);

  // Keyboard: Delete on the focused edge asks first; cancelling leaves the edge alone.
  await edge.focus();
  await page.keyboard.press("Delete");
  const dialog = page.getByRole("dialog", { name: "Detach interface" });
  await expect(dialog).toContainText(`Detach ${instanceName} from ${secondNetwork}`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(edge).toHaveCount(1);

  // Enter opens the edge's panel, whose action detaches it (the same confirmation).
  await edge.focus();
  await page.keyboard.press("Enter");
  const panel = page.getByRole("complementary", { name: `Port ${secondAddress}` });
  await expect(panel).toContainText(secondNetwork);
  await panel.getByRole("button", { name: "Detach interface" }).click();
  await expect(dialog).toContainText(`Detach ${instanceName} from ${secondNetwork}`);
  await dialog.getByRole("button", { name: "Detach", exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect(edge).toHaveCount(0, { timeout: INSTANCE_TIMEOUT });
  await expect(node).toHaveAccessibleName(
    new RegExp(`addresses ${IP}, floating IPs ${escapeRegExp(floatingIp)}`),
  );
  await expect(node).not.toHaveAccessibleName(second);
  await expect(topologyNode(page, "Network", secondNetwork)).toBeVisible();
  await expectNoReload(page);

  // The Interfaces tab agrees: only the first network's port is left.
  await node.click();
  await page
    .getByRole("complementary", { name: instanceName })
    .getByRole("link", { name: "Open details" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: instanceName })).toBeVisible();
  await page.getByRole("tab", { name: "Interfaces" }).click();
  const interfaces = page.getByRole("table", { name: "Interfaces" });
  await expect(interfaces.getByRole("row").filter({ hasText: firstNetwork })).toContainText(floatingIp);
  await expect(interfaces.getByRole("row").filter({ hasText: secondNetwork })).toHaveCount(0);
  await expect(interfaces).not.toContainText(second);
});

test("delete the instance from the diagram: its node goes without a reload", async ({ adminPage: page }) => {
  await page.goto("/project/network-topology");
  await markDocument(page);
  const panel = await openPanel(page, instanceName);
  await panel.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete instance" });
  await expect(dialog.getByRole("listitem")).toHaveText([instanceName]);
  await dialog.getByRole("button", { name: "Delete instance" }).click();
  await expect(dialog).toBeHidden();

  await expect(topologyNode(page, "Instance", instanceName)).toHaveCount(0, { timeout: INSTANCE_TIMEOUT });
  await expect(topologyNode(page, "Network", secondNetwork)).toBeVisible();
  await expectNoReload(page);
});

test("release the floating IP, delete the router and both networks: their nodes go live", async ({
  adminPage: topology,
  newPage,
}) => {
  await topology.goto("/project/network-topology");
  const gone = [
    topologyNode(topology, "Router", routerName),
    topologyNode(topology, "Network", firstNetwork),
    topologyNode(topology, "Network", secondNetwork),
  ];
  for (const node of gone) await expect(node).toBeVisible();
  await markDocument(topology);

  const page = await newPage();
  await logIn(page, ADMIN_USERNAME, adminPassword());
  if (floatingIp) {
    await page.goto("/project/floating-ips");
    await filterTable(page, "Floating IPs", floatingIp);
    await page.getByRole("button", { name: `Release ${floatingIp}`, exact: true }).click();
    const release = page.getByRole("dialog", { name: "Release floating IP" });
    await release.getByRole("button", { name: "Release" }).click();
    await expect(release).toBeHidden();
  }
  await deleteRouter(page, routerName);
  await deleteNetwork(page, firstNetwork);
  await deleteNetwork(page, secondNetwork);

  for (const node of gone) await expect(node).toHaveCount(0);
  await expectNoReload(topology);
});
