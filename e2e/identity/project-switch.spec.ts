import { ADMIN_USERNAME, adminPassword, expect, logIn, test, uniqueSuffix } from "../fixtures";

// A session of its own: the second switch revokes the token the login made,
// which the other tests' admin pages share (fixtures.ts).
test("the project switcher re-scopes the session", async ({ newPage }) => {
  const page = await newPage();
  await logIn(page, ADMIN_USERNAME, adminPassword());
  const projectName = `switch-${uniqueSuffix()}`;
  await page.goto("/identity/projects");
  await page.getByRole("button", { name: "Create project" }).click();
  const create = page.getByRole("dialog", { name: "Create project" });
  await create.getByLabel("Name").fill(projectName);
  await create.getByRole("button", { name: "Create project" }).click();
  await expect(create).toBeHidden();

  await page.getByLabel("Filter projects by name").fill(projectName);
  await page.getByRole("button", { name: `Members ${projectName}` }).click();
  const members = page.getByRole("dialog", { name: `Members of ${projectName}` });
  await members.getByLabel("User", { exact: true }).selectOption({ label: "admin" });
  await members.getByLabel("Role").selectOption({ label: "member" });
  await members.getByRole("button", { name: "Grant role" }).click();
  await expect(members.getByRole("row", { name: /admin.*member/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(members).toBeHidden();

  await page.goto("/project");
  const switcher = page.getByLabel("Project", { exact: true });
  await switcher.selectOption({ label: projectName });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Project ${projectName}`);
  await expect(page.getByRole("region", { name: "Your roles in this project" })).toContainText("member");
  // Only "member" here: the admin pages are refused in this project.
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }),
  ).toHaveCount(0);

  await switcher.selectOption({ label: "admin" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Project admin");
});
