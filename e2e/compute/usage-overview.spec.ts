import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { DEMO_USERNAME, demoPassword, expect, logIn, test, uniqueSuffix } from "../fixtures";
import { computeHostCount, ensureBootableImage, INSTANCE_TIMEOUT, launchFromWizard } from "./compute-helpers";

test.describe.configure({ mode: "serial" });

const instanceName = `usage-${uniqueSuffix()}`;

const MEASURES = [
  ["vCPU hours", "vcpu_hours"],
  ["RAM GB hours", "ram_gb_hours"],
  ["Disk GB hours", "disk_gb_hours"],
  ["Instance hours", "instance_hours"],
] as const;

/** A total on the page, in hundredths (the figure's exact value is in `data-value`). */
async function pageCents(page: Page, label: string): Promise<number> {
  const figure = page.getByRole("region", { name: label, exact: true }).locator("[data-value]");
  return Math.round(Number(await figure.getAttribute("data-value")) * 100);
}

/** Sums a CSV column in hundredths, as a spreadsheet adds it up to the cent. */
function csvCents(csv: string, column: string): number {
  const [head, ...lines] = csv.trim().split(/\r?\n/);
  const index = (head ?? "").split(",").indexOf(column);
  expect(index, `column ${column}`).toBeGreaterThanOrEqual(0);
  return lines.reduce((sum, line) => sum + Math.round(Number(line.split(",")[index]) * 100), 0);
}

async function downloadCsv(page: Page, section: string): Promise<{ download: Download; csv: string }> {
  const downloading = page.waitForEvent("download");
  await page
    .getByRole("region", { name: section, exact: true })
    .getByRole("button", { name: "Download CSV" })
    .click();
  const download = await downloading;
  const path = await download.path();
  return { download, csv: await readFile(path, "utf8") };
}

test("the project overview shows usage totals for a range, and the CSV adds up to them", async ({
  newPage,
}) => {
  test.setTimeout(180_000);
  const page = await newPage();
  await logIn(page, DEMO_USERNAME, demoPassword());
  await ensureBootableImage(page);
  await launchFromWizard(page, { name: instanceName, flavor: "m1.tiny" });

  await page.goto("/project");
  for (const heading of [
    "Compute quota use",
    "Network quota use",
    "Volume quota use",
    "Usage",
    "Top instances",
  ]) {
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
  }
  // A range of the user's choosing: today alone (the instance was launched today).
  const usage = page.getByRole("region", { name: "Usage", exact: true });
  const today = await usage.getByLabel("To", { exact: true }).inputValue();
  // Hours accrue while the instance runs; look again until its first hundredth shows.
  await expect(async () => {
    await page.reload();
    await usage.getByLabel("From", { exact: true }).fill(today);
    // The CSV button comes back once the figures are this range's own.
    await expect(usage.getByRole("button", { name: "Download CSV" })).toBeEnabled();
    expect(await pageCents(page, "Instance hours")).toBeGreaterThan(0);
  }).toPass({ timeout: INSTANCE_TIMEOUT + 60_000 });

  const { download, csv } = await downloadCsv(page, "Usage");
  expect(download.suggestedFilename()).toMatch(new RegExp(`^usage-demo-${today}-to-${today}\\.csv$`));
  expect(csv).toContain(`,${instanceName},`);
  for (const [label, column] of MEASURES) {
    expect(csvCents(csv, column), label).toBe(await pageCents(page, label));
  }

  // Top instances: ranked where the cloud meters, a message where it does not; never an error.
  const top = page.getByRole("region", { name: "Top instances", exact: true });
  await expect(top.getByText(/^(No metrics|By CPU, last 24h)$/)).toBeVisible();
});

test("the admin overview shows hypervisors, agents health, and usage per project with its CSV", async ({
  adminPage: page,
}) => {
  await page.goto("/admin");
  // The health cards, not the link cards further down that share their names.
  const agents = page.getByRole("region", { name: "Agents health", exact: true });
  const health = agents.getByRole("region", { name: "Compute services", exact: true });
  await expect(health).toContainText(`${computeHostCount()} up`);
  await expect(agents.getByRole("region", { name: "Network agents", exact: true })).toContainText(
    /[1-9]\d* up/,
  );
  await expect(agents.getByRole("region", { name: "Volume services", exact: true })).toContainText(
    /[1-9]\d* up/,
  );
  await expect(health.getByRole("link", { name: "Open compute services" })).toHaveAttribute(
    "href",
    "/admin/compute-services",
  );

  const hypervisors = page.getByRole("table", { name: "Hypervisor utilisation" });
  await expect(hypervisors.getByRole("row")).toHaveCount(computeHostCount() + 1);
  await expect(hypervisors).toContainText(/vCPU\s*\d+ \/ \d+/);
  // Real use beside allocation where the cloud meters its hosts (this one does; samples come every 10 s).
  await expect(async () => {
    await page.reload();
    await expect(hypervisors).toContainText(/CPU\s*\d+ % \/ 100 %/, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  // Every chart has a table view: open it.
  const states = page.getByRole("region", { name: "Instances by state", exact: true });
  await states.getByText("Show as table").click();
  await expect(states.getByRole("table", { name: "Instances by state, all projects" })).toContainText(
    "ACTIVE",
  );

  await expect(
    page
      .getByRole("region", { name: "Usage per project", exact: true })
      .getByRole("button", { name: "Download CSV" }),
  ).toBeEnabled();
  const perProject = page.getByRole("table", { name: "Usage per project" });
  await expect(perProject.getByRole("row", { name: /demo/ })).toBeVisible();
  const { csv } = await downloadCsv(page, "Usage per project");
  expect(csv).toContain(",demo,");
  for (const [label, column] of MEASURES) {
    expect(csvCents(csv, column), label).toBe(await pageCents(page, label));
  }
});
