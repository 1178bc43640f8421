import type { Page } from "@playwright/test";
import { expect, logIn, test, uniqueSuffix } from "../fixtures";
import {
  createNetworkWithSubnet,
  deleteNetwork,
  filterTable,
  networkRow,
  trpcQuery,
} from "./network-helpers";

test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const projectName = `netiso-${suffix}`;
const userName = `nina-${suffix}`;
const ninaPassword = `Nina-${suffix}-pw`;
const adminNetwork = `adm-${suffix}`;
const ninaNetwork = `nina-${suffix}-net`;

interface NetworkList {
  total: number;
  items: { id: string; name: string; shared: boolean; external: boolean; own: boolean }[];
}

interface TopologyGraph {
  nodes: { kind: string; name: string }[];
}

/** Every network the session's project lists (one page of 100 is plenty on the test cloud). */
async function listedNetworks(page: Page) {
  const list = await trpcQuery<NetworkList>(page, "network.networks.list", { page: 1, pageSize: 100 });
  expect(list.status).toBe(200);
  return list.data?.items ?? [];
}

test("admin creates a project, a member user on it and a network of the admin project", async ({
  adminPage: page,
}) => {
  await page.goto("/identity/projects");
  await page.getByRole("button", { name: "Create project" }).click();
  const projectDialog = page.getByRole("dialog", { name: "Create project" });
  await projectDialog.getByLabel("Name").fill(projectName);
  await projectDialog.getByRole("button", { name: "Create project" }).click();
  await expect(projectDialog).toBeHidden();

  await page.goto("/identity/users");
  await page.getByRole("button", { name: "Create user" }).click();
  const userDialog = page.getByRole("dialog", { name: "Create user" });
  await userDialog.getByLabel("User name").fill(userName);
  await userDialog.getByLabel("Password", { exact: true }).fill(ninaPassword);
  await userDialog.getByLabel("Confirm password").fill(ninaPassword);
  await userDialog.getByLabel("Primary project").selectOption({ label: projectName });
  await userDialog.getByLabel("Role on the project").selectOption({ label: "member" });
  await userDialog.getByRole("button", { name: "Create user" }).click();
  await expect(userDialog).toBeHidden();

  await createNetworkWithSubnet(page, adminNetwork);
});

test("the member sees her own networks and the external one, not demo's or admin's", async ({ newPage }) => {
  const page = await newPage();
  await logIn(page, userName, ninaPassword);
  await createNetworkWithSubnet(page, ninaNetwork);

  await page.goto("/project/networks");
  const table = page.getByRole("table", { name: "Networks", exact: true });
  await expect(networkRow(page, ninaNetwork)).toBeVisible();
  await expect(networkRow(page, "public")).toContainText("External");
  for (const foreign of ["private", adminNetwork]) {
    await filterTable(page, "Networks", foreign);
    await expect(table).toContainText(`Nothing matches “${foreign}”`);
    await expect(networkRow(page, foreign)).toHaveCount(0);
  }

  // The same through the API: nothing but her own and shared or external networks.
  const networks = await listedNetworks(page);
  expect(networks.map((n) => n.name)).toContain(ninaNetwork);
  expect(networks.map((n) => n.name)).toContain("public");
  for (const n of networks) expect(n.own || n.shared || n.external).toBe(true);
  expect(networks.map((n) => n.name)).not.toContain("private");
  expect(networks.map((n) => n.name)).not.toContain(adminNetwork);
});

test("her topology shows her network and the external one only, in the diagram and the list view", async ({
  newPage,
}) => {
  const page = await newPage();
  await logIn(page, userName, ninaPassword);

  // The graph itself: no node of demo's or the admin project's.
  const graph = await trpcQuery<TopologyGraph>(page, "network.topology");
  expect(graph.status).toBe(200);
  expect((graph.data?.nodes ?? []).map((n) => `${n.kind} ${n.name}`).sort()).toEqual(
    [`network ${ninaNetwork}`, "network public"].sort(),
  );
  const everything = await trpcQuery(page, "network.topology", { allProjects: true });
  expect(everything.code).toBe("FORBIDDEN");

  await page.goto("/project/network-topology");
  const diagram = page.getByRole("application", { name: "Network topology diagram" });
  await expect(diagram.getByRole("group", { name: /^External network public,/ })).toBeVisible();
  await expect(diagram.getByRole("group", { name: new RegExp(`^Network ${ninaNetwork},`) })).toBeVisible();
  await expect(
    diagram.getByRole("group", { name: /^(External network|Network|Router|Instance) / }),
  ).toHaveCount(2);

  await page.getByRole("button", { name: "List view" }).click();
  await expect(page.getByRole("list", { name: "Network topology" }).getByRole("button")).toHaveText([
    "public",
    ninaNetwork,
  ]);
});

test("the member cannot open another project's network nor list every project's", async ({
  adminPage,
  newPage,
}) => {
  // The admin sees demo's private network; its id is what a curious tenant might try.
  const all = await trpcQuery<NetworkList>(adminPage, "network.networks.list", {
    page: 1,
    pageSize: 100,
    allProjects: true,
  });
  const foreignIds = (all.data?.items ?? [])
    .filter((n) => n.name === "private" || n.name === adminNetwork)
    .map((n) => n.id);
  expect(foreignIds).toHaveLength(2);

  const page = await newPage();
  await logIn(page, userName, ninaPassword);
  for (const id of foreignIds) {
    const get = await trpcQuery(page, "network.networks.get", { id });
    expect(get.code).toBe("NOT_FOUND");
    const instances = await trpcQuery(page, "network.networks.instances", { networkId: id });
    expect(instances.code).toBe("NOT_FOUND");
    await page.goto(`/project/networks/${id}`);
    await expect(
      page.getByRole("heading", { name: "This network does not exist, or your project cannot see it" }),
    ).toBeVisible();
  }

  const everything = await trpcQuery(page, "network.networks.list", {
    page: 1,
    pageSize: 20,
    allProjects: true,
  });
  expect(everything.status).toBe(403);
  expect(everything.code).toBe("FORBIDDEN");
});

test("clean up the networks, the user and the project", async ({ adminPage, newPage }) => {
  const page = await newPage();
  await logIn(page, userName, ninaPassword);
  await deleteNetwork(page, ninaNetwork);
  await deleteNetwork(adminPage, adminNetwork);

  await adminPage.goto("/identity/users");
  await filterTable(adminPage, "Users", userName);
  await adminPage.getByRole("button", { name: `Delete ${userName}`, exact: true }).click();
  const deleteUser = adminPage.getByRole("dialog", { name: "Delete user" });
  await deleteUser.getByRole("button", { name: "Delete user" }).click();
  await expect(deleteUser).toBeHidden();
  await expect(adminPage.getByRole("table", { name: "Users" })).toContainText(
    `Nothing matches “${userName}”`,
  );

  await adminPage.goto("/identity/projects");
  await filterTable(adminPage, "Projects", projectName);
  await adminPage.getByRole("button", { name: `Delete ${projectName}`, exact: true }).click();
  const deleteProject = adminPage.getByRole("dialog", { name: "Delete project" });
  await deleteProject.getByRole("button", { name: "Delete project" }).click();
  await expect(deleteProject).toBeHidden();
  await expect(adminPage.getByRole("table", { name: "Projects" })).toContainText(
    `Nothing matches “${projectName}”`,
  );
});
