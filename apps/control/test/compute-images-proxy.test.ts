import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ComputeTestEnv,
  createServer,
  type FakeAgent,
  FLAVORS,
  startComputeWithAgent,
  stopComputeWithAgent,
  waitForStatus,
} from "./compute-servers-harness.ts";

/** The keys of upstream's images/image-get-resp.json (OS-DCF:diskConfig only with auto_disk_config). */
const DETAIL_KEYS = [
  "OS-EXT-IMG-SIZE:size",
  "created",
  "id",
  "links",
  "metadata",
  "minDisk",
  "minRam",
  "name",
  "progress",
  "status",
  "updated",
];

describe("Nova's image API (proxy to Glance, below 2.36)", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let imageId: string;

  beforeAll(async () => {
    ({ env, agent, imageId } = await startComputeWithAgent("images_proxy", "img-1"));
  });
  afterAll(() => stopComputeWithAgent({ env, agent }));

  /** An image owned by the demo project, through Glance. */
  async function glanceImage(attrs: Record<string, unknown>, token = env.demoToken): Promise<string> {
    const res = await fetch(`${env.control.url}/image/v2/images`, {
      method: "POST",
      headers: { "x-auth-token": token, "content-type": "application/json" },
      body: JSON.stringify(attrs),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  it("shows images as upstream: summary, detail, one image; 404 from 2.36", async () => {
    const list = await env.api("GET", "images");
    expect(list.status).toBe(200);
    const entry = list.body.images.find((i: { id: string }) => i.id === imageId);
    const base = env.control.url;
    expect(entry).toEqual({
      id: imageId,
      name: "cirros",
      links: [
        { rel: "self", href: `${base}/compute/v2.1/images/${imageId}` },
        { rel: "bookmark", href: `${base}/compute/images/${imageId}` },
        {
          rel: "alternate",
          type: "application/vnd.openstack.image",
          href: `${base}/image/images/${imageId}`,
        },
      ],
    });
    const one = await env.api("GET", `images/${imageId}`, { mv: "2.35" });
    expect(one.status).toBe(200);
    expect(Object.keys(one.body.image).sort()).toEqual(DETAIL_KEYS);
    expect(one.body.image).toMatchObject({
      status: "ACTIVE",
      progress: 100,
      minDisk: 0,
      minRam: 0,
      metadata: {},
      "OS-EXT-IMG-SIZE:size": "fake disk image bytes\n".length,
    });
    expect(one.body.image.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const detail = await env.api("GET", "images/detail");
    expect(detail.body.images.find((i: { id: string }) => i.id === imageId)).toEqual(one.body.image);

    for (const path of ["images", "images/detail", `images/${imageId}`, `images/${imageId}/metadata`]) {
      const gone = await env.api("GET", path, { mv: "2.36" });
      expect(gone.status, path).toBe(404);
      expect(gone.body.itemNotFound.code).toBe(404);
    }
    expect((await env.api("GET", "images")).status).toBe(200);
    expect((await env.api("GET", "images", { token: "bogus" })).status).toBe(401);
  });

  it("maps statuses, auto_disk_config and filters by name, status, minRam, minDisk, changes-since", async () => {
    const queued = await glanceImage({
      name: "px-queued",
      min_ram: 512,
      min_disk: 3,
      auto_disk_config: "True",
      disk_format: "raw",
      container_format: "bare",
    });
    const got = await env.api("GET", `images/${queued}`);
    expect(got.body.image).toMatchObject({
      status: "SAVING",
      progress: 25,
      minRam: 512,
      minDisk: 3,
      "OS-EXT-IMG-SIZE:size": null,
      "OS-DCF:diskConfig": "AUTO",
      metadata: { auto_disk_config: "True" },
    });
    const ids = async (q: string) =>
      (await env.api("GET", `images/detail?${q}`)).body.images.map((i: { id: string }) => i.id);
    expect(await ids("name=px-queued")).toEqual([queued]);
    expect(await ids("name=px-queued&status=SAVING")).toEqual([queued]);
    expect(await ids("name=px-queued&status=ACTIVE")).toEqual([]);
    expect(await ids("status=active")).toContain(imageId);
    expect(await ids("minRam=512")).toEqual([queued]);
    expect(await ids("minRam=513")).toEqual([]);
    expect(await ids("minDisk=3")).toEqual([queued]);
    expect(await ids("changes-since=2999-01-01T00:00:00Z")).toEqual([]);
    expect(await ids("changes-since=2000-01-01T00:00:00Z")).toContain(queued);
    expect((await env.api("GET", "images?changes-since=never")).status).toBe(400);
    expect((await env.api("GET", "images?minRam=-1")).status).toBe(400);
  });

  it("pages with limit and marker and images_links", async () => {
    for (let i = 0; i < 3; i++) await glanceImage({ name: "px-page" });
    const first = await env.api("GET", "images?name=px-page&limit=2");
    expect(first.body.images).toHaveLength(2);
    const next = first.body.images_links[0];
    expect(next.rel).toBe("next");
    const url = new URL(next.href);
    expect(url.pathname).toBe("/compute/v2.1/images");
    expect(url.searchParams.get("name")).toBe("px-page");
    const second = await env.api("GET", `${url.pathname}${url.search}`);
    expect(second.body.images).toHaveLength(1);
    expect(second.body).not.toHaveProperty("images_links");
    const all = [...first.body.images, ...second.body.images].map((i: { id: string }) => i.id);
    expect(new Set(all).size).toBe(3);
    expect((await env.api("GET", `images?marker=${randomUUID()}`)).status).toBe(400);
  });

  it("createImage is visible at once as SAVING with its server, and filterable by server and type", async () => {
    const boot = await createServer(env, { name: "px-vm", imageRef: imageId, flavorRef: FLAVORS.small.id });
    const serverId = boot.body.server.id;
    await waitForStatus(env, serverId, "ACTIVE");
    agent.hold();
    const snap = await env.api("POST", `servers/${serverId}/action`, {
      mv: "2.45",
      body: { createImage: { name: "px-snap", metadata: { purpose: "proxy" } } },
    });
    expect(snap.status).toBe(202);
    const snapId = snap.body.image_id;
    const shown = await env.api("GET", `images/${snapId}`);
    expect(shown.status).toBe(200);
    expect(shown.body.image).toMatchObject({
      name: "px-snap",
      status: "SAVING",
      progress: 50,
      metadata: { purpose: "proxy", image_type: "snapshot", instance_uuid: serverId },
      server: {
        id: serverId,
        links: [
          { rel: "self", href: `${env.control.url}/compute/v2.1/servers/${serverId}` },
          { rel: "bookmark", href: `${env.control.url}/compute/servers/${serverId}` },
        ],
      },
    });
    const ids = async (q: string) =>
      (await env.api("GET", `images?${q}`)).body.images.map((i: { id: string }) => i.id);
    expect(await ids(`server=${serverId}`)).toEqual([snapId]);
    expect(await ids("type=snapshot")).toContain(snapId);
    expect(await ids("type=snapshot")).not.toContain(imageId);
    agent.release();
    await waitForStatus(env, serverId, "ACTIVE");

    // A snapshot is an image of the project: image_count_total bounds it too (Nova's 403).
    const prisma = env.control.running.db.prisma;
    const owned = await prisma.image.count({ where: { ownerId: env.demoProjectId, deletedAt: null } });
    const where = { projectId_resource: { projectId: env.demoProjectId, resource: "image_count_total" } };
    await prisma.quota.upsert({
      where,
      create: { projectId: env.demoProjectId, resource: "image_count_total", hardLimit: owned },
      update: { hardLimit: owned },
    });
    const over = await env.api("POST", `servers/${serverId}/action`, {
      mv: "2.45",
      body: { createImage: { name: "px-snap-over" } },
    });
    expect(over.status).toBe(403);
    expect(over.body.forbidden.message).toContain("image_count_total");
    expect((await env.api("GET", `servers/${serverId}`)).body.server["OS-EXT-STS:task_state"]).toBeNull();
    await prisma.quota.delete({ where });
  });

  it("manages image metadata: list, merge, replace, one key; errors as Nova", async () => {
    const id = await glanceImage({ name: "px-meta", architecture: "x86_64", kernel_id: null });
    const base = `images/${id}/metadata`;
    expect((await env.api("GET", base)).body).toEqual({ metadata: { architecture: "x86_64" } });
    const merged = await env.api("POST", base, { body: { metadata: { Label: "A", os_distro: "x" } } });
    expect(merged.status).toBe(200);
    expect(merged.body.metadata).toEqual({ architecture: "x86_64", Label: "A", os_distro: "x" });
    const replaced = await env.api("PUT", base, { body: { metadata: { Label: "B" } } });
    expect(replaced.body).toEqual({ metadata: { Label: "B" } });
    expect((await env.api("GET", base)).body.metadata).toEqual({ Label: "B" });
    expect((await env.api("GET", `${base}/Label`)).body).toEqual({ meta: { Label: "B" } });
    const setKey = await env.api("PUT", `${base}/color`, { body: { meta: { color: "red" } } });
    expect(setKey.body).toEqual({ meta: { color: "red" } });
    expect((await env.api("GET", `images/${id}`)).body.image.metadata).toEqual({ Label: "B", color: "red" });
    expect((await env.api("DELETE", `${base}/color`)).status).toBe(204);
    const missing = await env.api("GET", `${base}/color`);
    expect(missing.status).toBe(404);
    expect(missing.body.itemNotFound.message).toBe("Invalid metadata key");
    expect((await env.api("DELETE", `${base}/color`)).status).toBe(404);
    const mismatch = await env.api("PUT", `${base}/a`, { body: { meta: { b: "1" } } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.badRequest.message).toBe("Request body and URI mismatch");
    const many = await env.api("PUT", `${base}/a`, { body: { meta: { a: "1", b: "2" } } });
    expect(many.body.badRequest.message).toBe("Request body contains too many items");
    expect((await env.api("POST", base, { body: { metadata: { k: 5 } } })).status).toBe(400);

    // The compute metadata_items quota bounds an image's properties (403 as Nova).
    const demoQuota = await env.api("PUT", `os-quota-sets/${env.demoProjectId}`, {
      token: env.adminToken,
      body: { quota_set: { metadata_items: 2 } },
    });
    expect(demoQuota.status).toBe(200);
    const over = await env.api("POST", base, { body: { metadata: { x: "1", y: "2" } } });
    expect(over.status).toBe(403);
    expect(over.body.forbidden.message).toBe("Image metadata limit exceeded");
    await env.api("PUT", `os-quota-sets/${env.demoProjectId}`, {
      token: env.adminToken,
      body: { quota_set: { metadata_items: 128 } },
    });
  });

  it("keeps projects apart and deletes through Glance's rules", async () => {
    const adminPrivate = await glanceImage(
      { name: "px-admin-private", visibility: "private" },
      env.adminToken,
    );
    for (const [method, path] of [
      ["GET", `images/${adminPrivate}`],
      ["GET", `images/${adminPrivate}/metadata`],
      ["DELETE", `images/${adminPrivate}`],
    ] as const) {
      expect((await env.api(method, path)).status, `${method} ${path}`).toBe(404);
    }
    const put = await env.api("PUT", `images/${adminPrivate}/metadata`, { body: { metadata: { a: "b" } } });
    expect(put.status).toBe(404);
    const names = (await env.api("GET", "images?limit=1000")).body.images.map(
      (i: { name: string }) => i.name,
    );
    expect(names).not.toContain("px-admin-private");
    // A public image is visible but not the demo project's to change or delete.
    expect(
      (await env.api("POST", `images/${imageId}/metadata`, { body: { metadata: { a: "b" } } })).status,
    ).toBe(403);
    expect((await env.api("DELETE", `images/${imageId}`)).status).toBe(403);

    const mine = await glanceImage({ name: "px-delete" });
    expect((await env.api("DELETE", `images/${mine}`)).status).toBe(204);
    expect((await env.api("GET", `images/${mine}`)).status).toBe(404);
    expect((await env.api("DELETE", `images/${mine}`, { mv: "2.36" })).status).toBe(404);
  });
});
