import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, DEMO_PASSWORD, type Harness, runName, startHarness } from "./cloud-harness.ts";
import { codeOf } from "./helpers.ts";

/**
 * The BFF's block storage procedures against the real control plane
 * (in-memory database): what it serves today — volume types with extra
 * specs (admin), quota use on the overview, zones and types in the create
 * dialog's options — and the policy errors members get.
 */

const run = runName("vol");
let cloud: Harness;

beforeAll(async () => {
  cloud = await startHarness({ name: "volume", unique: run, control: { joinTokenFile: false } });
});

afterAll(async () => {
  await cloud?.close();
});

describe("admin.volumes.types", () => {
  it("creates a private type with extra specs, replaces the specs, and deletes it", async () => {
    const { caller } = await cloud.as("admin", ADMIN_PASSWORD);
    const { id } = await caller.admin.volumes.types.create({
      name: `${run}-fast`,
      description: "fast disks",
      isPublic: false,
      extraSpecs: { tier: "gold", disk: "ssd" },
    });
    const listed = (await caller.admin.volumes.types.list()).find((t) => t.id === id);
    expect(listed).toMatchObject({
      name: `${run}-fast`,
      isPublic: false,
      extraSpecs: { tier: "gold", disk: "ssd" },
    });
    const specs = await caller.admin.volumes.types.setExtraSpecs({
      id,
      specs: { tier: "silver", iops: "100" },
    });
    expect(specs).toEqual({ tier: "silver", iops: "100" });
    await caller.admin.volumes.types.update({ id, description: "slower now" });
    expect((await caller.admin.volumes.types.list()).find((t) => t.id === id)?.description).toBe(
      "slower now",
    );
    await caller.admin.volumes.types.delete({ id });
    expect((await caller.admin.volumes.types.list()).map((t) => t.id)).not.toContain(id);
  });

  it("refuses members every admin volume procedure", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    expect(await codeOf(caller.admin.volumes.types.list())).toBe("FORBIDDEN");
    expect(await codeOf(caller.admin.volumes.forceDelete({ id: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(caller.volume.list({ allProjects: true }))).toBe("FORBIDDEN");
  });
});

describe("project volume data served today", () => {
  it("shows the project's volume quota use on the overview", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const overview = await caller.compute.overview();
    expect(overview.volume).not.toBeNull();
    expect(overview.volume?.volumes.used).toBe(0);
    expect(overview.volume?.gigabytes.limit).toEqual(expect.any(Number));
  });

  it("rejects bad input before it reaches the cloud", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    expect(await codeOf(caller.volume.create({ name: " ", size: 1, source: { kind: "empty" } }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(caller.volume.create({ name: "x", size: 0, source: { kind: "empty" } }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(caller.admin.volumes.types.create({ name: "" }))).toBe("FORBIDDEN");
  });
});
