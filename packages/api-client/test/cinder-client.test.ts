import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import {
  chooseVolumeMicroversion,
  createCinderClient,
  forgetVolumeMicroversions,
  volumeVersionRoot,
} from "../src/cinder/index.ts";
import { createNovaClient, forgetMicroversions } from "../src/nova/index.ts";
import { fakeFetch } from "./fake-fetch.ts";

/** Upstream's api-ref samples (cinder/api-ref/source/v3/samples), recorded as is. */
function sample(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/cinder/${name}.json`, import.meta.url), "utf8"));
}

const P = "89afd400-b646-4bbc-b12b-c0a4d63e5bd3";
const base = `/volume/v3/${P}`;
const endpoint = `http://c${base}`;
const versionRoute = { path: "/volume/v3", body: sample("version-show-response") };

beforeEach(() => {
  forgetVolumeMicroversions();
  forgetMicroversions();
});

describe("volume microversion", () => {
  it("takes min(3.60, server max), raised to the server's minimum", () => {
    expect(chooseVolumeMicroversion("3.71", "3.0")).toBe("3.60");
    expect(chooseVolumeMicroversion("3.50", "3.0")).toBe("3.50");
    expect(chooseVolumeMicroversion("3.70", "3.65")).toBe("3.65");
    expect(chooseVolumeMicroversion("", "")).toBe("3.0");
  });

  it("finds the version root behind the project id", () => {
    expect(volumeVersionRoot(`http://c/volume/v3/${P}`)).toBe("http://c/volume/v3");
    expect(volumeVersionRoot("http://c:8776/v3/")).toBe("http://c:8776/v3");
  });

  it("discovers once and sends `OpenStack-API-Version: volume 3.60` on every call", async () => {
    const fake = fakeFetch([
      versionRoute,
      { path: `${base}/volumes/detail`, body: sample("volumes-list-detailed-response") },
    ]);
    const cinder = createCinderClient({ endpoint, token: "t", fetch: fake.fetch });
    await cinder.volumes.detail();
    await cinder.volumes.detail();
    const discoveries = fake.calls.filter((c) => c.url.endsWith("/volume/v3"));
    expect(discoveries).toHaveLength(1);
    const apiCalls = fake.calls.filter((c) => c.url.includes("/volumes/detail"));
    expect(apiCalls.map((c) => c.headers.get("openstack-api-version"))).toEqual([
      "volume 3.60",
      "volume 3.60",
    ]);
  });
});

describe("volumes", () => {
  it("reads upstream's list sample, with string booleans and absent optional fields", async () => {
    const fake = fakeFetch([
      versionRoute,
      { path: /\/volumes\/detail/, body: sample("volumes-list-detailed-response") },
    ]);
    const cinder = createCinderClient({ endpoint, token: "t", fetch: fake.fetch });
    const page = await cinder.volumes.detail({
      sortKey: "name",
      sortDir: "desc",
      limit: 5,
      filters: { status: "available" },
    });
    expect(page.items[0]).toMatchObject({ size: 10, bootable: false, status: "creating", attachments: [] });
    expect(page.nextMarker).toBeUndefined();
    const url = new URL(fake.calls.at(-1)?.url ?? "");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: "available",
      sort: "name:desc",
      limit: "5",
    });
  });

  it("follows next links by marker", async () => {
    const one = (id: string) => ({ id, status: "available", size: 1, created_at: "2024-01-01T00:00:00" });
    const fake = fakeFetch([
      versionRoute,
      { path: `${base}/volumes/detail?marker=a`, body: { volumes: [one("b")] } },
      {
        path: `${base}/volumes/detail`,
        body: {
          volumes: [one("a")],
          volumes_links: [{ rel: "next", href: `${endpoint}/volumes/detail?marker=a` }],
        },
      },
    ]);
    const cinder = createCinderClient({ endpoint, token: "t", fetch: fake.fetch });
    expect((await cinder.volumes.detailAll()).map((v) => v.id)).toEqual(["a", "b"]);
  });

  it("reads attachments as real Cinder reports them", async () => {
    const volume = {
      ...(sample("volume-show-response") as { volume: Record<string, unknown> }).volume,
      status: "in-use",
      bootable: "true",
      attachments: [
        {
          server_id: "vm-1",
          attachment_id: "att-1",
          attached_at: "2024-01-01T00:00:00.000000",
          host_name: null,
          volume_id: "v",
          device: "/dev/vdb",
          id: "v",
        },
      ],
    };
    const fake = fakeFetch([versionRoute, { path: `${base}/volumes/v`, body: { volume } }]);
    const cinder = createCinderClient({ endpoint, token: "t", fetch: fake.fetch });
    const got = await cinder.volumes.get("v");
    expect(got.bootable).toBe(true);
    expect(got.attachments[0]).toMatchObject({ server_id: "vm-1", device: "/dev/vdb" });
  });

  it("creates from each source and sends each action in upstream's body", async () => {
    const fake = fakeFetch([
      versionRoute,
      { method: "POST", path: `${base}/volumes`, status: 202, body: sample("volume-show-response") },
      { method: "POST", path: `${base}/volumes/v/action`, status: 202 },
    ]);
    const cinder = createCinderClient({ endpoint, token: "t", fetch: fake.fetch });
    await cinder.volumes.create({ size: 2, name: "a", imageRef: "img", volumeType: "lvm" });
    expect(fake.calls.at(-1)?.body).toEqual({
      volume: { size: 2, name: "a", imageRef: "img", volume_type: "lvm" },
    });
    await cinder.volumes.create({ size: 2, snapshotId: "s" });
    expect(fake.calls.at(-1)?.body).toEqual({ volume: { size: 2, snapshot_id: "s" } });
    await cinder.volumes.extend("v", 3);
    expect(fake.calls.at(-1)?.body).toEqual({ "os-extend": { new_size: 3 } });
    await cinder.volumes.setBootable("v", true);
    expect(fake.calls.at(-1)?.body).toEqual({ "os-set_bootable": { bootable: true } });
    await cinder.volumes.setReadonly("v", false);
    expect(fake.calls.at(-1)?.body).toEqual({ "os-update_readonly_flag": { readonly: false } });
    await cinder.volumes.resetStatus("v", { status: "available", attachStatus: "detached" });
    expect(fake.calls.at(-1)?.body).toEqual({
      "os-reset_status": { status: "available", attach_status: "detached" },
    });
    await cinder.volumes.forceDelete("v");
    expect(fake.calls.at(-1)?.body).toEqual({ "os-force_delete": {} });
  });

  it("uploads to an image and reads the answer sample", async () => {
    const fake = fakeFetch([
      versionRoute,
      {
        method: "POST",
        path: `${base}/volumes/v/action`,
        status: 202,
        body: sample("volume-upload-to-image-response"),
      },
    ]);
    const cinder = createCinderClient({ endpoint, token: "t", fetch: fake.fetch });
    const res = await cinder.volumes.uploadToImage("v", { imageName: "test", force: true });
    expect(res.image_id).toBe("de75b74e-7f0d-4b59-a263-bd87bfc313bd");
    expect(fake.calls.at(-1)?.body).toEqual({
      "os-volume_upload_image": {
        image_name: "test",
        disk_format: "raw",
        container_format: "bare",
        force: true,
      },
    });
  });
});

describe("snapshots, backups, transfers, attachments", () => {
  it("reads every list sample", async () => {
    const fake = fakeFetch([
      versionRoute,
      { path: `${base}/snapshots/detail`, body: sample("snapshots-list-detailed-response") },
      { path: `${base}/backups/detail`, body: sample("backups-list-detailed-response") },
      { path: `${base}/volume-transfers/detail`, body: sample("volume-transfers-list-detailed-response") },
      { path: `${base}/attachments/detail`, body: sample("attachment-list-detailed-response") },
    ]);
    const cinder = createCinderClient({ endpoint, token: "t", fetch: fake.fetch });
    expect((await cinder.snapshots.detail()).items[0]?.volume_id).toBeTruthy();
    expect((await cinder.backups.detail()).items[0]?.volume_id).toBeTruthy();
    expect((await cinder.transfers.list())[0]?.volume_id).toBeTruthy();
    expect((await cinder.attachments.list())[0]?.volume_id).toBeTruthy();
  });

  it("creates a transfer (auth key once) and accepts it", async () => {
    const fake = fakeFetch([
      versionRoute,
      {
        method: "POST",
        path: `${base}/volume-transfers`,
        status: 202,
        body: sample("volume-transfer-create-response"),
      },
      {
        method: "POST",
        path: `${base}/volume-transfers/t1/accept`,
        status: 202,
        body: sample("volume-transfer-accept-response"),
      },
    ]);
    const cinder = createCinderClient({ endpoint, token: "t", fetch: fake.fetch });
    const created = await cinder.transfers.create({ volumeId: "v", name: "x", noSnapshots: true });
    expect(created.auth_key).toBe("dbccabcdbad19e07");
    expect(fake.calls.at(-1)?.body).toEqual({ transfer: { volume_id: "v", name: "x", no_snapshots: true } });
    const accepted = await cinder.transfers.accept("t1", "dbccabcdbad19e07");
    expect(accepted.auth_key).toBeUndefined();
    expect(fake.calls.at(-1)?.body).toEqual({ accept: { auth_key: "dbccabcdbad19e07" } });
  });

  it("uses /os-volume-transfer on clouds older than 3.55", async () => {
    const fake = fakeFetch([{ path: `${base}/os-volume-transfer/detail`, body: { transfers: [] } }]);
    const cinder = createCinderClient({ endpoint, token: "t", fetch: fake.fetch, microversion: "3.0" });
    expect(await cinder.transfers.list()).toEqual([]);
  });

  it("creates and restores a backup from the samples", async () => {
    const fake = fakeFetch([
      versionRoute,
      { method: "POST", path: `${base}/backups`, status: 202, body: sample("backup-create-response") },
      {
        method: "POST",
        path: `${base}/backups/b/restore`,
        status: 202,
        body: sample("backup-restore-response"),
      },
    ]);
    const cinder = createCinderClient({ endpoint, token: "t", fetch: fake.fetch });
    expect((await cinder.backups.create({ volumeId: "v", name: "b1" })).id).toBeTruthy();
    const restore = await cinder.backups.restore("b", { name: "restored" });
    expect(restore.volume_id).toBe("795114e8-7489-40be-a978-83797f2c1dd3");
    expect(fake.calls.at(-1)?.body).toEqual({ restore: { name: "restored" } });
  });
});

describe("types, quotas, limits, zones, services, pools", () => {
  it("reads each sample", async () => {
    const fake = fakeFetch([
      versionRoute,
      { path: `${base}/types`, body: sample("volume-types-list-response") },
      { path: `${base}/os-quota-sets/${P}?usage=true`, body: sample("quotas-show-usage-response") },
      { path: `${base}/limits`, body: sample("limits-show-response") },
      { path: `${base}/os-availability-zone`, body: sample("availability-zone-list-response") },
      { path: `${base}/os-services`, body: sample("services-list-response") },
      { path: `${base}/scheduler-stats/get_pools?detail=true`, body: sample("pools-list-detailed-response") },
    ]);
    const cinder = createCinderClient({ endpoint, token: "t", fetch: fake.fetch });
    expect((await cinder.types.list()).length).toBeGreaterThan(0);
    const usage = await cinder.quotas.usage(P);
    expect(usage.gigabytes).toEqual({ limit: 1000, in_use: 0, reserved: 0 });
    expect(usage).not.toHaveProperty("id");
    expect((await cinder.quotas.limits()).maxTotalVolumes).toBe(10);
    expect((await cinder.quotas.availabilityZones())[0]?.zoneName).toBe("nova");
    expect((await cinder.services.list()).map((s) => s.binary)).toContain("cinder-volume");
    expect((await cinder.services.pools())[1]?.capabilities?.free_capacity_gb).toBe(200);
  });
});

describe("nova volume attachments and boot from volume", () => {
  const versionDoc = { version: { id: "v2.1", status: "CURRENT", version: "2.79", min_version: "2.1" } };
  it("attaches, lists and detaches", async () => {
    const path = "/compute/v2.1/servers/vm/os-volume_attachments";
    const att = { id: "v", volumeId: "v", serverId: "vm", device: "/dev/vdb", delete_on_termination: false };
    const fake = fakeFetch([
      { path: "/compute/v2.1", body: versionDoc },
      { method: "POST", path, body: { volumeAttachment: att } },
      { path, body: { volumeAttachments: [att] } },
      { method: "DELETE", path: `${path}/v`, status: 202 },
    ]);
    const nova = createNovaClient({ endpoint: "http://c/compute/v2.1", token: "t", fetch: fake.fetch });
    expect((await nova.volumeAttachments.attach("vm", { volumeId: "v" })).device).toBe("/dev/vdb");
    expect(fake.calls.at(-1)?.body).toEqual({ volumeAttachment: { volumeId: "v" } });
    expect(await nova.volumeAttachments.list("vm")).toHaveLength(1);
    await nova.volumeAttachments.detach("vm", "v");
    expect(fake.calls.at(-1)?.method).toBe("DELETE");
  });

  it("sends block_device_mapping_v2 for an image made into a new volume", async () => {
    const fake = fakeFetch([
      { path: "/compute/v2.1", body: versionDoc },
      { method: "POST", path: "/compute/v2.1/servers", status: 202, body: { server: { id: "vm" } } },
    ]);
    const nova = createNovaClient({ endpoint: "http://c/compute/v2.1", token: "t", fetch: fake.fetch });
    await nova.servers.create({
      name: "a",
      imageRef: "",
      flavorRef: "1",
      blockDeviceMappings: [
        {
          sourceType: "image",
          destinationType: "volume",
          uuid: "img",
          bootIndex: 0,
          volumeSize: 2,
          deleteOnTermination: true,
        },
      ],
    });
    expect(fake.calls.at(-1)?.body).toMatchObject({
      server: {
        imageRef: "",
        block_device_mapping_v2: [
          {
            source_type: "image",
            destination_type: "volume",
            uuid: "img",
            boot_index: 0,
            volume_size: 2,
            delete_on_termination: true,
          },
        ],
      },
    });
  });
});
