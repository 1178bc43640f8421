import type { Page } from "@playwright/test";
import { DEMO_USERNAME, demoPassword, expect, logIn, test, uniqueSuffix } from "../fixtures";
import { createNetworkWithSubnet, deleteNetwork, topologyNode, trpcQuery } from "./network-helpers";

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1600, height: 1100 } });

// One network of the admin project beside demo's bootstrap `private`: two projects in one diagram.
const adminNetwork = `admtopo-${uniqueSuffix()}`;

/** The admin topology's project filter. */
function projectFilter(page: Page) {
  return page.getByLabel("Filter by project");
}

/** Networks, routers and instances of any project but `project` (the external network is everyone's). */
function tenantNodesNotOf(page: Page, project: string) {
  return page
    .getByRole("application", { name: "Network topology diagram" })
    .getByRole("group", { name: new RegExp(`^(Network|Router|Instance) .*, project (?!${project}$)`) });
}

/** The list view's network entries (their names are buttons that open the node's panel). */
function listedNode(page: Page, name: string) {
  return page.getByRole("list", { name: "Network topology" }).getByRole("button", { name, exact: true });
}

async function showList(page: Page) {
  await page.getByRole("button", { name: "List view" }).click();
  await expect(page.getByRole("list", { name: "Network topology" })).toBeVisible();
}

async function showDiagram(page: Page) {
  await page.getByRole("button", { name: "Diagram" }).click();
  await expect(page.getByRole("application", { name: "Network topology diagram" })).toBeVisible();
}

test("set up: a network in the admin project", async ({ adminPage: page }) => {
  await createNetworkWithSubnet(page, adminNetwork);
});

test("the admin topology shows the networks of several projects, each naming its project", async ({
  adminPage: page,
}) => {
  await page.goto("/admin/network-topology");
  await expect(page.getByRole("heading", { level: 1, name: "Network topology" })).toBeVisible();
  await expect(projectFilter(page)).toHaveValue("");
  await expect(topologyNode(page, "Network", adminNetwork)).toHaveAccessibleName(/, project admin$/);
  await expect(topologyNode(page, "Network", "private")).toHaveAccessibleName(/, project demo$/);
  await expect(topologyNode(page, "Router", "router1")).toHaveAccessibleName(/, project demo$/);

  await showList(page);
  await expect(listedNode(page, adminNetwork)).toBeVisible();
  await expect(listedNode(page, "private")).toBeVisible();
});

test("the project filter narrows the diagram and its list view to one project", async ({
  adminPage: page,
}) => {
  await page.goto("/admin/network-topology");
  await expect(topologyNode(page, "Network", adminNetwork)).toBeVisible();

  // Changing the filter remounts the diagram, so what shows after it is the narrowed graph.
  await projectFilter(page).selectOption({ label: "demo" });
  await expect(topologyNode(page, "Network", "private")).toBeVisible();
  await expect(topologyNode(page, "Router", "router1")).toBeVisible();
  await expect(topologyNode(page, "Network", adminNetwork)).toHaveCount(0);
  await expect(tenantNodesNotOf(page, "demo")).toHaveCount(0);
  await showList(page);
  await expect(listedNode(page, "private")).toBeVisible();
  await expect(listedNode(page, adminNetwork)).toHaveCount(0);
  await showDiagram(page);

  await projectFilter(page).selectOption({ label: "admin" });
  await expect(topologyNode(page, "Network", adminNetwork)).toBeVisible();
  await expect(topologyNode(page, "Network", "private")).toHaveCount(0);
  await expect(topologyNode(page, "Router", "router1")).toHaveCount(0);
  await expect(tenantNodesNotOf(page, "admin")).toHaveCount(0);
  await showList(page);
  await expect(listedNode(page, adminNetwork)).toBeVisible();
  await expect(listedNode(page, "private")).toHaveCount(0);
  await showDiagram(page);

  await projectFilter(page).selectOption({ label: "All projects" });
  await expect(topologyNode(page, "Network", adminNetwork)).toBeVisible();
  await expect(topologyNode(page, "Network", "private")).toBeVisible();
});

test("a member is refused the admin topology, in the portal and through the API", async ({ newPage }) => {
  const page = await newPage();
  await logIn(page, DEMO_USERNAME, demoPassword());
  await page.goto("/admin/network-topology");
  await expect(page).toHaveURL(/\/project\?denied=/);
  await expect(page.getByRole("alert").filter({ hasText: "You do not have permission" })).toBeVisible();
  await expect(page.getByRole("application", { name: "Network topology diagram" })).toHaveCount(0);

  const everything = await trpcQuery(page, "network.topology", { allProjects: true });
  expect(everything.status).toBe(403);
  expect(everything.code).toBe("FORBIDDEN");
  // Her own topology still works: the refusal is about the scope, not the procedure.
  const own = await trpcQuery(page, "network.topology");
  expect(own.status).toBe(200);
});

test("clean up the admin project's network", async ({ adminPage: page }) => {
  await deleteNetwork(page, adminNetwork);
});
