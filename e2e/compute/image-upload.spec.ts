import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, uniqueSuffix } from "../fixtures";
import { INSTANCE_TIMEOUT, imageRow } from "./compute-helpers";

const FILE_SIZE = 3 * 1024 * 1024;

test("upload an image file: the progress bar reaches 100% and the image becomes active", async ({
  adminPage: page,
}) => {
  const imageName = `upload-${uniqueSuffix()}`;
  const dir = await mkdtemp(join(tmpdir(), "zenith-e2e-image-"));
  const file = join(dir, `${imageName}.img`);
  await writeFile(file, randomBytes(FILE_SIZE));
  try {
    await page.goto("/project/images");
    await page.getByRole("button", { name: "Upload image" }).click();
    const dialog = page.getByRole("dialog", { name: "Upload image" });
    await dialog.getByLabel("Image file").setInputFiles(file);
    // The disk format follows the file name (.img → raw).
    await expect(dialog.getByLabel("Disk format")).toHaveValue("raw");
    await dialog.getByLabel("Name", { exact: true }).fill(imageName);
    await dialog.getByRole("button", { name: "Upload image" }).click();

    const progress = dialog.getByRole("progressbar", { name: `Upload of ${imageName}` });
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: INSTANCE_TIMEOUT });
    await expect(dialog.getByText("100%")).toBeVisible();
    await expect(dialog.getByText("3.0 MB of 3.0 MB")).toBeVisible();
    await expect(dialog.getByRole("status")).toContainText(`${imageName} is uploaded`);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();

    await page.getByLabel("Filter images by name").fill(imageName);
    const row = imageRow(page, imageName);
    await expect(row).toContainText("Active", { timeout: INSTANCE_TIMEOUT });
    await expect(row).toContainText("3.0 MB");

    await page.getByRole("button", { name: `Delete ${imageName}` }).click();
    await page
      .getByRole("dialog", { name: "Delete image" })
      .getByRole("button", { name: "Delete image" })
      .click();
    await expect(row).toHaveCount(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the upload route refuses requests without a session", async ({ request }) => {
  const response = await request.put("/api/images/00000000-0000-0000-0000-000000000000/file", {
    data: Buffer.from("not allowed"),
    headers: { "content-type": "application/octet-stream" },
  });
  expect(response.status()).toBe(401);
});
