import { createCinderClient } from "@zenith/api-client/cinder";
import { createKeystoneClient } from "@zenith/api-client/keystone";
import { createNovaClient } from "@zenith/api-client/nova";
import { ZenithError } from "@zenith/core/errors";
import { describe, expect, it } from "vitest";
import type { Cloud } from "../src/services/cloud/clients.ts";
import { launchInstances } from "../src/services/compute/launch.ts";
import { attachVolume } from "../src/services/volume/attachments.ts";
import { watchVolumes } from "../src/services/volume/updates.ts";
import type { VolumeRow } from "../src/services/volume/volume-dto.ts";
import { deleteVolume, listVolumes, updateVolume } from "../src/services/volume/volumes.ts";
import { novaServer, server } from "./fake-cloud.ts";

/**
 * Volume services against a scripted Cinder and Nova speaking upstream's
 * shapes (string booleans, attachments as real Cinder reports them): joins,
 * paging, confirmation semantics, which actions are sent, live changes.
 */

interface FakeVolume {
  id: string;
  name: string | null;
  status: string;
  size: number;
  bootable: "true" | "false";
  attachments: { server_id: string; attachment_id: string; device: string }[];
  metadata: Record<string, string>;
  updated_at: string | null;
}

function fakeCinderNova(volumes: FakeVolume[]) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const servers = [{ id: "vm-1", name: "web-1" }];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const toCinder = (v: FakeVolume) => ({
    ...v,
    created_at: "2024-01-01T00:00:00.000000",
    volume_type: "__DEFAULT__",
    availability_zone: "nova",
    "os-vol-tenant-attr:tenant_id": "p-demo",
  });
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname, body });
    const p = url.pathname;
    if (p === "/compute/v2.1/servers") return json({ servers });
    const found = servers.find((x) => p === `/compute/v2.1/servers/${x.id}`);
    if (found && method === "GET") {
      return json({ server: novaServer(server(0, { id: found.id, name: found.name })) });
    }
    if (p === "/compute/v2.1/servers/vm-1/os-volume_attachments" && method === "POST") {
      const volumeId = (body as { volumeAttachment: { volumeId: string } }).volumeAttachment.volumeId;
      return json({ volumeAttachment: { id: volumeId, volumeId, serverId: "vm-1", device: "/dev/vdb" } });
    }
    if (p === "/volume/v3/p-demo/volumes/detail") {
      const status = url.searchParams.get("status");
      return json({ volumes: volumes.filter((v) => !status || v.status === status).map(toCinder) });
    }
    if (p === "/volume/v3/p-demo/volumes" && method === "POST") {
      const req = (body as { volume: { name: string; size: number } }).volume;
      const v: FakeVolume = {
        id: `vol-new-${volumes.length}`,
        name: req.name,
        status: "available",
        size: req.size,
        bootable: "false",
        attachments: [],
        metadata: {},
        updated_at: null,
      };
      volumes.push(v);
      return json({ volume: { ...toCinder(v), status: "creating" } }, 202);
    }
    const one = /^\/volume\/v3\/p-demo\/volumes\/([^/]+)(\/action)?$/.exec(p);
    const v = volumes.find((x) => x.id === one?.[1]);
    if (one && v) {
      if (one[2]) return new Response(null, { status: 202 });
      if (method === "DELETE") return new Response(null, { status: 202 });
      if (method === "PUT") return json({ volume: toCinder(v) });
      return json({ volume: toCinder(v) });
    }
    return json({ itemNotFound: { code: 404, message: `no route ${method} ${p}` } }, 404);
  };
  const cloud: Cloud = {
    identity: "test",
    keystone: createKeystoneClient({ authUrl: "http://c/identity/v3", token: "t", fetch: fetchImpl }),
    nova: async () =>
      createNovaClient({
        endpoint: "http://c/compute/v2.1",
        token: "t",
        fetch: fetchImpl,
        microversion: "2.79",
      }),
    glance: async () => {
      throw new Error("not used");
    },
    neutron: async () => {
      throw new Error("not used");
    },
    cinder: async () =>
      createCinderClient({
        endpoint: "http://c/volume/v3/p-demo",
        token: "t",
        fetch: fetchImpl,
        microversion: "3.60",
      }),
    changes: async () => null,
    metric: async () => ({ available: false, reason: "no-metric-service" }),
  };
  return { cloud, calls };
}

const scope = { token: "t", projectId: "p-demo", isAdmin: false };

function vol(n: number, overrides: Partial<FakeVolume> = {}): FakeVolume {
  return {
    id: `vol-${n}`,
    name: `data-${n}`,
    status: "available",
    size: n,
    bootable: "false",
    attachments: [],
    metadata: {},
    updated_at: null,
    ...overrides,
  };
}

describe("listVolumes", () => {
  it("labels attachments with one Nova read of the attached server, sorts naturally and pages", async () => {
    const volumes = [
      vol(10),
      vol(2, {
        status: "in-use",
        attachments: [{ server_id: "vm-1", attachment_id: "a-1", device: "/dev/vdb" }],
      }),
      vol(1),
    ];
    const { cloud, calls } = fakeCinderNova(volumes);
    const page = await listVolumes(cloud, scope, { page: 1, pageSize: 2, sort: "name" });
    expect(page.total).toBe(3);
    expect(page.items.map((v) => v.name)).toEqual(["data-1", "data-2"]);
    expect(page.items[1]?.attachments).toEqual([
      { serverId: "vm-1", serverName: "web-1", device: "/dev/vdb", attachmentId: "a-1", attachedAt: null },
    ]);
    expect(calls.filter((c) => c.path.startsWith("/compute")).length).toBe(1);
    const second = await listVolumes(cloud, scope, { page: 2, pageSize: 2, sort: "name" });
    expect(second.items.map((v) => v.name)).toEqual(["data-10"]);
  });

  it("passes the status filter to Cinder and skips Nova when nothing is attached", async () => {
    const { cloud, calls } = fakeCinderNova([vol(1), vol(2, { status: "error" })]);
    const page = await listVolumes(cloud, scope, { page: 1, pageSize: 20, status: "error" });
    expect(page.items.map((v) => v.id)).toEqual(["vol-2"]);
    expect(calls.some((c) => c.path.startsWith("/compute"))).toBe(false);
  });

  it("refuses a member's all-projects listing", async () => {
    const { cloud } = fakeCinderNova([]);
    await expect(
      listVolumes(cloud, scope, { page: 1, pageSize: 20, allProjects: true }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("deleteVolume", () => {
  it("deletes only when the typed name matches, and never an attached volume", async () => {
    const attached = vol(2, {
      status: "in-use",
      attachments: [{ server_id: "vm-1", attachment_id: "a", device: "d" }],
    });
    const { cloud, calls } = fakeCinderNova([vol(1), attached]);
    const wrong = await deleteVolume(cloud, "vol-1", { confirmName: "data-2" }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ZenithError);
    expect((wrong as ZenithError).fields[0]?.path).toBe("confirmName");
    await expect(deleteVolume(cloud, "vol-2", { confirmName: "data-2" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);
    await deleteVolume(cloud, "vol-1", { confirmName: "data-1" });
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual([
      "/volume/v3/p-demo/volumes/vol-1",
    ]);
  });
});

describe("updateVolume", () => {
  it("sends bootable and read-only actions only when they change", async () => {
    const { cloud, calls } = fakeCinderNova([vol(1, { bootable: "true", metadata: { readonly: "False" } })]);
    await updateVolume(cloud, scope, { id: "vol-1", name: "renamed", bootable: true, readonly: true });
    const actions = calls.filter((c) => c.path.endsWith("/action")).map((c) => c.body);
    expect(actions).toEqual([{ "os-update_readonly_flag": { readonly: true } }]);
    expect(calls.find((c) => c.method === "PUT")?.body).toEqual({ volume: { name: "renamed" } });
  });
});

describe("attachVolume", () => {
  it("creates an empty volume, waits until available and attaches it through Nova", async () => {
    const { cloud, calls } = fakeCinderNova([]);
    const res = await attachVolume(cloud, scope, { serverId: "vm-1", create: { name: "scratch", size: 1 } });
    expect(res).toEqual({ volumeId: "vol-new-0", device: "/dev/vdb" });
    const attach = calls.find((c) => c.path.endsWith("os-volume_attachments"));
    expect(attach?.body).toEqual({ volumeAttachment: { volumeId: "vol-new-0" } });
  });
});

describe("watchVolumes", () => {
  it("reports what is transitional at once, then only changes and deletions", async () => {
    const volumes = [vol(1, { status: "creating" }), vol(2)];
    const { cloud } = fakeCinderNova(volumes);
    const controller = new AbortController();
    const stream = watchVolumes(cloud, scope, {
      busyIntervalMs: 1,
      idleIntervalMs: 1,
      signal: controller.signal,
    });
    const first = await stream.next();
    expect(first.value?.changed.map((v: VolumeRow) => [v.id, v.status, v.transitional])).toEqual([
      ["vol-1", "creating", true],
    ]);
    const one = volumes[0];
    if (one) one.status = "available";
    volumes.splice(1, 1);
    const second = await stream.next();
    expect(second.value?.changed.map((v: VolumeRow) => [v.id, v.status])).toEqual([["vol-1", "available"]]);
    expect(second.value?.deleted).toEqual(["vol-2"]);
    controller.abort();
    await stream.return(undefined);
  });
});

describe("launch from a new volume", () => {
  it("sends the image as block_device_mapping_v2 and an empty imageRef, as Nova boots from volume", async () => {
    const calls: { path: string; body: unknown }[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      calls.push({
        path: url.pathname,
        body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
      });
      return new Response(JSON.stringify({ server: { id: "vm-9" } }), {
        status: 202,
        headers: { "content-type": "application/json" },
      });
    };
    const { cloud } = fakeCinderNova([]);
    const nova = createNovaClient({
      endpoint: "http://c/compute/v2.1",
      token: "t",
      fetch: fetchImpl,
      microversion: "2.79",
    });
    const res = await launchInstances(
      { ...cloud, nova: async () => nova },
      {
        name: "bfv",
        count: 1,
        imageId: "img-1",
        flavorId: "1",
        bootVolume: { sizeGb: 3, deleteOnTermination: false },
      },
    );
    expect(res).toEqual({ ids: ["vm-9"] });
    expect(calls[0]?.body).toMatchObject({
      server: {
        imageRef: "",
        block_device_mapping_v2: [
          {
            source_type: "image",
            destination_type: "volume",
            uuid: "img-1",
            boot_index: 0,
            volume_size: 3,
            delete_on_termination: false,
          },
        ],
      },
    });
  });
});
