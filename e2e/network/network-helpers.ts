import { expect, type Locator, type Page } from "@playwright/test";

/** One network's row in a networks table (its name link, so "No networks match." never counts). */
export function networkRow(page: Page, name: string, table = "Networks"): Locator {
  return page
    .getByRole("table", { name: table, exact: true })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** Filters a paged table by name, so the row looked for is on the first page. */
export async function filterTable(page: Page, table: string, name: string): Promise<void> {
  await page.getByLabel(`Filter ${table.toLowerCase()} by name`).fill(name);
}

export interface CreatedNetwork {
  id: string;
  cidr: string;
}

/**
 * Creates a network with one subnet from the Networks page, on the first
 * free range the dialog suggests (so runs never collide), and lands on the
 * new network's page.
 */
export async function createNetworkWithSubnet(
  page: Page,
  name: string,
  subnetName = `${name}-subnet`,
): Promise<CreatedNetwork> {
  await page.goto("/project/networks");
  await page.getByRole("button", { name: "Create network" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create network" });
  await dialog.getByLabel("Network name").fill(name);
  await dialog.getByLabel("Subnet name").fill(subnetName);
  await dialog.getByRole("button", { name: /^Use / }).first().click();
  const cidr = await dialog.getByLabel("CIDR", { exact: true }).inputValue();
  expect(cidr).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
  await dialog.getByRole("button", { name: "Create network" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/project\/networks\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const id = page.url().split("/").pop() ?? "";
  return { id, cidr };
}

/** Deletes a network from the Networks page (it must be unused by then). */
export async function deleteNetwork(page: Page, name: string): Promise<void> {
  await page.goto("/project/networks");
  await filterTable(page, "Networks", name);
  await page.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete network" });
  await dialog.getByRole("button", { name: "Delete network" }).click();
  await expect(dialog).toBeHidden();
  await expect(networkRow(page, name)).toHaveCount(0);
}

/** Picks an item of a row's (or a page header's) action menu. */
export async function menuAction(page: Page, subject: string, item: string): Promise<void> {
  await page
    .getByRole("button", { name: `Actions for ${subject}`, exact: true })
    .first()
    .click();
  await page
    .getByRole("menu", { name: `Actions for ${subject}` })
    .getByRole("menuitem", { name: item, exact: true })
    .click();
}

interface TrpcEnvelope<T> {
  result?: { data?: T };
  error?: { data?: { code?: string } };
}

/** Calls a tRPC query through the portal's proxy with the page's session. */
export async function trpcQuery<T>(
  page: Page,
  path: string,
  input?: unknown,
): Promise<{ status: number; data?: T; code?: string }> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await page.request.get(`/api/trpc/${path}${query}`);
  const body = (await response.json()) as TrpcEnvelope<T>;
  return { status: response.status(), data: body.result?.data, code: body.error?.data?.code };
}

/**
 * Creates a router from the Routers page with its gateway on `public` and,
 * when given, an interface on one subnet (`<network>: <subnet> (<cidr>)`).
 */
export async function createRouter(page: Page, name: string, subnetLabel?: string): Promise<void> {
  await page.goto("/project/routers");
  await page.getByRole("button", { name: "Create router" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create router" });
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("External network").selectOption({ label: "public" });
  await dialog.getByRole("button", { name: "Create router" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Gateway on public")).toBeVisible();
  if (!subnetLabel) return;

  await page.getByRole("tab", { name: "Interfaces" }).click();
  await page.getByRole("button", { name: "Add interface" }).first().click();
  const add = page.getByRole("dialog", { name: "Add interface" });
  await add.getByLabel("Subnet").selectOption({ label: subnetLabel });
  await add.getByRole("button", { name: "Add interface" }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole("table", { name: "Interfaces" }).getByRole("row")).toHaveCount(2);
}

/** Removes a router's interfaces from its page, then deletes it. */
export async function deleteRouter(page: Page, name: string): Promise<void> {
  await page.goto("/project/routers");
  await filterTable(page, "Routers", name);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("tab", { name: "Interfaces" }).click();
  const interfaces = page.getByRole("table", { name: "Interfaces" });
  while ((await interfaces.count()) > 0) {
    const before = await interfaces.getByRole("row").count();
    await interfaces
      .getByRole("button", { name: /^Remove / })
      .first()
      .click();
    const remove = page.getByRole("dialog", { name: "Remove interface" });
    await remove.getByRole("button", { name: "Remove interface" }).click();
    await expect(remove).toBeHidden();
    if (before > 2) await expect(interfaces.getByRole("row")).toHaveCount(before - 1);
    else await expect(interfaces).toHaveCount(0);
  }
  await menuAction(page, name, "Delete router");
  const confirm = page.getByRole("dialog", { name: "Delete router" });
  await confirm.getByRole("button", { name: "Delete router" }).click();
  await expect(page).toHaveURL(/\/project\/routers$/);
}

/** A node of the topology diagram, by its kind and name (React Flow's nodes are labelled groups). */
export function topologyNode(page: Page, kind: "Instance" | "Network" | "Router", name: string): Locator {
  return page
    .getByRole("application")
    .getByRole("group", { name: new RegExp(`^${kind} ${escapeRegExp(name)},`) });
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
