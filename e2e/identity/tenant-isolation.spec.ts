import { expect, logIn, mainNav, test, uniqueSuffix } from "../fixtures";

test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const projectName = `acme-${suffix}`;
const userName = `alice-${suffix}`;
const alicePassword = `Alice-${suffix}-pw`;

interface TrpcEnvelope {
  result?: { data?: unknown };
  error?: { data?: { code?: string } };
}

test("admin creates a project and a member user on it", async ({ adminPage: page }) => {
  await page.goto("/identity/projects");
  await page.getByRole("button", { name: "Create project" }).click();
  const projectDialog = page.getByRole("dialog", { name: "Create project" });
  await projectDialog.getByLabel("Name").fill(projectName);
  await projectDialog.getByRole("button", { name: "Create project" }).click();
  await expect(projectDialog).toBeHidden();
  await page.getByLabel("Filter projects by name").fill(projectName);
  await expect(
    page.getByRole("table", { name: "Projects" }).getByRole("row", { name: projectName }),
  ).toBeVisible();

  await page.goto("/identity/users");
  await page.getByRole("button", { name: "Create user" }).click();
  const userDialog = page.getByRole("dialog", { name: "Create user" });
  await userDialog.getByLabel("User name").fill(userName);
  await userDialog.getByLabel("Password", { exact: true }).fill(alicePassword);
  await userDialog.getByLabel("Confirm password").fill(alicePassword);
  await userDialog.getByLabel("Primary project").selectOption({ label: projectName });
  await userDialog.getByLabel("Role on the project").selectOption({ label: "member" });
  await userDialog.getByRole("button", { name: "Create user" }).click();
  await expect(userDialog).toBeHidden();
  await page.getByLabel("Filter users by name").fill(userName);
  await expect(page.getByRole("table", { name: "Users" }).getByRole("row", { name: userName })).toBeVisible();

  await page.goto("/identity/projects");
  await page.getByLabel("Filter projects by name").fill(projectName);
  await page.getByRole("button", { name: `Members ${projectName}` }).click();
  const members = page.getByRole("dialog", { name: `Members of ${projectName}` });
  await expect(members.getByRole("row", { name: new RegExp(`${userName}.*member`) })).toBeVisible();
});

test("alice sees only her project and no admin navigation", async ({ newPage }) => {
  const page = await newPage();
  await logIn(page, userName, alicePassword);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Project ${projectName}`);
  await expect(page.getByRole("region", { name: "Your roles in this project" })).toContainText("member");

  const projects = await page.request.get("/api/trpc/session.projects");
  expect(projects.status()).toBe(200);
  const body = (await projects.json()) as TrpcEnvelope;
  const scopeable = (body.result?.data ?? []) as { name: string }[];
  const names = scopeable.map((p) => p.name);
  expect(names).toEqual([projectName]);
  await expect(page.getByLabel("Project", { exact: true }).locator("option")).toHaveText([projectName]);

  const nav = mainNav(page);
  await expect(nav.getByRole("link", { name: "Application credentials" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API access" })).toBeVisible();
  await expect(nav.getByRole("heading", { name: "Admin" })).toHaveCount(0);
  for (const adminLink of ["Projects", "Users", "Groups", "Roles"]) {
    await expect(nav.getByRole("link", { name: adminLink, exact: true })).toHaveCount(0);
  }
});

test("alice is refused the admin pages and the admin procedures", async ({ newPage }) => {
  const page = await newPage();
  await logIn(page, userName, alicePassword);

  for (const path of ["/admin", "/identity/users"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/project\?denied=/);
    await expect(page.getByRole("alert").filter({ hasText: "You do not have permission" })).toBeVisible();
  }

  const listInput = encodeURIComponent(JSON.stringify({ page: 1, pageSize: 20 }));
  const list = await page.request.get(`/api/trpc/identity.users.list?input=${listInput}`);
  expect(list.status()).toBe(403);
  expect(((await list.json()) as TrpcEnvelope).error?.data?.code).toBe("FORBIDDEN");

  const listByPost = await page.request.post("/api/trpc/identity.users.list", {
    data: { page: 1, pageSize: 20 },
  });
  expect(listByPost.ok()).toBe(false);
  expect([403, 405]).toContain(listByPost.status());

  const create = await page.request.post("/api/trpc/identity.users.create", {
    data: { name: `mallory-${suffix}`, password: "not-allowed" },
  });
  expect(create.status()).toBe(403);
  expect(((await create.json()) as TrpcEnvelope).error?.data?.code).toBe("FORBIDDEN");
});
