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
