import type { Page } from "@playwright/test";
import { ADMIN_USERNAME, adminPassword, logIn } from "../fixtures";
import { expect, step, test } from "./tour";

/**
 * The admin tour: what a cloud operator looks at first. Read-only, so it
 * can run against any Zenith, as often as wanted, before or after the tenant tour.
 */
test.use({
  tour: {
    name: "admin",
    title: "Admin tour",
    summary:
      "The operator's view: hypervisor utilisation on the admin overview, the hypervisors, projects, quotas and the network topology of every project.",
  },
});

/** The external network every cloud has from its first start (README: "an external network `public`"). */
function externalNetwork(page: Page) {
  return page
    .getByRole("application", { name: "Network topology diagram" })
    .getByRole("group", { name: /^External network public,/ });
}

test("admin tour", async ({ tourPage: page }) => {
  await step(page, "Log in as the cloud admin", async () => {
    await logIn(page, ADMIN_USERNAME, adminPassword());
  });

  await step(
    page,
    "Admin overview: utilisation of every hypervisor, agents health, usage per project",
    async () => {
      await page.goto("/admin");
      const hypervisors = page.getByRole("table", { name: "Hypervisor utilisation" });
      await expect(hypervisors).toBeVisible();
      await expect(hypervisors.getByRole("row").nth(1)).toContainText(/vCPU\s*\d+ \/ \d+/);
      await expect(page.getByRole("region", { name: "Agents health", exact: true })).toContainText(
        /[1-9]\d* up/,
      );
    },
  );

  await step(
    page,
    "Hypervisors: each compute host's capacity, what is used, and what runs there",
    async () => {
      await page.goto("/admin/hypervisors");
      await expect(page.getByRole("heading", { level: 1, name: "Hypervisors" })).toBeVisible();
      await expect(page.getByRole("table", { name: "Hypervisors" }).getByRole("row").nth(1)).toBeVisible();
    },
  );

  await step(page, "Projects: who owns the cloud's resources, and their members", async () => {
    await page.goto("/identity/projects");
    await page.getByLabel("Filter projects by name").fill("demo");
    await expect(
      page.getByRole("table", { name: "Projects" }).getByRole("row", { name: /demo/ }),
    ).toBeVisible();
  });

  await step(
    page,
    "Quotas: the compute defaults, and project demo's compute and network limits",
    async () => {
      await page.goto("/admin/quotas");
      await page.getByRole("main").getByLabel("Project", { exact: true }).selectOption({ label: "demo" });
      await expect(page.getByRole("heading", { name: "Network", exact: true })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Compute", exact: true })).toBeVisible();
    },
  );

  await step(page, "Network topology of every project, live: each node names its project", async () => {
    await page.goto("/admin/network-topology");
    await expect(page.getByRole("application", { name: "Network topology diagram" })).toBeVisible();
    await expect(externalNetwork(page)).toBeVisible();
  });

  await step(page, "Filter the topology to one project: demo", async () => {
    await page.getByLabel("Filter by project").selectOption({ label: "demo" });
    await expect(page.getByRole("application", { name: "Network topology diagram" })).toBeVisible();
    await expect(externalNetwork(page)).toBeVisible();
  });

  await step(
    page,
    "The list view: the same graph as nested lists, for keyboards and screen readers",
    async () => {
      await page.getByRole("button", { name: "List view" }).click();
      await expect(page.getByRole("list", { name: "Network topology" })).toBeVisible();
    },
  );
});
