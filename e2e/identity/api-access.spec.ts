import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { adminPassword, expect, test } from "../fixtures";

const run = promisify(execFile);

test("the downloaded OpenStack RC file works with the openstack CLI", async ({
  adminPage: page,
}, testInfo) => {
  await page.goto("/identity/api-access");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download OpenStack RC file" }).click();
  const download = await downloading;
  const rcPath = testInfo.outputPath(download.suggestedFilename() || "openrc.sh");
  await download.saveAs(rcPath);

  // The RC file prompts (on stdout) and `read`s the password from stdin. A clean env keeps host OS_* out.
  const { stdout } = await run(
    "bash",
    ["-c", 'source "$RC_FILE" <<< "$PASSWORD" > /dev/null; /usr/bin/openstack token issue -f json'],
    {
      env: { PATH: "/usr/bin:/bin", HOME: testInfo.outputDir, RC_FILE: rcPath, PASSWORD: adminPassword() },
      timeout: 60_000,
    },
  );
  const issued = JSON.parse(stdout) as { id?: string; project_id?: string; expires?: string };
  expect(issued.id).toMatch(/\S{16,}/);
  expect(issued.project_id).toBeTruthy();
});

test("the endpoint catalog lists the token's services, each URL copyable", async ({ adminPage: page }) => {
  await page.goto("/identity/api-access");
  const table = page.getByRole("table", { name: "Endpoint catalog" });
  for (const type of ["identity", "compute", "image", "network", "volumev3"]) {
    const row = table.getByRole("row").filter({ has: page.getByRole("cell", { name: type, exact: true }) });
    await expect(row.first()).toContainText("public");
    await expect(row.first()).toContainText(/https?:\/\//);
  }
  await expect(page.getByRole("button", { name: "Copy the public compute URL" }).first()).toBeVisible();
});

test("a new application credential's clouds.yaml and RC file work with the openstack CLI", async ({
  adminPage: page,
}, testInfo) => {
  const name = `e2e-cred-${Date.now().toString(36)}`;
  await page.goto("/identity/application-credentials");
  await page.getByRole("button", { name: "Create application credential" }).click();
  const form = page.getByRole("dialog", { name: "Create application credential" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByRole("button", { name: "Create credential" }).click();

  const dialog = page.getByRole("dialog", { name: "Application credential created" });
  await expect(dialog.getByRole("alert")).toContainText("It will not be shown again");
  const yaml = dialog.getByLabel("clouds.yaml", { exact: true });
  await expect(yaml).toHaveValue(/auth_type: v3applicationcredential/);
  await expect(dialog.getByLabel("RC file", { exact: true })).toHaveValue(
    /export OS_AUTH_TYPE=v3applicationcredential/,
  );

  const save = async (button: string, file: string) => {
    const downloading = page.waitForEvent("download");
    await dialog.getByRole("button", { name: button }).click();
    const path = testInfo.outputPath(file);
    await (await downloading).saveAs(path);
    return path;
  };
  const yamlPath = await save("Download clouds.yaml", "clouds.yaml");
  const rcPath = await save("Download RC file", "appcred-openrc.sh");
  const env = { PATH: "/usr/bin:/bin", HOME: testInfo.outputDir };

  const viaYaml = await run("/usr/bin/openstack", ["--os-cloud", name, "token", "issue", "-f", "json"], {
    env: { ...env, OS_CLIENT_CONFIG_FILE: yamlPath },
    timeout: 60_000,
  });
  expect((JSON.parse(viaYaml.stdout) as { project_id?: string }).project_id).toBeTruthy();
  const viaRc = await run("bash", ["-c", 'source "$RC_FILE"; /usr/bin/openstack server list -f json'], {
    env: { ...env, RC_FILE: rcPath },
    timeout: 60_000,
  });
  expect(Array.isArray(JSON.parse(viaRc.stdout))).toBe(true);
  await dialog.getByRole("button", { name: "I have saved the secret" }).click();
});
