import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bootActive,
  type ComputeTestEnv,
  createServer,
  type FakeAgent,
  FLAVORS,
  startComputeWithAgent,
  stopComputeWithAgent,
  waitForStatus,
} from "./compute-servers-harness.ts";
import { waitFor } from "./harness.ts";

describe("servers: the create → actions → delete loop with an agent", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let imageId: string;

  beforeAll(async () => {
    ({ env, agent, imageId } = await startComputeWithAgent("lifecycle", "cmp-1"));
  });
  afterAll(() => stopComputeWithAgent({ env, agent }));

  const boot = (name: string) => bootActive(env, imageId, name);

  it("creates a server: 202, BUILD while the agent works, then ACTIVE on its host", async () => {
    agent.hold();
    const res = await createServer(env, {
      name: "vm1",
      imageRef: imageId,
      flavorRef: FLAVORS.small.id,
      metadata: { role: "web" },
      min_count: 1,
      max_count: 1,
    });
    expect(res.status).toBe(202);
    const s = res.body.server;
    expect(Object.keys(s).sort()).toEqual([
      "OS-DCF:diskConfig",
      "adminPass",
      "id",
      "links",
      "security_groups",
    ]);
    expect(res.headers.get("location")).toMatch(new RegExp(`/compute/v2.1/servers/${s.id}$`));

    const building = await env.api("GET", `servers/${s.id}`);
    expect(building.body.server.status).toBe("BUILD");
    expect(building.body.server["OS-EXT-STS:task_state"]).toBe("spawning");
    agent.release();

    const active = await waitForStatus(env, s.id, "ACTIVE");
    const server = active.body.server;
    expect(server["OS-EXT-STS:power_state"]).toBe(1);
    expect(server["OS-EXT-SRV-ATTR:host"]).toBe("cmp-1");
    expect(server["OS-SRV-USG:launched_at"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(server.metadata).toEqual({ role: "web" });
    expect(server.flavor).toMatchObject({ vcpus: 1, ram: 512, disk: 1, original_name: "zt.small" });
    expect(server.locked_reason).toBeNull();
    expect(server.host_status).toBe("UP");

    // As the project member sees it at 2.1: flavor by id, no admin attributes.
    const member = (await env.api("GET", `servers/${s.id}`)).body.server;
    expect(member.flavor).toMatchObject({ id: FLAVORS.small.id });
    expect(member["OS-EXT-SRV-ATTR:host"]).toBeUndefined();
    expect(member.metadata).toBeDefined();
    expect(member.image.id).toBe(imageId);
    // The suite's cloud starts without networks: before 2.37 that boots with none.
    expect(member.addresses).toEqual({});
    expect(member.locked).toBeUndefined();
  });

  it("stops, starts, reboots, pauses, suspends, with Nova's state checks", async () => {
    const id = await boot("vm-power");
    const act = (body: unknown) => env.api("POST", `servers/${id}/action`, { body });

    expect((await act({ "os-stop": null })).status).toBe(202);
    await waitForStatus(env, id, "SHUTOFF");
    const again = await act({ "os-stop": null });
    expect(again.status).toBe(409);
    expect(again.body.conflictingRequest.message).toBe(
      `Cannot 'stop' instance ${id} while it is in vm_state stopped`,
    );
    expect((await act({ "os-start": null })).status).toBe(202);
    await waitForStatus(env, id, "ACTIVE");

    expect((await act({ reboot: { type: "SOFT" } })).status).toBe(202);
    await waitForStatus(env, id, "ACTIVE");
    expect((await act({ reboot: { type: "HARD" } })).status).toBe(202);
    await waitForStatus(env, id, "ACTIVE");

    expect((await act({ pause: null })).status).toBe(202);
    await waitForStatus(env, id, "PAUSED");
    expect((await act({ suspend: null })).status).toBe(409);
    expect((await act({ unpause: null })).status).toBe(202);
    await waitForStatus(env, id, "ACTIVE");
    expect((await act({ suspend: null })).status).toBe(202);
    const suspended = await waitForStatus(env, id, "SUSPENDED");
    expect(suspended.body.server["OS-EXT-STS:power_state"]).toBe(7);
    expect((await act({ resume: null })).status).toBe(202);
    await waitForStatus(env, id, "ACTIVE");

    const actions = await env.api("GET", `servers/${id}/os-instance-actions`);
    expect(actions.body.instanceActions.map((a: { action: string }) => a.action)).toEqual([
      "resume",
      "suspend",
      "unpause",
      "pause",
      "reboot",
      "reboot",
      "start",
      "stop",
      "create",
    ]);
    const stop = actions.body.instanceActions.find((a: { action: string }) => a.action === "stop");
    const detail = await env.api("GET", `servers/${id}/os-instance-actions/${stop.request_id}`, {
      mv: "2.62",
    });
    expect(detail.status).toBe(200);
    expect(detail.body.instanceAction.events).toEqual([
      expect.objectContaining({ event: "compute_stop_instance", result: "Success" }),
    ]);
  });

  it("locks: non-admins get 409 on actions, the reason shows at 2.73, admins still act", async () => {
    const id = await boot("vm-lock");
    const lock = await env.api("POST", `servers/${id}/action`, {
      body: { lock: { locked_reason: "maintenance" } },
      mv: "2.73",
    });
    expect(lock.status).toBe(202);
    const shown = (await env.api("GET", `servers/${id}`, { mv: "2.73" })).body.server;
    expect(shown.locked).toBe(true);
    expect(shown.locked_reason).toBe("maintenance");
    const refused = await env.api("POST", `servers/${id}/action`, { body: { "os-stop": null } });
    expect(refused.status).toBe(409);
    expect(refused.body.conflictingRequest.message).toBe(`Instance ${id} is locked`);
    expect((await env.api("DELETE", `servers/${id}`)).status).toBe(409);
    // The reason needs 2.73.
    expect(
      (await env.api("POST", `servers/${id}/action`, { body: { lock: { locked_reason: "x" } } })).status,
    ).toBe(400);
    const byAdmin = await env.api("POST", `servers/${id}/action`, {
      body: { "os-stop": null },
      token: env.adminToken,
    });
    expect(byAdmin.status).toBe(202);
    await waitForStatus(env, id, "SHUTOFF");
    expect((await env.api("POST", `servers/${id}/action`, { body: { unlock: null } })).status).toBe(202);
    expect((await env.api("POST", `servers/${id}/action`, { body: { "os-start": null } })).status).toBe(202);
    await waitForStatus(env, id, "ACTIVE");
  });

  it("resizes to VERIFY_RESIZE, then confirms or reverts, with quota and host claims following", async () => {
    const prisma = env.control.running.db.prisma;
    const id = await boot("vm-resize");
    const host = async () => prisma.computeHost.findFirstOrThrow({ where: { host: "cmp-1" } });
    const before = await host();

    const resize = await env.api("POST", `servers/${id}/action`, {
      body: { resize: { flavorRef: FLAVORS.medium.id } },
    });
    expect(resize.status).toBe(202);
    const verify = await waitForStatus(env, id, "VERIFY_RESIZE");
    expect(verify.body.server.flavor.original_name).toBe("zt.medium");
    // Both flavors are held on the host until confirm.
    expect((await host()).memoryMbUsed).toBe(before.memoryMbUsed + 1024);
    const confirm = await env.api("POST", `servers/${id}/action`, { body: { confirmResize: null } });
    expect(confirm.status).toBe(204);
    await waitForStatus(env, id, "ACTIVE");
    expect((await host()).memoryMbUsed).toBe(before.memoryMbUsed + 1024 - 512);

    await env.api("POST", `servers/${id}/action`, { body: { resize: { flavorRef: FLAVORS.big.id } } });
    await waitForStatus(env, id, "VERIFY_RESIZE");
    const usage = await env.control.running.db.prisma.instance.findUniqueOrThrow({ where: { id } });
    expect(usage.flavorId).toBe(FLAVORS.big.id);
    const revert = await env.api("POST", `servers/${id}/action`, { body: { revertResize: null } });
    expect(revert.status).toBe(202);
    const reverted = await waitForStatus(env, id, "ACTIVE");
    expect(reverted.body.server.flavor.original_name).toBe("zt.medium");
    expect((await host()).memoryMbUsed).toBe(before.memoryMbUsed + 1024 - 512);

    const same = await env.api("POST", `servers/${id}/action`, {
      body: { resize: { flavorRef: FLAVORS.medium.id } },
    });
    expect(same.status).toBe(400);
    const confirmActive = await env.api("POST", `servers/${id}/action`, { body: { confirmResize: null } });
    expect(confirmActive.status).toBe(409);
  });

  it("snapshots with createImage: a queued image at once, active with checksums after the upload", async () => {
    const prisma = env.control.running.db.prisma;
    const id = await boot("vm-snap");
    agent.hold();
    const res = await env.api("POST", `servers/${id}/action`, {
      body: {
        createImage: {
          name: "snap1",
          metadata: {
            purpose: "backup",
            image_type: "test",
            instance_uuid: "00000000-0000-0000-0000-000000000000",
          },
        },
      },
      mv: "2.45",
    });
    expect(res.status).toBe(202);
    const imageIdOut: string = res.body.image_id;
    const pending = await prisma.image.findUniqueOrThrow({ where: { id: imageIdOut } });
    expect(pending.status).toBe("saving");
    // The caller's metadata wins over image_type (as Nova's), never over the server it came from.
    expect(pending.properties).toMatchObject({ purpose: "backup", image_type: "test", instance_uuid: id });
    expect(pending.ownerId).toBe(env.demoProjectId);
    agent.release();
    await waitFor(
      async () => (await prisma.image.findUniqueOrThrow({ where: { id: imageIdOut } })).status === "active",
    );
    const image = await prisma.image.findUniqueOrThrow({ where: { id: imageIdOut } });
    expect(image.checksum).toMatch(/^[0-9a-f]{32}$/);
    expect(image.osHashAlgo).toBe("sha512");
    expect(Number(image.size)).toBe(`snapshot of ${id}\n`.length);
    await waitForStatus(env, id, "ACTIVE");

    const legacy = await env.api("POST", `servers/${id}/action`, {
      body: { createImage: { name: "snap2" } },
    });
    expect(legacy.status).toBe(202);
    expect(legacy.headers.get("location")).toMatch(/\/images\/[0-9a-f-]{36}$/);
    await waitForStatus(env, id, "ACTIVE");
  });

  it("rebuilds from an image and keeps the host", async () => {
    const id = await boot("vm-rebuild");
    const res = await env.api("POST", `servers/${id}/action`, {
      body: { rebuild: { imageRef: imageId, name: "rebuilt", metadata: { v: "2" } } },
    });
    expect(res.status).toBe(202);
    expect(res.body.server.name).toBe("rebuilt");
    const done = await waitForStatus(env, id, "ACTIVE");
    expect(done.body.server.metadata).toEqual({ v: "2" });
  });

  it("returns console output from the agent, tail lines with length", async () => {
    const id = await boot("vm-console");
    const all = await env.api("POST", `servers/${id}/action`, { body: { "os-getConsoleOutput": {} } });
    expect(all.status).toBe(200);
    expect(all.body.output.split("\n").filter(Boolean)).toHaveLength(10);
    const tail = await env.api("POST", `servers/${id}/action`, {
      body: { "os-getConsoleOutput": { length: "3" } },
    });
    expect(tail.body.output).toBe("boot line 8\nboot line 9\nboot line 10\n");
  });

  it("manages server metadata", async () => {
    const id = await boot("vm-meta");
    const base = `servers/${id}/metadata`;
    expect((await env.api("POST", base, { body: { metadata: { a: "1", b: "2" } } })).body.metadata).toEqual({
      a: "1",
      b: "2",
    });
    expect((await env.api("PUT", `${base}/c`, { body: { meta: { c: "3" } } })).body).toEqual({
      meta: { c: "3" },
    });
    expect((await env.api("PUT", `${base}/c`, { body: { meta: { d: "3" } } })).status).toBe(400);
    expect((await env.api("GET", `${base}/a`)).body).toEqual({ meta: { a: "1" } });
    expect((await env.api("DELETE", `${base}/a`)).status).toBe(204);
    expect((await env.api("GET", `${base}/a`)).status).toBe(404);
    expect((await env.api("PUT", base, { body: { metadata: { only: "x" } } })).body.metadata).toEqual({
      only: "x",
    });
    expect((await env.api("GET", base)).body.metadata).toEqual({ only: "x" });
  });

  it("updates name and description", async () => {
    const id = await boot("vm-update");
    const res = await env.api("PUT", `servers/${id}`, {
      body: { server: { name: "renamed", description: "d" } },
      mv: "2.19",
    });
    expect(res.status).toBe(200);
    expect(res.body.server).toMatchObject({ name: "renamed", description: "d" });
    const old = await env.api("PUT", `servers/${id}`, { body: { server: { description: "d" } } });
    expect(old.status).toBe(400);
  });

  it("deletes: 204, the agent destroys it, then 404 and the host's claim is released", async () => {
    const prisma = env.control.running.db.prisma;
    const id = await boot("vm-delete");
    const before = await prisma.computeHost.findFirstOrThrow({ where: { host: "cmp-1" } });
    const res = await env.api("DELETE", `servers/${id}`);
    expect(res.status).toBe(204);
    await waitFor(async () => (await env.api("GET", `servers/${id}`)).status === 404);
    const after = await prisma.computeHost.findFirstOrThrow({ where: { host: "cmp-1" } });
    expect(after.memoryMbUsed).toBe(before.memoryMbUsed - 512);
    expect(after.runningVms).toBe(before.runningVms - 1);
    expect(agent.instances.has(id)).toBe(false);
    const actions = await env.api("GET", `servers/${id}/os-instance-actions`, { mv: "2.21" });
    expect(actions.body.instanceActions[0].action).toBe("delete");
  });
});
