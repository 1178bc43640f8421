import { AGENT_SAMPLES_PATH, type Sample } from "@zenith/agent-protocol/metering";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AGENT_TOKEN,
  type ComputeTestEnv,
  createServer,
  FakeAgent,
  FLAVORS,
  memberOfNewProject,
  seed,
  startCompute,
  waitForStatus,
} from "./compute-servers-harness.ts";

/**
 * The metric service end to end on the real control plane: samples posted
 * on the agents' endpoint, folded into aggregates, read through the
 * Gnocchi v1 API, scoped to the caller's project.
 */
describe("metering: samples in, Gnocchi v1 out", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let serverId: string;
  let other: { projectId: string; token: string };
  const HOST = "meter-a";

  const post = (host: string, samples: Sample[], token = AGENT_TOKEN) =>
    fetch(`${env.control.url}${AGENT_SAMPLES_PATH}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ host, samples }),
    });
  const metric = (path: string, opts: { token?: string; body?: unknown; method?: string } = {}) =>
    env.api(opts.method ?? (opts.body === undefined ? "GET" : "POST"), `/metric/v1${path}`, opts);

  // A busy guest: 1 s of CPU per 1 s, sampled every 10 s for 5 min, from a minute boundary 10 min ago.
  const t0 = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
  const cpuSamples = (): Sample[] =>
    Array.from({ length: 30 }, (_, i) => ({
      resource: "instance",
      subject: serverId,
      metric: "cpu",
      value: i * 10e9,
      at: t0 + i * 10_000,
    }));

  beforeAll(async () => {
    env = await startCompute("metering");
    const { imageId } = await seed(env);
    agent = new FakeAgent({ host: HOST }, env.control.url);
    await agent.connect();
    const res = await createServer(env, { name: "busy", imageRef: imageId, flavorRef: FLAVORS.small.id });
    serverId = res.body.server.id;
    await waitForStatus(env, serverId, "ACTIVE");
    other = await memberOfNewProject(env, `meterother${process.pid}`);
    const stored = await post(HOST, [
      ...cpuSamples(),
      { resource: "instance", subject: serverId, metric: "memory.usage", value: 300, at: t0 },
      {
        resource: "instance_disk",
        subject: serverId,
        part: "vda",
        metric: "disk.device.read.bytes",
        value: 1,
        at: t0,
      },
      { resource: "host", subject: HOST, metric: "hardware.cpu.util", value: 42, at: t0 },
    ]);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({ accepted: 33, rejected: 0 });
    await env.control.running.metering.aggregator.processBacklog();
  });
  afterAll(async () => {
    await agent?.close();
    await env?.close();
  });

  it("lists the metric service in the catalog and answers version discovery", async () => {
    const root = await env.api("GET", "/metric");
    expect(root.status).toBe(200);
    expect(root.body.versions[0].id).toBe("v1.0");
    const token = await env.control.passwordAuth("demo", "demo-secret", { project: "demo" });
    const catalog = token.body.token.catalog as Array<{ type: string; endpoints: Array<{ url: string }> }>;
    const entry = catalog.find((s) => s.type === "metric");
    expect(entry?.endpoints[0]?.url).toMatch(/\/metric$/);
  });

  it("refuses samples about a subject that is not on the sending host, and a credential naming another host", async () => {
    const wrong = await post("meter-b", cpuSamples());
    expect(wrong.status).toBe(200);
    expect(await wrong.json()).toEqual({ accepted: 0, rejected: 30 });
    const notHere = await post(HOST, [
      { resource: "host", subject: "meter-b", metric: "hardware.cpu.util", value: 1, at: t0 },
    ]);
    expect(await notHere.json()).toEqual({ accepted: 0, rejected: 1 });
    const hostCredential = await env.control.running.enrolHost("meter-c");
    const impostor = await post(HOST, cpuSamples(), hostCredential);
    expect(impostor.status).toBe(403);
    const anonymous = await post(HOST, cpuSamples(), "nope");
    expect(anonymous.status).toBe(401);
    const invalid = await fetch(`${env.control.url}${AGENT_SAMPLES_PATH}`, {
      method: "POST",
      headers: { authorization: `Bearer ${AGENT_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        host: HOST,
        samples: [{ resource: "instance", subject: serverId, metric: "nope", value: 1, at: 1 }],
      }),
    });
    expect(invalid.status).toBe(400);
  });

  it("serves the instance as a Gnocchi resource with its metrics, to its project only", async () => {
    const res = await metric(`/resource/instance/${serverId}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      id: serverId,
      type: "instance",
      project_id: env.demoProjectId,
      display_name: "busy",
      flavor_name: FLAVORS.small.name,
      host: HOST,
      ended_at: null,
    });
    expect(Object.keys(res.body.metrics).sort()).toEqual(["cpu", "memory.usage"]);
    const hidden = await metric(`/resource/instance/${serverId}`, { token: other.token });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ code: 404, title: "Not Found" });
    expect(hidden.body.description).toContain(serverId);
    expect((await metric(`/resource/instance`, { token: other.token })).body).toEqual([]);
    const unauth = await metric(`/resource/instance`, { token: "bad" });
    expect(unauth.status).toBe(401);
  });

  it("answers measures at 10 s, 1 min and 1 h, with Gnocchi's rate:mean and rate:sum of a counter", async () => {
    const base = `/resource/instance/${serverId}/metric/cpu/measures`;
    const ten = await metric(`${base}?granularity=10&aggregation=rate:mean`);
    expect(ten.status, ten.text).toBe(200);
    expect(ten.body).toHaveLength(29);
    for (const [ts, g, v] of ten.body as Array<[string, number, number]>) {
      expect(ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d0\+00:00$/);
      expect(g).toBe(10);
      expect(v).toBe(10e9);
    }
    const minute = await metric(`${base}?granularity=60&aggregation=max`);
    expect(minute.body).toHaveLength(5);
    expect(minute.body[0]).toEqual([new Date(t0).toISOString().replace(".000Z", "+00:00"), 60, 50e9]);
    // Gnocchi's rates: the changes between consecutive samples (+10e9 each), per minute their mean and their
    // sum; the first minute has 5 changes (its first sample has none before it).
    const minuteRate = await metric(`${base}?granularity=60&aggregation=rate:mean`);
    expect(minuteRate.body.map((m: number[]) => m[2])).toEqual([10e9, 10e9, 10e9, 10e9, 10e9]);
    const minuteSum = await metric(`${base}?granularity=60&aggregation=rate:sum`);
    expect(minuteSum.body.map((m: number[]) => m[2])).toEqual([50e9, 60e9, 60e9, 60e9, 60e9]);
    const hour = await metric(`${base}?granularity=3600&aggregation=count`);
    expect(hour.body.reduce((n: number, m: number[]) => n + (m[2] ?? 0), 0)).toBe(30);
    const all = await metric(base);
    expect(new Set(all.body.map((m: unknown[]) => m[1]))).toEqual(new Set([3600, 60, 10]));
    expect(all.body[0][1]).toBe(3600);
    const window = await metric(
      `${base}?granularity=10&start=${(t0 + 60_000) / 1000}&stop=${new Date(t0 + 120_000).toISOString()}`,
    );
    expect(window.body).toHaveLength(6);
    const bad = await metric(`${base}?granularity=7`);
    expect(bad.status).toBe(400);
    expect((await metric(`${base}?aggregation=median`)).status).toBe(400);
    const byId = await metric(`/resource/instance/${serverId}`);
    const cpuId: string = byId.body.metrics.cpu;
    expect((await metric(`/metric/${cpuId}/measures?granularity=60`)).body).toHaveLength(5);
    expect((await metric(`/metric/${cpuId}/measures`, { token: other.token })).status).toBe(404);
  });

  it("serves samples the aggregator has not folded yet, counted once when it has", async () => {
    const at = t0 + 30 * 10_000;
    expect(
      (
        await post(HOST, [
          { resource: "instance", subject: serverId, metric: "memory.usage", value: 500, at },
        ])
      ).status,
    ).toBe(200);
    const read = async () =>
      (
        await metric(
          `/resource/instance/${serverId}/metric/memory.usage/measures?granularity=60&aggregation=count`,
        )
      ).body;
    const before = await read();
    expect(before.map((m: unknown[]) => m[2])).toEqual([1, 1]);
    await env.control.running.metering.aggregator.processBacklog();
    expect(await read()).toEqual(before);
  });

  it("keeps hosts to cloud admins", async () => {
    const demo = await metric(`/resource/host`);
    expect(demo.body).toEqual([]);
    const admin = await metric(`/resource/host`, { token: env.adminToken });
    expect(admin.body.map((r: { original_resource_id: string }) => r.original_resource_id)).toEqual([HOST]);
    const hostId: string = admin.body[0].id;
    expect((await metric(`/resource/host/${hostId}`)).status).toBe(404);
    expect((await metric(`/resource/host/${HOST}`, { token: env.adminToken })).body.id).toBe(hostId);
    expect((await metric(`/status`)).status).toBe(403);
    expect((await metric(`/status`, { token: env.adminToken })).body.storage.summary.measures).toBe(0);
  });

  it("names a disk resource after its instance and finds it by search", async () => {
    const found = await metric(`/search/resource/instance_disk`, {
      body: { "=": { instance_id: serverId } },
    });
    expect(found.status, found.text).toBe(200);
    expect(found.body).toHaveLength(1);
    expect(found.body[0]).toMatchObject({
      name: "vda",
      instance_id: serverId,
      original_resource_id: `${serverId}-vda`,
    });
    const none = await metric(`/search/resource/instance_disk`, {
      token: other.token,
      body: { "=": { instance_id: serverId } },
    });
    expect(none.body).toEqual([]);
    const bad = await metric(`/search/resource/instance`, { body: { frobnicate: { id: 1 } } });
    expect(bad.status).toBe(400);
  });

  it("aggregates across resources, grouped by project, for admins; scoped for members", async () => {
    const query = "?granularity=60&groupby=project_id";
    const body = {
      operations: "(aggregate sum (metric cpu rate:sum))",
      resource_type: "instance",
      search: {},
    };
    const admin = await metric(`/aggregates${query}`, { token: env.adminToken, body });
    expect(admin.status, admin.text).toBe(200);
    expect(admin.body).toHaveLength(1);
    expect(admin.body[0].group).toEqual({ project_id: env.demoProjectId });
    expect(admin.body[0].measures.measures.aggregated.map((m: number[]) => m[2])).toEqual([
      50e9, 60e9, 60e9, 60e9, 60e9,
    ]);
    const member = await metric(`/aggregates${query}`, { token: other.token, body });
    expect(member.body).toEqual([]);
    const cpuId: string = (await metric(`/resource/instance/${serverId}`)).body.metrics.cpu;
    const batch = await metric(`/aggregates?granularity=60`, {
      body: { operations: `(metric (${cpuId} mean) (${cpuId} max))` },
    });
    expect(Object.keys(batch.body.measures[cpuId]).sort()).toEqual(["max", "mean"]);
    const foreign = await metric(`/aggregates`, {
      token: other.token,
      body: { operations: `(metric ${cpuId} mean)` },
    });
    expect(foreign.status).toBe(404);
    const unparsable = await metric(`/aggregates`, { body: { operations: "(metric (" } });
    expect(unparsable.status).toBe(400);
  });
});
