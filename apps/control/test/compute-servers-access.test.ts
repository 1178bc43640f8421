import { agentImageFilePath, COMPUTE_AGENT_PATH } from "@zenith/agent-protocol/compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  AGENT_TOKEN,
  type ComputeTestEnv,
  createServer,
  FakeAgent,
  FLAVORS,
  seed,
  startCompute,
  waitForStatus,
} from "./compute-servers-harness.ts";

describe("servers: validation, quota and project isolation", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let imageId: string;
  let serverId: string;
  let otherToken: string;
  let readerToken: string;

  beforeAll(async () => {
    env = await startCompute("access");
    ({ imageId } = await seed(env));
    agent = new FakeAgent({ host: "cmp-a" }, env.control.url);
    await agent.connect();
    const admin = env.adminToken;
    const c = env.control;
    const project = await c.api("POST", "/projects", { token: admin, body: { project: { name: "other" } } });
    const roles = await c.api("GET", "/roles", { token: admin });
    const roleId = (name: string) => roles.body.roles.find((r: { name: string }) => r.name === name).id;
    for (const [user, role] of [
      ["bob", "member"],
      ["rita", "reader"],
    ] as const) {
      const u = await c.api("POST", "/users", {
        token: admin,
        body: { user: { name: user, password: "pw-123456" } },
      });
      const target = role === "member" ? project.body.project.id : env.demoProjectId;
      await c.api("PUT", `/projects/${target}/users/${u.body.user.id}/roles/${roleId(role)}`, {
        token: admin,
      });
    }
    otherToken = await c.login("bob", "pw-123456", { project: "other" });
    readerToken = await c.login("rita", "pw-123456", { project: "demo" });
    const res = await createServer(env, { name: "mine", imageRef: imageId, flavorRef: FLAVORS.small.id });
    serverId = res.body.server.id;
    await waitForStatus(env, serverId, "ACTIVE");
  });
  afterAll(async () => {
    await agent?.close();
    await env?.close();
  });

  it("hides another project's server behind 404 on every verb", async () => {
    const as = { token: otherToken };
    const calls: Array<[string, string, unknown?]> = [
      ["GET", `servers/${serverId}`],
      ["PUT", `servers/${serverId}`, { server: { name: "x" } }],
      ["DELETE", `servers/${serverId}`],
      ["POST", `servers/${serverId}/action`, { "os-stop": null }],
      ["POST", `servers/${serverId}/action`, { "os-getConsoleOutput": {} }],
      ["GET", `servers/${serverId}/metadata`],
      ["POST", `servers/${serverId}/metadata`, { metadata: { a: "b" } }],
      ["DELETE", `servers/${serverId}/metadata/a`],
      ["GET", `servers/${serverId}/os-instance-actions`],
    ];
    for (const [method, path, body] of calls) {
      const res = await env.api(method, path, { ...as, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.itemNotFound.message).toBe(`Instance ${serverId} could not be found.`);
    }
    const list = await env.api("GET", "servers/detail", as);
    expect(list.body.servers).toEqual([]);
    expect((await env.api("GET", "servers?all_tenants=True", as)).status).toBe(403);
  });

  it("lets readers read but not act; admins list all tenants", async () => {
    expect((await env.api("GET", `servers/${serverId}`, { token: readerToken })).status).toBe(200);
    const stop = await env.api("POST", `servers/${serverId}/action`, {
      token: readerToken,
      body: { "os-stop": null },
    });
    expect(stop.status).toBe(403);
    expect(stop.body.forbidden.message).toBe(
      "Policy doesn't allow os_compute_api:servers:stop to be performed.",
    );
    const all = await env.api("GET", "servers?all_tenants=1", { token: env.adminToken });
    expect(all.body.servers.map((s: { id: string }) => s.id)).toContain(serverId);
    const adminOwn = await env.api("GET", "servers", { token: env.adminToken });
    expect(adminOwn.body.servers.map((s: { id: string }) => s.id)).not.toContain(serverId);
  });

  it("refuses unknown flavors and images, and images too big for the flavor, with 400", async () => {
    const badFlavor = await createServer(env, { name: "x", imageRef: imageId, flavorRef: "nope" });
    expect(badFlavor.status).toBe(400);
    expect(badFlavor.body.badRequest.message).toBe("Flavor nope could not be found.");
    const badImage = await createServer(env, {
      name: "x",
      imageRef: "1d4e8e43-0000-4000-8000-000000000000",
      flavorRef: FLAVORS.small.id,
    });
    expect(badImage.status).toBe(400);
    expect(badImage.body.badRequest.message).toMatch(/^Image .* could not be found\.$/);
    await env.control.running.db.prisma.image.update({ where: { id: imageId }, data: { minRam: 1024 } });
    const tooSmall = await createServer(env, { name: "x", imageRef: imageId, flavorRef: FLAVORS.small.id });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.body.badRequest.message).toBe("Flavor's memory is too small for requested image.");
    await env.control.running.db.prisma.image.update({ where: { id: imageId }, data: { minRam: 0 } });
    const key = await createServer(env, {
      name: "x",
      imageRef: imageId,
      flavorRef: FLAVORS.small.id,
      key_name: "nokey",
    });
    expect(key.status).toBe(400);
    expect(key.body.badRequest.message).toBe("Invalid key_name provided.");
  });

  it("answers wrong types with 400 naming the field", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: "x", imageRef: imageId, flavorRef: { id: 1 } }, "server.flavorRef"],
      [{ name: 5, imageRef: imageId, flavorRef: FLAVORS.small.id }, "server.name"],
      [
        { name: "x", imageRef: imageId, flavorRef: FLAVORS.small.id, metadata: { k: 1 } },
        "server.metadata.k",
      ],
      [
        { name: "x", imageRef: imageId, flavorRef: FLAVORS.small.id, user_data: "not base64!" },
        "server.user_data",
      ],
      [{ name: "x", imageRef: imageId, flavorRef: FLAVORS.small.id, min_count: "two" }, "server.min_count"],
    ];
    for (const [body, field] of cases) {
      const res = await createServer(env, body);
      expect(res.status, field).toBe(400);
      expect(res.body.badRequest.message).toContain(`'${field}'`);
    }
    const reboot = await env.api("POST", `servers/${serverId}/action`, {
      body: { reboot: { type: "GENTLE" } },
    });
    expect(reboot.status).toBe(400);
    expect(reboot.body.badRequest.message).toContain("'reboot.type'");
    const unknown = await env.api("POST", `servers/${serverId}/action`, { body: { "os-fly": null } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.badRequest.message).toBe("There is no such action: os-fly");
  });

  it("enforces quota with Nova's message, also on resize", async () => {
    const prisma = env.control.running.db.prisma;
    await prisma.quota.create({ data: { projectId: env.demoProjectId, resource: "cores", hardLimit: 3 } });
    try {
      const over = await createServer(env, { name: "big", imageRef: imageId, flavorRef: FLAVORS.big.id });
      expect(over.status).toBe(403);
      expect(over.body.forbidden.message).toBe(
        "Quota exceeded for cores: Requested 4, but already used 1 of 3 cores",
      );
      const resize = await env.api("POST", `servers/${serverId}/action`, {
        body: { resize: { flavorRef: FLAVORS.big.id } },
      });
      expect(resize.status).toBe(403);
      // min_count/max_count: as many as fit.
      const multi = await createServer(env, {
        name: "multi",
        imageRef: imageId,
        flavorRef: FLAVORS.small.id,
        min_count: 1,
        max_count: 5,
        return_reservation_id: true,
      });
      expect(multi.status).toBe(202);
      const reservation = multi.body.reservation_id;
      expect(reservation).toMatch(/^r-[a-z0-9]{8}$/);
      const rows = await prisma.instance.findMany({
        where: { reservationId: reservation },
        orderBy: { launchIndex: "asc" },
      });
      expect(rows.map((r) => r.name)).toEqual(["multi-1", "multi-2"]);
    } finally {
      await prisma.quota.deleteMany({ where: { projectId: env.demoProjectId } });
    }
  });

  it("paginates with markers and next links, and filters", async () => {
    const page1 = await env.api("GET", "servers?limit=2");
    expect(page1.body.servers).toHaveLength(2);
    const next = page1.body.servers_links[0].href as string;
    expect(next).toContain("marker=");
    const page2 = await env.api("GET", next.slice(next.indexOf("/compute")));
    const ids = [...page1.body.servers, ...page2.body.servers].map((s: { id: string }) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(serverId);
    const byName = await env.api("GET", "servers?name=^mul");
    expect(byName.body.servers.map((s: { name: string }) => s.name).sort()).toEqual(["multi-1", "multi-2"]);
    const active = await env.api("GET", "servers/detail?status=ACTIVE");
    expect(active.body.servers.every((s: { status: string }) => s.status === "ACTIVE")).toBe(true);
    const shutoff = await env.api("GET", "servers?status=SHUTOFF");
    expect(shutoff.body.servers).toEqual([]);
    expect((await env.api("GET", "servers?sort_key=bogus")).status).toBe(400);
  });

  it("authenticates agents by token on the WebSocket and the image endpoints", async () => {
    const ws = new WebSocket(`${env.control.url.replace(/^http/, "ws")}${COMPUTE_AGENT_PATH}`, {
      headers: { authorization: "Bearer wrong" },
    });
    const refused = await new Promise<string>((resolve) => ws.once("error", (err) => resolve(err.message)));
    expect(refused).toContain("401");
    const path = agentImageFilePath(imageId);
    expect((await fetch(`${env.control.url}${path}`)).status).toBe(401);
    const ok = await fetch(`${env.control.url}${path}`, {
      headers: { authorization: `Bearer ${AGENT_TOKEN}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("fake disk image bytes\n");
    // Only snapshots in progress take uploads.
    const put = await fetch(`${env.control.url}${path}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${AGENT_TOKEN}`, "content-type": "application/octet-stream" },
      body: "x",
    });
    expect(put.status).toBe(404);
  });
});
