import { createNovaClient } from "@zenith/api-client/nova";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type Harness,
  runName,
  startHarness,
  waitFor,
} from "./cloud-harness.ts";
import { codeOf } from "./helpers.ts";

/**
 * The overviews' usage and admin procedures against the real control plane
 * (in-memory database) with a fake compute agent: usage totals equal Nova's
 * own `os-simple-tenant-usage` figures and the CSV's columns add up to them,
 * a tenant sees only its own usage, and the admin overview reads the
 * hypervisor, instance states and service health.
 */

const run = runName("usage");
let cloud: Harness;

beforeAll(async () => {
  cloud = await startHarness({ name: "usage", unique: run, computeAgent: true, otherTenant: true });
});

afterAll(async () => {
  await cloud?.close();
});

/** Today (UTC) as the page's default range would end, and a few days before it. */
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function columnCents(csv: string, column: string): number {
  const [head, ...lines] = csv.trim().split("\r\n");
  const index = (head ?? "").split(",").indexOf(column);
  expect(index).toBeGreaterThanOrEqual(0);
  return lines.reduce((sum, line) => sum + Math.round(Number(line.split(",")[index]) * 100), 0);
}

async function launchAsDemo(name: string): Promise<string> {
  const session = await cloud.login("demo", DEMO_PASSWORD);
  const nova = createNovaClient({ endpoint: `${cloud.control.url}/compute/v2.1`, token: session.token });
  const { caller } = await cloud.as("demo", DEMO_PASSWORD);
  const options = await caller.compute.launchOptions();
  const image = options.images[0];
  const flavor = options.flavors.find(
    (f) => f.disabledReason === undefined && f.disk >= (image?.minDisk ?? 0),
  );
  if (!image || !flavor) throw new Error("no image or flavor to launch");
  const created = await nova.servers.create({
    name,
    imageRef: image.id,
    flavorRef: flavor.id,
    networks: "none",
  });
  const id = "server" in created ? created.server.id : "";
  await waitFor(`${name} ACTIVE`, async () =>
    (await nova.servers.get(id)).status === "ACTIVE" ? true : undefined,
  );
  return id;
}

describe("project usage over a range", () => {
  it("totals equal Nova's for the same window, the days add up to them, and so does the CSV", async () => {
    const id = await launchAsDemo(`${run}-vm`);
    const { caller, session } = await cloud.as("demo", DEMO_PASSWORD);
    // As if it had run for 30 hours: set-up through the database, so no test waits for hours to accrue.
    await cloud.control.db.prisma.instance.update({
      where: { id },
      data: { launchedAt: new Date(Date.now() - 30 * 3_600_000) },
    });
    const range = { from: daysAgo(3), to: today(), timeZone: "UTC" };
    const usage = await caller.usage.project(range);
    expect(usage.totals.instanceHours).toBeGreaterThan(1);
    expect(usage.totals.instances).toBeGreaterThanOrEqual(1);

    // Nova's own figures for exactly the window the BFF read.
    const nova = createNovaClient({ endpoint: `${cloud.control.url}/compute/v2.1`, token: session.token });
    const raw = await nova.quotas.usage(
      session.project?.id ?? "",
      new Date(usage.start),
      new Date(usage.end),
    );
    expect(raw.server_usages?.map((s) => s.instance_id)).toContain(id);
    expect(usage.totals.vcpuHours).toBe(Math.round((raw.total_vcpus_usage ?? 0) * 100) / 100);
    expect(usage.totals.instanceHours).toBe(Math.round((raw.total_hours ?? 0) * 100) / 100);
    const dayCents = usage.days.reduce((s, d) => s + Math.round(d.vcpuHours * 100), 0);
    expect(dayCents).toBe(Math.round(usage.totals.vcpuHours * 100));

    // The CSV asked as of the page's reading has the page's totals, line by line.
    const csv = await caller.usage.projectCsv({ ...range, asOf: usage.end });
    expect(csv.totals).toEqual(usage.totals);
    expect(csv.filename).toMatch(/^usage-demo-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(columnCents(csv.csv, "vcpu_hours")).toBe(Math.round(usage.totals.vcpuHours * 100));
    expect(columnCents(csv.csv, "ram_gb_hours")).toBe(Math.round(usage.totals.ramGbHours * 100));
    expect(csv.csv).toContain(`,${id},${run}-vm,`);
  });

  it("another tenant's usage does not include demo's instances, and members get no admin readings", async () => {
    const other = await cloud.as(cloud.other.username, cloud.other.password);
    const range = { from: daysAgo(3), to: today() };
    const usage = await other.caller.usage.project(range);
    expect(usage.totals.instances).toBe(0);
    expect((await other.caller.usage.projectCsv(range)).csv).not.toContain(run);
    expect(await codeOf(other.caller.usage.allProjects(range))).toBe("FORBIDDEN");
    expect(await codeOf(other.caller.usage.allProjectsCsv(range))).toBe("FORBIDDEN");
    expect(await codeOf(other.caller.overview.admin())).toBe("FORBIDDEN");
  });

  it("refuses a reversed range and an unknown time zone", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    expect(await codeOf(caller.usage.project({ from: "2026-02-02", to: "2026-02-01" }))).toBe("BAD_REQUEST");
    expect(
      await codeOf(caller.usage.project({ from: "2026-02-01", to: "2026-02-02", timeZone: "No/Where" })),
    ).toBe("BAD_REQUEST");
  });
});

describe("admin overview", () => {
  it("usage per project names demo, adds up to the cloud's totals, and its CSV too", async () => {
    const { caller } = await cloud.as("admin", ADMIN_PASSWORD);
    const range = { from: daysAgo(3), to: today() };
    const usage = await waitFor("demo's usage", async () => {
      const u = await caller.usage.allProjects(range);
      return u.projects.some((p) => p.projectName === "demo" && p.vcpuHours > 0) ? u : undefined;
    });
    const sum = usage.projects.reduce((s, p) => s + Math.round(p.vcpuHours * 100), 0);
    expect(sum).toBe(Math.round(usage.totals.vcpuHours * 100));
    const csv = await caller.usage.allProjectsCsv({ ...range, asOf: usage.end });
    expect(csv.totals).toEqual(usage.totals);
    expect(columnCents(csv.csv, "vcpu_hours")).toBe(Math.round(usage.totals.vcpuHours * 100));
    expect(csv.csv).toContain(",demo,");
  });

  it("shows the hypervisor's allocation, instances by state and the services' health", async () => {
    const { caller } = await cloud.as("admin", ADMIN_PASSWORD);
    const overview = await caller.overview.admin();
    const host = overview.hypervisors.find((h) => h.hostname === "usage-node-1");
    expect(host?.vcpus?.total).toBeGreaterThan(0);
    expect(host?.vcpus?.used).toBeGreaterThanOrEqual(1);
    expect(overview.instancesByState.find((s) => s.state === "ACTIVE")?.count).toBeGreaterThanOrEqual(1);
    expect(overview.health.compute.up).toBeGreaterThanOrEqual(1);
    // Neutron and Cinder are in this cloud's catalog, though no network or volume agent runs here.
    expect(overview.health.network).toEqual({ up: 0, down: 0, disabled: 0 });
    expect(overview.health.volume).not.toBeNull();
    // This cloud meters: the host's real use arrives with the agent's samples (every 10 s).
    expect(overview.metricsAvailable).toBe(true);
    const measured = await waitFor(
      "the host's measured use",
      async () => {
        const o = await caller.overview.admin();
        const m = o.hypervisors.find((h) => h.hostname === "usage-node-1")?.measured;
        return m?.cpuPercent != null && m.memoryTotalBytes != null ? m : undefined;
      },
      60_000,
    );
    expect(measured.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(measured.cpuPercent).toBeLessThanOrEqual(100);
    expect(measured.memoryTotalBytes).toBeGreaterThan(0);
  });
});
