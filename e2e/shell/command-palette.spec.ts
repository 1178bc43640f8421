import type { Page } from "@playwright/test";
import { ensureBootableImage, INSTANCE_TIMEOUT, instanceRow, statusOf } from "../compute/compute-helpers";
import { expect, test, uniqueSuffix } from "../fixtures";

/**
 * The command palette, keyboard only: Ctrl-K opens it, part of a server's
 * name finds it (server-side search) and Enter opens it; Tab shows the
 * server's actions and Stop opens the instance page's own confirmation;
 * every other kind (network, router, security group, image, floating IP,
 * key pair, project, user) runs an action of its row menu the same way,
 * on its page (`?action=`) or its list (`?action=&id=`), and the URL drops
 * them once the dialog is open; pages are a few letters away; what was
 * opened comes back as recent items; Escape closes and gives focus back
 * where it was.
 */

test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const instanceName = `pal-${suffix}-web`;

function palette(page: Page) {
  return page.getByRole("dialog", { name: "Command palette" });
}

async function openWithKeyboard(page: Page) {
  await page.keyboard.press("Control+k");
  await expect(palette(page)).toBeVisible();
  await expect(palette(page).getByRole("combobox", { name: "Search pages and resources" })).toBeFocused();
}

/** Waits until the given option is the active one (the input keeps focus; cmdk marks the row). */
async function expectActive(page: Page, name: string | RegExp) {
  await expect(palette(page).getByRole("option", { name, selected: true })).toBeVisible();
}

interface LaunchOptions {
  result: {
    data: {
      images: { id: string; name: string; status: string }[];
      flavors: { id: string; name: string; disabledReason?: string }[];
    };
  };
}

test("seed: an instance the palette will find (launched through the BFF)", async ({ adminPage: page }) => {
  await ensureBootableImage(page);
  const options = (await (await page.request.get("/api/trpc/compute.launchOptions")).json()) as LaunchOptions;
  const image =
    options.result.data.images.find((i) => i.name === process.env.ZENITH_E2E_IMAGE) ??
    options.result.data.images.find((i) => i.status === "active");
  const flavor = options.result.data.flavors.find((f) => f.name === "m1.tiny" && !f.disabledReason);
  expect(image && flavor).toBeTruthy();
  const launched = await page.request.post("/api/trpc/compute.instances.launch", {
    data: { name: instanceName, imageId: image?.id, flavorId: flavor?.id, networks: "none" },
  });
  expect(launched.ok()).toBe(true);
  await page.goto("/project/instances");
  const row = await instanceRow(page, instanceName);
  await expect(statusOf(row)).toHaveText("Active", { timeout: INSTANCE_TIMEOUT });
});

test("Ctrl-K, part of the name, Enter: the instance's page", async ({ adminPage: page }) => {
  await page.goto("/project");
  await openWithKeyboard(page);
  await page.keyboard.type(`${suffix}-we`);
  const group = palette(page).getByRole("group", { name: "Instances" });
  await expect(group.getByRole("option", { name: new RegExp(instanceName) })).toBeVisible();
  await expect(group.getByRole("option").first()).toContainText("Active");
  await expectActive(page, new RegExp(instanceName));
  await page.keyboard.press("Enter");
  await expect(palette(page)).toBeHidden();
  await expect(page).toHaveURL(/\/project\/instances\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: instanceName })).toBeVisible();
});

test("Tab shows the instance's actions; Stop asks first, then stops it", async ({ adminPage: page }) => {
  await page.goto("/project/volumes");
  await openWithKeyboard(page);
  await page.keyboard.type(instanceName);
  await expectActive(page, new RegExp(instanceName));
  await page.keyboard.press("Tab");
  const actions = palette(page).getByRole("group", { name: `Instances: ${instanceName}` });
  await expect(actions.getByRole("option", { name: "Open" })).toBeVisible();
  // The row menu's own reasons come along: a running instance cannot be started.
  await expect(actions.getByRole("option", { name: /^Start/ })).toHaveAttribute("aria-disabled", "true");
  await page.keyboard.type("stop");
  await expectActive(page, /^Stop…/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/project\/instances\/[0-9a-f-]{36}$/);
  const confirm = page.getByRole("dialog", { name: "Stop instance" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Stop instance" }).click();
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "SHUTOFF", {
    timeout: INSTANCE_TIMEOUT,
  });
});

test("the attach volume action opens the instance's attach dialog", async ({ adminPage: page }) => {
  await page.goto("/project");
  await openWithKeyboard(page);
  await page.keyboard.type(instanceName);
  await expectActive(page, new RegExp(instanceName));
  await page.keyboard.press("Tab");
  await page.keyboard.type("attach");
  await expectActive(page, /^Attach volume/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: `Attach volume to ${instanceName}` })).toBeVisible();
  await page.keyboard.press("Escape");
  // The modal dialog hides the page from the accessibility tree while it is open: check the tab after.
  await expect(page.getByRole("tab", { name: "Volumes", selected: true })).toBeVisible();
});

test("jump to a page; recent items come back when the query is empty", async ({ adminPage: page }) => {
  // Recent items live in this browser's storage: open a resource and a page from the palette here.
  await page.goto("/project");
  await openWithKeyboard(page);
  await page.keyboard.type(instanceName);
  await expectActive(page, new RegExp(instanceName));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: instanceName })).toBeVisible();

  await openWithKeyboard(page);
  await page.keyboard.type("key pai");
  await expectActive(page, /^Key pairs/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/project\/key-pairs$/);

  await openWithKeyboard(page);
  const recent = palette(page).getByRole("group", { name: "Recent" });
  await expect(recent.getByRole("option")).toHaveCount(2);
  await expect(recent.getByRole("option").first()).toContainText("Key pairs");
  await expect(recent.getByRole("option").nth(1)).toContainText(instanceName);
  // A recent resource keeps its actions one Tab away.
  await page.keyboard.press("ArrowDown");
  await expectActive(page, new RegExp(instanceName));
  await page.keyboard.press("Tab");
  await expect(palette(page).getByRole("group", { name: `Instances: ${instanceName}` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette(page).getByRole("group", { name: "Recent" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette(page)).toBeHidden();
});

test("says when nothing matches", async ({ adminPage: page }) => {
  await page.goto("/project");
  await openWithKeyboard(page);
  await page.keyboard.type(`nothing-${suffix}`);
  await expect(palette(page).getByRole("status")).toHaveText(`No matches for “nothing-${suffix}”.`);
});

test("Escape closes it and focus returns where it was", async ({ adminPage: page }) => {
  await page.goto("/project");
  const home = page.getByRole("link", { name: "Zenith", exact: true });
  await home.focus();
  await openWithKeyboard(page);
  await page.keyboard.press("Escape");
  await expect(palette(page)).toBeHidden();
  await expect(home).toBeFocused();

  // The top bar's button opens it too, and gets focus back.
  const trigger = page.getByRole("button", { name: /Search or jump to/ });
  await expect(trigger).toContainText("Ctrl K");
  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(palette(page)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(trigger).toBeFocused();
});

// ---- Every other kind: its row menu's actions, run from the palette ----

interface Seeded {
  network: { id: string; name: string };
  router: { id: string; name: string };
  securityGroup: { id: string; name: string };
  floatingIp: { id: string; address: string };
  keyPair: string;
  project: { id: string; name: string };
  user: { id: string; name: string };
  image: string;
}
let seeded: Seeded | undefined;

function seededOnes(): Seeded {
  if (!seeded) throw new Error("The seeding test did not run.");
  return seeded;
}

/** A tRPC mutation through the portal's proxy with the page's session (and the CSRF header forms send). */
async function mutate<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${path}`, {
    headers: { "x-zenith-csrf": "1" },
    data: input,
  });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

async function query<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api/trpc/${path}`);
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Keyboard only: finds `name` in the palette's `group`, moves to it, Tab to
 * its actions, types `typed` and runs the action `label` names with Enter.
 * `expectBefore` checks the actions view first (a reason shown, …).
 */
async function runFromPalette(
  page: Page,
  { group, name, typed, label }: { group: string; name: string; typed: string; label: RegExp },
  expectBefore?: (actions: ReturnType<typeof palette>) => Promise<void>,
) {
  await openWithKeyboard(page);
  await page.keyboard.type(name);
  const hit = palette(page)
    .getByRole("group", { name: group, exact: true })
    .getByRole("option", { name: new RegExp(escapeRegExp(name)) })
    .first();
  await expect(hit).toBeVisible();
  // Pages or other kinds may come first: arrow down to it (the input keeps focus; cmdk marks the row).
  await expect(async () => {
    if ((await hit.getAttribute("aria-selected")) !== "true") await page.keyboard.press("ArrowDown");
    await expect(hit).toHaveAttribute("aria-selected", "true", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press("Tab");
  const actions = palette(page).getByRole("group", { name: `${group}: ${name}` });
  await expect(actions.getByRole("option", { name: "Open" })).toBeVisible();
  await expectBefore?.(actions);
  await page.keyboard.type(typed);
  await expectActive(page, label);
  await page.keyboard.press("Enter");
  await expect(palette(page)).toBeHidden();
}

/** The dialog opened, on the page it belongs to, and the URL no longer names the action or the row. */
async function expectDialogOn(page: Page, path: RegExp, dialog: string, text?: string) {
  await expect(page).toHaveURL(path);
  const opened = page.getByRole("dialog", { name: dialog });
  await expect(opened).toBeVisible();
  if (text) await expect(opened).toContainText(text);
  await expect(page).toHaveURL((url) => !url.searchParams.has("action") && !url.searchParams.has("id"));
  await page.keyboard.press("Escape");
  await expect(opened).toBeHidden();
}

test("seed: one of every other kind the palette finds (through the BFF)", async ({ adminPage: page }) => {
  await ensureBootableImage(page);
  const options = (await query<LaunchOptions["result"]["data"]>(page, "compute.launchOptions")).images;
  const image =
    options.find((i) => i.name === process.env.ZENITH_E2E_IMAGE && i.status === "active") ??
    options.find((i) => i.status === "active" && i.name);
  const pools = await query<{ id: string }[]>(page, "network.floatingIps.pools");
  expect(image && pools[0]).toBeTruthy();
  const network = await mutate<{ network: { id: string } }>(page, "network.networks.create", {
    name: `pal-${suffix}-net`,
  });
  const router = await mutate<{ id: string }>(page, "network.routers.create", { name: `pal-${suffix}-rtr` });
  const group = await mutate<{ id: string }>(page, "network.securityGroups.create", {
    name: `pal-${suffix}-sg`,
  });
  const fip = await mutate<{ id: string; address: string }>(page, "network.floatingIps.allocate", {
    poolId: pools[0]?.id,
  });
  await mutate(page, "compute.keyPairs.create", { name: `pal-${suffix}-key` });
  const project = await mutate<{ id: string }>(page, "identity.projects.create", {
    name: `pal-${suffix}-prj`,
  });
  const user = await mutate<{ id: string }>(page, "identity.users.create", {
    name: `pal-${suffix}-usr`,
    password: `Pal-${suffix}-Passw0rd`,
  });
  seeded = {
    network: { id: network.network.id, name: `pal-${suffix}-net` },
    router: { id: router.id, name: `pal-${suffix}-rtr` },
    securityGroup: { id: group.id, name: `pal-${suffix}-sg` },
    floatingIp: fip,
    keyPair: `pal-${suffix}-key`,
    project: { id: project.id, name: `pal-${suffix}-prj` },
    user: { id: user.id, name: `pal-${suffix}-usr` },
    image: image?.name ?? "",
  };
});

interface KindCase {
  title: string;
  group: string;
  /** What to search, and what the actions view is headed with. */
  name: (made: Seeded) => string;
  typed: string;
  label: RegExp;
  /** Where the dialog opens: the resource's page or its list. */
  path: (made: Seeded) => RegExp;
  dialog: (made: Seeded) => string;
  /** Text the dialog shows about the resource, when its title does not name it. */
  text?: (made: Seeded) => string;
  /** An item the row menu would show as not applying, with its reason. */
  refused?: { label: RegExp; reason: string };
}

const KIND_CASES: KindCase[] = [
  {
    title: "a network: Edit opens its page's edit dialog",
    group: "Networks",
    name: (m) => m.network.name,
    typed: "edit",
    label: /^Edit/,
    path: (m) => new RegExp(`/project/networks/${m.network.id}`),
    dialog: (m) => `Edit network ${m.network.name}`,
  },
  {
    title: "a router without gateway: Clear gateway says why not; Set gateway opens its page's dialog",
    group: "Routers",
    name: (m) => m.router.name,
    typed: "set gat",
    label: /^Set gateway/,
    path: (m) => new RegExp(`/project/routers/${m.router.id}`),
    dialog: (m) => `Set gateway of ${m.router.name}`,
    refused: { label: /^Clear gateway/, reason: "It has no gateway." },
  },
  {
    title: "a security group: Add rule opens its page's rule dialog",
    group: "Security groups",
    name: (m) => m.securityGroup.name,
    typed: "add rule",
    label: /^Add rule/,
    path: (m) => new RegExp(`/project/security-groups/${m.securityGroup.id}`),
    dialog: (m) => `Add rule to ${m.securityGroup.name}`,
  },
  {
    title: "an image: Edit opens the images list's edit dialog on that image",
    group: "Images",
    name: (m) => m.image,
    typed: "edit",
    label: /^Edit/,
    path: () => /\/project\/images/,
    dialog: (m) => `Edit image ${m.image}`,
  },
  {
    title: "a free floating IP: Disassociate says why not; Release asks on the list",
    group: "Floating IPs",
    name: (m) => m.floatingIp.address,
    typed: "release",
    label: /^Release/,
    path: () => /\/project\/floating-ips/,
    dialog: () => "Release floating IP",
    text: (m) => m.floatingIp.address,
    refused: { label: /^Disassociate/, reason: "It is not associated with anything." },
  },
  {
    title: "a key pair: Delete asks on the key pairs list",
    group: "Key pairs",
    name: (m) => m.keyPair,
    typed: "delete",
    label: /^Delete/,
    path: () => /\/project\/key-pairs/,
    dialog: () => "Delete key pair",
    text: (m) => m.keyPair,
  },
  {
    title: "a project: Members opens the projects list's members dialog",
    group: "Projects",
    name: (m) => m.project.name,
    typed: "members",
    label: /^Members/,
    path: () => /\/identity\/projects/,
    dialog: (m) => `Members of ${m.project.name}`,
  },
  {
    title: "a user: Set password opens the users list's dialog",
    group: "Users",
    name: (m) => m.user.name,
    typed: "set pass",
    label: /^Set password/,
    path: () => /\/identity\/users/,
    dialog: (m) => `Set password of ${m.user.name}`,
  },
];

for (const c of KIND_CASES) {
  test(c.title, async ({ adminPage: page }) => {
    const made = seededOnes();
    await page.goto("/project");
    await runFromPalette(
      page,
      { group: c.group, name: c.name(made), typed: c.typed, label: c.label },
      async (actions) => {
        if (!c.refused) return;
        const refused = actions.getByRole("option", { name: c.refused.label });
        await expect(refused).toHaveAttribute("aria-disabled", "true");
        await expect(refused).toContainText(c.refused.reason);
      },
    );
    await expectDialogOn(page, c.path(made), c.dialog(made), c.text?.(made));
  });
}

test("a list URL naming a row that is not there says so, and drops the parameters", async ({
  adminPage: page,
}) => {
  await page.goto(`/project/key-pairs?action=delete&id=gone-${suffix}`);
  await expect(page.getByText(`Nothing with ID “gone-${suffix}” was found here`)).toBeVisible();
  await expect(page).toHaveURL(/\/project\/key-pairs$/);
  await expect(page.getByRole("dialog", { name: "Delete key pair" })).toHaveCount(0);
});

test("clean up what the palette tests made", async ({ adminPage: page }) => {
  const made = seededOnes();
  await mutate(page, "network.networks.delete", { id: made.network.id });
  await mutate(page, "network.routers.delete", { id: made.router.id });
  await mutate(page, "network.securityGroups.delete", { id: made.securityGroup.id });
  await mutate(page, "network.floatingIps.release", { id: made.floatingIp.id });
  await mutate(page, "compute.keyPairs.delete", { name: made.keyPair });
  await mutate(page, "identity.users.delete", { id: made.user.id });
  await mutate(page, "identity.projects.delete", { id: made.project.id });
});
