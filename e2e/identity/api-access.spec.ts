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
