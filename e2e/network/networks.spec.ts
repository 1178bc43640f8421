import { expect, test, uniqueSuffix } from "../fixtures";
import {
  createNetworkWithSubnet,
  createRouter,
  deleteNetwork,
  deleteRouter,
  filterTable,
  networkRow,
} from "./network-helpers";

test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const networkName = `net-${suffix}`;
const subnetName = `net-${suffix}-subnet`;
const routerName = `rtr-${suffix}`;
let network = { id: "", cidr: "" };

test("create a network with its subnet from the Networks page", async ({ adminPage: page }) => {
  network = await createNetworkWithSubnet(page, networkName, subnetName);

  await page.getByRole("tab", { name: /^Subnets/ }).click();
  const subnets = page.getByRole("table", { name: "Subnets" });
  await expect(subnets.getByRole("row").filter({ hasText: subnetName })).toContainText(network.cidr);

  await page.goto("/project/networks");
  await filterTable(page, "Networks", networkName);
  await expect(networkRow(page, networkName)).toContainText(network.cidr);
});

test("an overlapping CIDR and a bad gateway are refused in the form, with the reason", async ({
  adminPage: page,
}) => {
  await page.goto(`/project/networks/${network.id}`);
  await page.getByRole("tab", { name: /^Subnets/ }).click();
  await page.getByRole("button", { name: "Add subnet" }).click();
  const dialog = page.getByRole("dialog", { name: "Add subnet" });
  const cidr = dialog.getByLabel("CIDR", { exact: true });
  const gateway = dialog.getByLabel("Gateway IP");

  // The same range again: Neutron's own words reach the CIDR field.
  await cidr.fill(network.cidr);
  await dialog.getByRole("button", { name: "Add subnet" }).click();
  await expect(cidr).toHaveAttribute("aria-invalid", "true");
  await expect(cidr).toHaveAccessibleDescription(/overlaps with another subnet/);
  await expect(dialog).toBeVisible();

  // A free range, but a gateway outside it: the form says where it must lie.
  await dialog.getByRole("button", { name: /^Use / }).first().click();
  const freeCidr = await cidr.inputValue();
  expect(freeCidr).not.toBe(network.cidr);
  await gateway.fill("192.0.2.1");
  await dialog.getByRole("button", { name: "Add subnet" }).click();
  await expect(gateway).toHaveAccessibleDescription(`The gateway must lie inside ${freeCidr}.`);

  // Inside the range but its network address, not a host: only the API knows, and says so.
  const networkAddress = freeCidr.split("/")[0] ?? "";
  await gateway.fill(networkAddress);
  await dialog.getByRole("button", { name: "Add subnet" }).click();
  await expect(gateway).toHaveAccessibleDescription(/Gateway is not valid on subnet/);

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("tab", { name: "Subnets (1)" })).toBeVisible();
});

test("create a router with a gateway on public and an interface on the new subnet", async ({
  adminPage: page,
}) => {
  await createRouter(page, routerName, `${networkName}: ${subnetName} (${network.cidr})`);

  const interfaces = page.getByRole("table", { name: "Interfaces" });
  await expect(interfaces.getByRole("row").filter({ hasText: networkName })).toContainText(subnetName);
  await expect(page.getByText("1 interface", { exact: false })).toBeVisible();
});

test("deleting the network while the router uses it is refused with the reason", async ({
  adminPage: page,
}) => {
  await page.goto("/project/networks");
  await filterTable(page, "Networks", networkName);
  await page.getByRole("button", { name: `Delete ${networkName}`, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete network" });
  await dialog.getByRole("button", { name: "Delete network" }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    `Network ${networkName} is in use. Interface of router ${routerName}.`,
  );
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(networkRow(page, networkName)).toBeVisible();
});

test("the network's page says what holds it, with its ports and instances paged in their tabs", async ({
  adminPage: page,
}) => {
  await page.goto(`/project/networks/${network.id}`);
  await expect(
    page.getByText(`In use. Interface of router ${routerName}. Remove them before deleting the network.`),
  ).toBeVisible();
  // The router's interface and DHCP's port (once its agent made it): a small network's counts are exact.
  await expect(page.getByRole("tab", { name: /^Ports \([12]\)$/ })).toBeVisible();
  await page.getByRole("tab", { name: "Instances (0)" }).click();
  await expect(page.getByText("No instances on this network")).toBeVisible();
  await page.getByRole("tab", { name: /^Ports/ }).click();
  const ports = page.getByRole("table", { name: "Ports" });
  await expect(ports.getByRole("row").filter({ hasText: routerName })).toBeVisible();
});

test("clean up: remove the interface, delete the router, then the network goes", async ({
  adminPage: page,
}) => {
  await deleteRouter(page, routerName);
  await deleteNetwork(page, networkName);
});
