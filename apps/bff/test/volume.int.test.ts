import { join } from "node:path";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VolumeAgent } from "../../volume-agent/src/agent.ts";
import { FakeVolumeDriver } from "../../volume-agent/src/driver/fake.ts";
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
 * The BFF's block storage procedures against the real control plane
 * (in-memory database) with a compute agent and a volume agent in-process
 * on their fake drivers: the volume life cycle through attach and detach
 * via Nova, types with extra specs (admin), quota use on the overview, and
 * the policy errors members get.
 */

const run = runName("vol");
let cloud: Harness;
let volumeAgent: VolumeAgent | undefined;
const HOST = "volume-store-1";

beforeAll(async () => {
  cloud = await startHarness({
    name: "volume",
    unique: run,
    computeAgent: true,
    control: { joinTokenFile: false },
  });
  // A storage host of its own (`npm start` names it after the first compute host; either works).
  const credential = await cloud.control.enrolHost(HOST);
  volumeAgent = new VolumeAgent({
    host: HOST,
    controlUrl: cloud.control.url,
    token: async () => credential,
    stateDir: join(cloud.dataDir, "volume-state"),
    transferDir: join(cloud.dataDir, "volume-storage", "transfers"),
    driver: new FakeVolumeDriver({ exportHost: "192.0.2.10" }),
    driverKind: "fake",
    availabilityZone: "nova",
    exportAddress: "192.0.2.10",
    logger: createLogger("bff-volume-int-agent", "silent"),
    backoff: { initialMs: 20, maxMs: 200 },
  });
  await volumeAgent.start();
});

afterAll(async () => {
  await volumeAgent?.stop();
  await cloud?.close();
});

type Caller = Awaited<ReturnType<Harness["as"]>>["caller"];

async function volumeIn(caller: Caller, id: string, status: string) {
  return waitFor(`volume ${id} ${status}`, async () => {
    const v = await caller.volume.get({ id });
    return v.status === status ? v : undefined;
  });
}

describe("a volume's life through the BFF", () => {
  it("creates, extends, snapshots, attaches via Nova, detaches and deletes (after the typed name)", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const options = await caller.volume.createOptions();
    expect(options.zones).toContain("nova");
    const created = await caller.volume.create({ name: `${run}-data`, size: 1, source: { kind: "empty" } });
    expect(created.name).toBe(`${run}-data`);
    await volumeIn(caller, created.id, "available");

    const listed = await caller.volume.list({ q: run });
    expect(listed.items.map((v) => v.id)).toEqual([created.id]);
    expect((await caller.compute.overview()).volume?.volumes.used).toBe(1);

    await caller.volume.extend({ id: created.id, newSize: 2 });
    expect(await codeOf(caller.volume.extend({ id: created.id, newSize: 1 }))).toBe("BAD_REQUEST");
    await waitFor("extended", async () =>
      (await caller.volume.get({ id: created.id })).size === 2 ? true : undefined,
    );
    await volumeIn(caller, created.id, "available");

    const edited = await caller.volume.update({ id: created.id, description: "scratch", bootable: true });
    expect(edited).toMatchObject({ description: "scratch", bootable: true });

    const snap = await caller.volume.snapshots.create({ volumeId: created.id, name: `${run}-snap` });
    await waitFor("snapshot available", async () => {
      const snaps = await caller.volume.snapshots.list({ volumeId: created.id });
      return snaps.find((s) => s.id === snap.id && s.status === "available");
    });

    const launched = await caller.compute.instances.launch({
      name: `${run}-vm`,
      flavorId: (await caller.compute.flavors.list({}))[0]?.id ?? "",
      imageId: (await caller.images.list({})).items[0]?.id ?? "",
      count: 1,
    });
    const serverId = launched.ids[0] ?? "";
    await waitFor("instance active", async () =>
      (await caller.compute.instances.get({ id: serverId })).status === "ACTIVE" ? true : undefined,
    );
    expect((await caller.volume.attachments.options()).volumes.map((v) => v.id)).toContain(created.id);
    await caller.volume.attachments.attach({ serverId, volumeId: created.id });
    const inUse = await volumeIn(caller, created.id, "in-use");
    expect(inUse.attachments[0]).toMatchObject({ serverId, serverName: `${run}-vm` });
    const onInstance = await caller.volume.attachments.forInstance({ serverId });
    expect(onInstance.map((v) => [v.id, v.name])).toEqual([[created.id, `${run}-data`]]);

    expect(await codeOf(caller.volume.delete({ id: created.id, confirmName: `${run}-data` }))).toBe(
      "CONFLICT",
    );
    await caller.volume.attachments.detach({ serverId, volumeId: created.id });
    await volumeIn(caller, created.id, "available");

    await caller.volume.snapshots.delete({ id: snap.id });
    await waitFor("snapshot gone", async () =>
      (await caller.volume.snapshots.list({ volumeId: created.id })).length === 0 ? true : undefined,
    );
    expect(await codeOf(caller.volume.delete({ id: created.id, confirmName: "wrong" }))).toBe("BAD_REQUEST");
    await caller.volume.delete({ id: created.id, confirmName: `${run}-data` });
    await waitFor("volume gone", async () =>
      (await caller.volume.list({ q: run })).total === 0 ? true : undefined,
    );
  });

  it("launches an instance booted from a new volume made from the image (block_device_mapping_v2)", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const image = (await caller.images.list({})).items[0];
    const launched = await caller.compute.instances.launch({
      name: `${run}-bfv`,
      flavorId: (await caller.compute.flavors.list({}))[0]?.id ?? "",
      imageId: image?.id ?? "",
      count: 1,
      bootVolume: { sizeGb: 1, deleteOnTermination: true },
    });
    const serverId = launched.ids[0] ?? "";
    expect(serverId).not.toBe("");
    const root = await waitFor("the boot volume in use", async () => {
      const volumes = await caller.volume.attachments.forInstance({ serverId });
      return volumes.find((v) => v.status === "in-use");
    });
    expect(root).toMatchObject({ size: 1, deleteOnTermination: true });
    expect((await caller.volume.get({ id: root.id })).source.kind).toBe("image");
    await caller.compute.instances.action({ ids: [serverId], action: "delete" });
    await waitFor("the boot volume deleted with the instance", async () =>
      caller.volume.get({ id: root.id }).then(
        () => undefined,
        (err: { code?: string }) => (err.code === "NOT_FOUND" ? true : undefined),
      ),
    );
  });

  it("backs a volume up, restores the backup into a new volume, and deletes both", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const source = await caller.volume.create({ name: `${run}-src`, size: 1, source: { kind: "empty" } });
    await volumeIn(caller, source.id, "available");
    const { id } = await caller.volume.backups.create({ volumeId: source.id, name: `${run}-bk` });
    const backup = await waitFor("backup available", async () =>
      (await caller.volume.backups.list({ volumeId: source.id })).find(
        (b) => b.id === id && b.status === "available",
      ),
    );
    expect(backup).toMatchObject({ name: `${run}-bk`, volume: { id: source.id, name: `${run}-src` } });
    await volumeIn(caller, source.id, "available");
    const restored = await caller.volume.backups.restore({ id, name: `${run}-restored` });
    const copy = await volumeIn(caller, restored.volumeId, "available");
    expect(copy.size).toBe(1);
    await waitFor("backup settled", async () =>
      (await caller.volume.backups.list({})).find((b) => b.id === id && b.status === "available"),
    );
    await caller.volume.backups.delete({ id });
    await waitFor("backup gone", async () =>
      (await caller.volume.backups.list({})).some((b) => b.id === id) ? undefined : true,
    );
    for (const v of [source.id, restored.volumeId]) {
      await caller.volume.delete({ id: v, confirmName: v === source.id ? `${run}-src` : `${run}-restored` });
    }
  });

  it("marks a volume read-only and uploads it to an image", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const v = await caller.volume.create({ name: `${run}-img`, size: 1, source: { kind: "empty" } });
    await volumeIn(caller, v.id, "available");
    // Accepted by the cloud; upstream then shows `metadata.readonly: "True"` (visible admin
    // metadata), which Zenith's control plane does not render yet, so the flag is not read back here.
    await caller.volume.update({ id: v.id, readonly: true });
    const { imageId } = await caller.volume.uploadToImage({ id: v.id, imageName: `${run}-from-volume` });
    const image = await waitFor("the image active", async () =>
      (await caller.images.list({ q: `${run}-from-volume` })).items.find(
        (i) => i.id === imageId && i.status === "active",
      ),
    );
    expect(image.name).toBe(`${run}-from-volume`);
    await volumeIn(caller, v.id, "available");
    await caller.volume.delete({ id: v.id, confirmName: `${run}-img` });
  });

  it("transfers a volume to another project with the key shown once", async () => {
    const demo = (await cloud.as("demo", DEMO_PASSWORD)).caller;
    const admin = (await cloud.as("admin", ADMIN_PASSWORD)).caller;
    const v = await demo.volume.create({ name: `${run}-gift`, size: 1, source: { kind: "empty" } });
    await volumeIn(demo, v.id, "available");
    const transfer = await demo.volume.transfers.create({ volumeId: v.id, name: `${run}-gift` });
    expect(transfer.authKey).toMatch(/\S+/);
    const listed = await demo.volume.transfers.list();
    expect(listed.find((t) => t.id === transfer.id)).toEqual({
      id: transfer.id,
      name: `${run}-gift`,
      volumeId: v.id,
      createdAt: expect.any(String),
    });
    await volumeIn(demo, v.id, "awaiting-transfer");
    expect(await codeOf(admin.volume.transfers.accept({ id: transfer.id, authKey: "wrong-key" }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      (await admin.volume.transfers.accept({ id: transfer.id, authKey: transfer.authKey })).volumeId,
    ).toBe(v.id);
    expect(await codeOf(demo.volume.get({ id: v.id }))).toBe("NOT_FOUND");
    const taken = await volumeIn(admin, v.id, "available");
    expect(taken.name).toBe(`${run}-gift`);
    await admin.volume.delete({ id: v.id, confirmName: `${run}-gift` });
  });

  it("keeps another project's volumes out of reach", async () => {
    const demo = (await cloud.as("demo", DEMO_PASSWORD)).caller;
    const admin = (await cloud.as("admin", ADMIN_PASSWORD)).caller;
    const mine = await admin.volume.create({ name: `${run}-admin-only`, size: 1, source: { kind: "empty" } });
    expect(await codeOf(demo.volume.get({ id: mine.id }))).toBe("NOT_FOUND");
    expect((await demo.volume.list({ q: run })).items.map((v) => v.id)).not.toContain(mine.id);
    const all = await admin.volume.list({ q: `${run}-admin-only`, allProjects: true });
    expect(all.items[0]?.projectName).toBe("admin");
    await volumeIn(admin, mine.id, "available");
    await admin.admin.volumes.resetStatus({ id: mine.id, status: "error" });
    await volumeIn(admin, mine.id, "error");
    await admin.admin.volumes.forceDelete({ id: mine.id });
    await waitFor("force-deleted", async () =>
      (await admin.volume.list({ q: `${run}-admin-only`, allProjects: true })).total === 0 ? true : undefined,
    );
  });

  it("lists the volume service and its pool's capacity (admin)", async () => {
    const { caller } = await cloud.as("admin", ADMIN_PASSWORD);
    const services = await caller.admin.volumes.services();
    expect(services.find((s) => s.binary === "cinder-volume")).toMatchObject({ enabled: true, up: true });
    const pools = await caller.admin.volumes.pools();
    expect(pools[0]?.host).toBe(HOST);
  });
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
    // Earlier tests' volumes may still be deleting: only the shape is checked here.
    expect(overview.volume?.volumes.used).toEqual(expect.any(Number));
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
