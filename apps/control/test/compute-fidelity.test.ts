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
import { DEMO_PASSWORD, startTestControl } from "./harness.ts";

const EXTENDED = /^(OS-EXT-|OS-SRV-USG|os-extended-volumes)/;

describe("Nova fidelity: update and rebuild answers, access IPs, list times", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let imageId: string;

  beforeAll(async () => {
    ({ env, agent, imageId } = await startComputeWithAgent("fidelity", "fid-1"));
  });
  afterAll(() => stopComputeWithAgent({ env, agent }));

  const boot = (name: string, extra: Record<string, unknown> = {}) => bootActive(env, imageId, name, extra);

  it("PUT /servers/{id} answers the core view before 2.75 and the full view from 2.75", async () => {
    const id = await boot("upd");
    const put = (mv: string, server: Record<string, unknown>, token = env.demoToken) =>
      env.api("PUT", `servers/${id}`, { mv, token, body: { server } });

    const v21 = await put("2.1", { name: "upd-21" });
    expect(v21.status).toBe(200);
    const keys21 = Object.keys(v21.body.server);
    expect(keys21.filter((k) => EXTENDED.test(k))).toEqual([]);
    for (const k of ["key_name", "config_drive", "security_groups", "locked", "description", "tags"]) {
      expect(keys21).not.toContain(k);
    }
    expect(v21.body.server).toMatchObject({ name: "upd-21", "OS-DCF:diskConfig": "MANUAL", progress: 0 });
    // Admins get no OS-EXT-SRV-ATTR before 2.75 either.
    const admin21 = await put("2.1", { name: "upd-a" }, env.adminToken);
    expect(Object.keys(admin21.body.server).filter((k) => EXTENDED.test(k))).toEqual([]);

    const v9 = await put("2.9", { name: "upd-9" });
    expect(v9.body.server.locked).toBe(false);
    expect(v9.body.server).not.toHaveProperty("description");
    const v19 = await put("2.19", { description: "d" });
    expect(v19.body.server.description).toBe("d");
    const v26 = await put("2.26", { name: "upd-26" });
    expect(v26.body.server.tags).toEqual([]);
    const v47 = await put("2.47", { name: "upd-47" });
    expect(v47.body.server.flavor).toMatchObject({ original_name: FLAVORS.small.name, vcpus: 1 });
    const v71 = await put("2.71", { name: "upd-71" });
    expect(v71.body.server.server_groups).toEqual([]);
    expect(v71.body.server).not.toHaveProperty("OS-EXT-STS:vm_state");

    const v75 = await put("2.75", { name: "upd-75" });
    expect(v75.body.server).toMatchObject({
      "OS-EXT-STS:vm_state": "active",
      "OS-EXT-AZ:availability_zone": expect.any(String),
      key_name: null,
      "os-extended-volumes:volumes_attached": [],
      server_groups: [],
    });
    expect(v75.body.server).not.toHaveProperty("OS-EXT-SRV-ATTR:host");
    // Nova shows the security groups of the server's ports: this one has none (a cloud without networks).
    expect(v75.body.server).not.toHaveProperty("security_groups");
    const admin75 = await put("2.75", { name: "upd-75a" }, env.adminToken);
    expect(admin75.body.server["OS-EXT-SRV-ATTR:host"]).toBe("fid-1");
    expect(admin75.body.server.host_status).toBe("UP");

    // GET shows server_groups from 2.71; lists never do.
    expect((await env.api("GET", `servers/${id}`, { mv: "2.71" })).body.server.server_groups).toEqual([]);
    expect((await env.api("GET", `servers/${id}`, { mv: "2.70" })).body.server).not.toHaveProperty(
      "server_groups",
    );
    const detail = await env.api("GET", "servers/detail", { mv: "2.71" });
    expect(detail.body.servers[0]).not.toHaveProperty("server_groups");
  });

  it("rebuild answers the microversion's view with an adminPass", async () => {
    const id = await boot("rb", { user_data: Buffer.from("hello").toString("base64") });
    const rebuild = async (mv: string, body: Record<string, unknown> = {}) => {
      const res = await env.api("POST", `servers/${id}/action`, {
        mv,
        body: { rebuild: { imageRef: imageId, ...body } },
      });
      expect(res.status, res.text).toBe(202);
      await waitForStatus(env, id, "ACTIVE");
      return res.body.server;
    };
    const v21 = await rebuild("2.1");
    expect(Object.keys(v21).filter((k) => EXTENDED.test(k))).toEqual([]);
    expect(v21).not.toHaveProperty("key_name");
    expect(v21.adminPass).toMatch(/^\S{12}$/);
    expect((await rebuild("2.1", { adminPass: "given-pass" })).adminPass).toBe("given-pass");
    const v54 = await rebuild("2.54");
    expect(v54.key_name).toBeNull();
    expect(v54).not.toHaveProperty("user_data");
    const v57 = await rebuild("2.57");
    expect(v57.user_data).toBe(Buffer.from("hello").toString("base64"));
    expect(v57).not.toHaveProperty("OS-EXT-STS:vm_state");
    const v75 = await rebuild("2.75", { accessIPv6: "2001:DB8:0:0:0:0:0:7" });
    expect(v75["OS-EXT-STS:task_state"]).toBe("rebuilding");
    expect(v75.server_groups).toEqual([]);
    expect(v75.accessIPv6).toBe("2001:db8::7");
  });

  it("validates and normalises accessIPv4/accessIPv6 on create, update and rebuild", async () => {
    for (const bad of [
      { accessIPv4: "1.2.3" },
      { accessIPv4: "01.2.3.4" },
      { accessIPv4: "" },
      { accessIPv4: "2001:db8::1" },
      { accessIPv6: "fe80::1%eth0" },
      { accessIPv6: "1::2::3" },
      { accessIPv6: "1.2.3.4" },
    ]) {
      const res = await createServer(env, {
        name: "ip",
        imageRef: imageId,
        flavorRef: FLAVORS.small.id,
        ...bad,
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.badRequest.code).toBe(400);
    }
    const id = await boot("ip-ok", { accessIPv4: "192.0.2.10", accessIPv6: "2001:DB8:0:0:1:0:0:1" });
    const got = await env.api("GET", `servers/${id}`);
    expect(got.body.server.accessIPv4).toBe("192.0.2.10");
    expect(got.body.server.accessIPv6).toBe("2001:db8::1:0:0:1");
    const upd = await env.api("PUT", `servers/${id}`, { body: { server: { accessIPv6: "::FFFF:0:0" } } });
    expect(upd.body.server.accessIPv6).toBe("::ffff:0:0");
    const badUpd = await env.api("PUT", `servers/${id}`, { body: { server: { accessIPv4: "300.1.1.1" } } });
    expect(badUpd.status).toBe(400);
    const badRebuild = await env.api("POST", `servers/${id}/action`, {
      body: { rebuild: { imageRef: imageId, accessIPv4: "a.b.c.d" } },
    });
    expect(badRebuild.status).toBe(400);
  });

  it("refuses an invalid changes-since/changes-before with 400", async () => {
    for (const q of ["changes-since=yesterday", "changes-since=1", "changes-since=2020-13-45T00:00:00Z"]) {
      const res = await env.api("GET", `servers/detail?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.badRequest.message).toContain("changes-since");
    }
    const bad = await env.api("GET", "servers?changes-before=soon", { mv: "2.66" });
    expect(bad.status).toBe(400);
    // Before 2.66 changes-before does not exist, so it is ignored as Nova's schema strips it.
    expect((await env.api("GET", "servers?changes-before=soon", { mv: "2.65" })).status).toBe(200);
    for (const ok of ["2020-01-01", "2020-01-01T00:00:00", "2020-01-01T00:00:00.123456+02:00"]) {
      const res = await env.api("GET", `servers?changes-since=${encodeURIComponent(ok)}`);
      expect(res.status, ok).toBe(200);
      expect(res.body.servers.length).toBeGreaterThan(0);
    }
  });

  it("bounds max_count at 1000 servers per request even with an unlimited quota (400, nothing created)", async () => {
    const quota = await env.api("PUT", `os-quota-sets/${env.demoProjectId}`, {
      token: env.adminToken,
      body: { quota_set: { instances: -1, cores: -1, ram: -1 } },
    });
    expect(quota.status).toBe(200);
    const before = await env.control.running.db.prisma.instance.count();
    for (const counts of [
      { max_count: 1001 },
      { min_count: 1, max_count: 50000 },
      { min_count: 1001, max_count: 1001 },
    ]) {
      const res = await createServer(env, {
        name: "many",
        imageRef: imageId,
        flavorRef: FLAVORS.small.id,
        ...counts,
      });
      expect(res.status, JSON.stringify(counts)).toBe(400);
      expect(res.body.badRequest.message).toContain("max_count");
      expect(res.body.badRequest.message).toContain("maximum of 1000");
    }
    expect(await env.control.running.db.prisma.instance.count()).toBe(before);
    await env.api("DELETE", `os-quota-sets/${env.demoProjectId}`, { token: env.adminToken });
  });
});

describe("max_count ceiling is configurable", () => {
  it("refuses more than maxServersPerRequest servers in one request", async () => {
    const control = await startTestControl(
      { label: "PGlite", databaseUrl: "memory://", reset: async () => {} },
      { maxServersPerRequest: 2 },
    );
    try {
      const token = await control.login("demo", DEMO_PASSWORD, { project: "demo" });
      const res = await fetch(`${control.url}/compute/v2.1/servers`, {
        method: "POST",
        headers: { "x-auth-token": token, "content-type": "application/json" },
        body: JSON.stringify({ server: { name: "x", imageRef: "none", flavorRef: "1", max_count: 3 } }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { badRequest: { message: string } };
      expect(body.badRequest.message).toContain("maximum of 2 servers per request");
    } finally {
      await control.close();
    }
  });
});
