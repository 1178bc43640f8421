import { expect, test, uniqueSuffix } from "../fixtures";

// "Show the CLI": the equivalent openstack command sits behind one toggle in
// every dialog and the launch wizard, and follows the form as it is filled.

test("the launch wizard shows server create, updated as the steps are filled", async ({
  adminPage: page,
}) => {
  const name = `cli-vm-${uniqueSuffix()}`;
  await page.goto("/project/instances/launch");
  await page.getByRole("button", { name: "Show the CLI" }).click();
  const command = page.getByRole("region", { name: "Equivalent openstack command" });
  await expect(command).toContainText("openstack server create");
  await expect(command).toContainText("'<name>'");

  await page.getByLabel("Instance name").fill(name);
  await expect(command).toContainText(`server create`);
  await expect(command).toContainText(name);
  await page.getByRole("button", { name: "Next" }).click();
  const image = page.getByLabel("Image or snapshot");
  await image.selectOption({ index: 1 });
  const imageId = await image.inputValue();
  await expect(command).toContainText(`--image ${imageId}`);
  await expect(page.getByRole("button", { name: "Copy the command" })).toBeVisible();
});

test("Create network shows network and subnet create, following the fields", async ({ adminPage: page }) => {
  const name = `cli-net-${uniqueSuffix()}`;
  await page.goto("/project/networks");
  await page.getByRole("button", { name: "Create network" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create network" });
  await dialog.getByRole("button", { name: "Show the CLI" }).click();
  const command = dialog.getByRole("region", { name: "Equivalent openstack command" });
  await expect(command).toContainText("openstack network create");

  await dialog.getByLabel("Network name").fill(name);
  await expect(command).toContainText(`openstack network create ${name}`);
  await dialog.getByRole("button", { name: /^Use / }).first().click();
  const cidr = await dialog.getByLabel("CIDR", { exact: true }).inputValue();
  await expect(command).toContainText(`openstack subnet create --network ${name} --subnet-range ${cidr}`);
  await dialog.getByLabel("Create a subnet now").uncheck();
  await expect(command).not.toContainText("subnet create");
  await dialog.getByRole("button", { name: "Hide the CLI" }).click();
  await expect(command).toBeHidden();
});
