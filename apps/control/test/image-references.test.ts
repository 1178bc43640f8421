import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ComputeTestEnv,
  createServer,
  FakeAgent,
  FLAVORS,
  seed,
  startCompute,
  waitForStatus,
} from "./compute-servers-harness.ts";

const PATCH = "application/openstack-images-v2.1-json-patch";

interface Res {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
  body: any;
}

describe("image properties naming other resources are checked against the caller", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let imageId: string;
  let adminServer: string;
  let demoServer: string;
  let adminPrivate: string;

  async function glance(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    type?: string,
  ): Promise<Res> {
    const res = await fetch(`${env.control.url}/image${path}`, {
      method,
      headers: {
        "x-auth-token": token,
        ...(body === undefined ? {} : { "content-type": type ?? "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const create = (token: string, attrs: Record<string, unknown>) =>
    glance("POST", "/v2/images", token, attrs);
  const patch = (token: string, id: string, ops: unknown) =>
    glance("PATCH", `/v2/images/${id}`, token, ops, PATCH);

  beforeAll(async () => {
    env = await startCompute("image_refs");
    ({ imageId } = await seed(env));
    agent = new FakeAgent({ host: "ref-1" }, env.control.url);
    await agent.connect();
    const a = await createServer(
      env,
      { name: "adm", imageRef: imageId, flavorRef: FLAVORS.small.id },
      {
        token: env.adminToken,
      },
    );
    const d = await createServer(env, { name: "dem", imageRef: imageId, flavorRef: FLAVORS.small.id });
    adminServer = a.body.server.id;
    demoServer = d.body.server.id;
    await waitForStatus(env, adminServer, "ACTIVE");
    await waitForStatus(env, demoServer, "ACTIVE");
    const priv = await create(env.adminToken, {
      name: "admin-kernel",
      visibility: "private",
      disk_format: "aki",
      container_format: "aki",
    });
    adminPrivate = priv.body.id;
  });
  afterAll(async () => {
    await agent?.close();
    await env?.close();
  });

  it("instance_uuid: a project cannot tie an image to another project's server (create, PATCH, Nova proxy)", async () => {
    const foreign = await create(env.demoToken, { name: "steal", instance_uuid: adminServer });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toContain("instance_uuid");
    const unknown = await create(env.demoToken, {
      name: "ghost",
      instance_uuid: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe(
      foreign.body.message.replace(adminServer, "00000000-0000-4000-8000-000000000000"),
    );

    const own = await create(env.demoToken, { name: "mine", instance_uuid: demoServer });
    expect(own.status).toBe(201);
    const moved = await patch(env.demoToken, own.body.id, [
      { op: "replace", path: "/instance_uuid", value: adminServer },
    ]);
    expect(moved.status).toBe(400);
    // Unrelated changes keep working on an image whose reference was valid.
    expect(
      (await patch(env.demoToken, own.body.id, [{ op: "replace", path: "/name", value: "m2" }])).status,
    ).toBe(200);
    const viaNova = await env.api("POST", `images/${own.body.id}/metadata`, {
      body: { metadata: { instance_uuid: adminServer } },
    });
    expect(viaNova.status).toBe(400);
    // No image of the demo project waits for the admin server's snapshot.
    const waiting = await env.control.running.db.prisma.image.count({
      where: { ownerId: env.demoProjectId, properties: { path: ["instance_uuid"], equals: adminServer } },
    });
    expect(waiting).toBe(0);
    // A cloud admin may tie images to any server.
    expect((await create(env.adminToken, { name: "adm-tie", instance_uuid: demoServer })).status).toBe(201);
  });

  it("kernel_id/ramdisk_id: only images the caller's project may use (create, PATCH, Nova proxy)", async () => {
    for (const name of ["kernel_id", "ramdisk_id"]) {
      const hidden = await create(env.demoToken, { name: "k", [name]: adminPrivate });
      expect(hidden.status, name).toBe(400);
      expect(hidden.body.message).toContain(name);
    }
    const ok = await create(env.demoToken, { name: "k-ok", kernel_id: imageId, ramdisk_id: "nokernel" });
    expect(ok.status).toBe(201);
    const swapped = await patch(env.demoToken, ok.body.id, [
      { op: "add", path: "/ramdisk_id", value: adminPrivate },
    ]);
    expect(swapped.status).toBe(400);
    const viaNova = await env.api("PUT", `images/${ok.body.id}/metadata/kernel_id`, {
      body: { meta: { kernel_id: adminPrivate } },
    });
    expect(viaNova.status).toBe(400);
    expect((await glance("GET", `/v2/images/${ok.body.id}`, env.demoToken)).body.kernel_id).toBe(imageId);
    // Shared with the project: usable.
    await patch(env.adminToken, adminPrivate, [{ op: "replace", path: "/visibility", value: "shared" }]);
    await glance("POST", `/v2/images/${adminPrivate}/members`, env.adminToken, { member: env.demoProjectId });
    expect((await create(env.demoToken, { name: "k-shared", kernel_id: adminPrivate })).status).toBe(201);
    await glance("DELETE", `/v2/images/${adminPrivate}/members/${env.demoProjectId}`, env.adminToken);
    await patch(env.adminToken, adminPrivate, [{ op: "replace", path: "/visibility", value: "private" }]);
  });

  it("server create: the boot image's kernel and ramdisk must be usable by the instance's project", async () => {
    const prisma = env.control.running.db.prisma;
    // A public image pointing at the admin project's private kernel (as an admin may set it).
    const made = await create(env.adminToken, {
      name: "public-with-private-kernel",
      visibility: "public",
      disk_format: "qcow2",
      container_format: "bare",
      kernel_id: adminPrivate,
    });
    expect(made.status).toBe(201);
    await prisma.image.update({ where: { id: made.body.id }, data: { status: "active", size: 10n } });
    const demo = await createServer(env, {
      name: "k-boot",
      imageRef: made.body.id,
      flavorRef: FLAVORS.small.id,
    });
    expect(demo.status).toBe(400);
    expect(demo.body.badRequest.message).toBe(`Image ${adminPrivate} could not be found.`);
    // The kernel's own project boots it.
    const admin = await createServer(
      env,
      { name: "k-boot-admin", imageRef: made.body.id, flavorRef: FLAVORS.small.id },
      { token: env.adminToken },
    );
    expect(admin.status).toBe(202);
    await waitForStatus(env, admin.body.server.id, "ACTIVE");
    // Once the kernel is shared with the demo project, demo boots it too.
    await patch(env.adminToken, adminPrivate, [{ op: "replace", path: "/visibility", value: "shared" }]);
    await glance("POST", `/v2/images/${adminPrivate}/members`, env.adminToken, { member: env.demoProjectId });
    await glance("PUT", `/v2/images/${adminPrivate}/members/${env.demoProjectId}`, env.demoToken, {
      status: "accepted",
    });
    const shared = await createServer(env, {
      name: "k-boot-2",
      imageRef: made.body.id,
      flavorRef: FLAVORS.small.id,
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(202);
    await waitForStatus(env, shared.body.server.id, "ACTIVE");
  });
});
