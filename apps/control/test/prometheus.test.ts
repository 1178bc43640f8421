/**
 * GET /metrics (issue 12): who may scrape it, the Prometheus text it
 * answers, request counts by route pattern, and the cloud's health
 * (agents, pending work, database) read at scrape time — on the real
 * control plane, on PGlite and on PostgreSQL when the test server runs.
 */
import { randomUUID } from "node:crypto";
import { AGENT_SAMPLES_PATH, type Sample } from "@zenith/agent-protocol/metering";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { startTestControl, type TestControl, waitFor } from "./harness.ts";
import { FakeNetworkAgent } from "./network-hub-harness.ts";
import { type Exposition, parseExposition, samplesOf, sampleValue } from "./prometheus-text.ts";

const SCRAPE_TOKEN = "prometheus-scrape-token-0123456789abcdef";

async function scrape(url: string, headers: Record<string, string>) {
  const res = await fetch(`${url}/metrics`, { headers });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

describe("GET /metrics", () => {
  let env: ComputeTestEnv;
  let imageId: string;
  const read = async (): Promise<Exposition> => {
    const res = await scrape(env.control.url, { "x-auth-token": env.adminToken });
    expect(res.status, res.text).toBe(200);
    return parseExposition(res.text);
  };

  beforeAll(async () => {
    env = await startCompute("prometheus", {
      // Metering folds only when the test says so: the backlog it shows must not move on its own.
      control: { metricsScrapeToken: SCRAPE_TOKEN, meteringIntervalMs: 3_600_000 },
    });
    ({ imageId } = await seed(env));
  });
  afterAll(async () => {
    await env?.close();
  });

  it("refuses anonymous callers (401) and members (403), telling nothing", async () => {
    const anonymous = await scrape(env.control.url, {});
    expect(anonymous.status).toBe(401);
    const member = await scrape(env.control.url, { "x-auth-token": env.demoToken });
    expect(member.status).toBe(403);
    const forged = await scrape(env.control.url, { "x-auth-token": "not-a-token" });
    expect(forged.status).toBe(401);
    for (const res of [anonymous, member, forged]) {
      expect(res.type).toMatch(/^application\/json/);
      expect(res.text).not.toMatch(/zenith_|process_|nodejs_/);
    }
  });

  it("answers a cloud admin the text format, with the metric families and their labels", async () => {
    const res = await scrape(env.control.url, { "x-auth-token": env.adminToken });
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/plain; version=0.0.4; charset=utf-8");
    const exp = parseExposition(res.text);
    expect(exp.types.get("zenith_http_requests_total")).toBe("counter");
    expect(exp.types.get("zenith_http_request_duration_seconds")).toBe("histogram");
    for (const gauge of [
      "zenith_agents",
      "zenith_agent_up",
      "zenith_agent_connected",
      "zenith_agent_hub_queued_publications",
      "zenith_compute_tasks_in_flight",
      "zenith_network_ports_unwired",
      "zenith_volume_operations_in_flight",
      "zenith_metering_backlog_measures",
      "zenith_database_up",
    ]) {
      expect(exp.types.get(gauge), gauge).toBe("gauge");
    }
    // prom-client's process metrics, on this app's private registry.
    expect(exp.types.get("process_cpu_user_seconds_total")).toBe("counter");
    expect(exp.types.get("nodejs_heap_size_used_bytes")).toBe("gauge");
    // The login and token requests of the setup were counted by route pattern.
    const logins = samplesOf(exp, "zenith_http_requests_total", {
      service: "identity",
      route: "/identity/v3/auth/tokens",
      method: "POST",
      status_class: "2xx",
    });
    expect(logins).toHaveLength(1);
    expect(logins[0]?.value).toBeGreaterThanOrEqual(2);
    const kind = env.control.target.label === "PostgreSQL" ? "postgres" : "pglite-memory";
    expect(sampleValue(exp, "zenith_database_up", { kind })).toBe(1);
    for (const k of ["compute", "network", "volume"]) {
      expect(samplesOf(exp, "zenith_agent_hub_queued_publications", { kind: k })).toHaveLength(1);
    }
    if (kind === "postgres") {
      // The pool holds at least the connection that just answered.
      expect(sampleValue(exp, "zenith_database_pool_max_connections")).toBe(10);
      expect(samplesOf(exp, "zenith_database_pool_connections").map((s) => s.labels.state)).toEqual(
        expect.arrayContaining(["in_use", "idle"]),
      );
      expect(sampleValue(exp, "zenith_database_pool_waiting_queries")).toBeGreaterThanOrEqual(0);
    } else {
      // PGlite has no pool: nothing is shown rather than made-up numbers.
      expect(exp.types.has("zenith_database_pool_connections")).toBe(false);
    }
  });

  it("accepts the scrape token and refuses a wrong one, even beside an admin token", async () => {
    const ok = await scrape(env.control.url, { authorization: `Bearer ${SCRAPE_TOKEN}` });
    expect(ok.status).toBe(200);
    expect(parseExposition(ok.text).types.get("zenith_agents")).toBe("gauge");
    const wrong = await scrape(env.control.url, { authorization: `Bearer ${SCRAPE_TOKEN}x` });
    expect(wrong.status).toBe(401);
    const besideAdmin = await scrape(env.control.url, {
      authorization: "Bearer wrong",
      "x-auth-token": env.adminToken,
    });
    expect(besideAdmin.status).toBe(401);
    const notBearer = await scrape(env.control.url, { authorization: `Basic ${SCRAPE_TOKEN}` });
    expect(notBearer.status).toBe(401);
    expect(wrong.text).not.toMatch(/zenith_/);
  });

  it("counts a Nova request under its route pattern, never the id in the URL", async () => {
    const labels = {
      service: "compute",
      route: "/compute/v2.1/servers/:id",
      method: "GET",
      status_class: "4xx",
    };
    const before = sampleValue(await read(), "zenith_http_requests_total", labels) ?? 0;
    const id = randomUUID();
    for (let i = 0; i < 2; i++) expect((await env.api("GET", `servers/${id}`)).status).toBe(404);
    const unknown = randomUUID();
    expect((await env.api("GET", `no-such-collection-${unknown}`)).status).toBe(404);
    const exp = await read();
    expect(sampleValue(exp, "zenith_http_requests_total", labels)).toBe(before + 2);
    const buckets = samplesOf(exp, "zenith_http_request_duration_seconds_bucket", { ...labels, le: "+Inf" });
    expect(buckets[0]?.value).toBe(before + 2);
    // A URL no route matches is counted once under "unmatched", still under its API.
    expect(
      sampleValue(exp, "zenith_http_requests_total", {
        service: "compute",
        route: "unmatched",
        method: "GET",
        status_class: "4xx",
      }),
    ).toBeGreaterThanOrEqual(1);
    for (const s of exp.samples) {
      for (const v of Object.values(s.labels)) {
        expect(v).not.toContain(id);
        expect(v).not.toContain(unknown);
      }
    }
  });

  // First of the agent tests: a host they leave (up by heartbeat, not connected) must not get this server.
  it("shows a server's spawn as a compute task in flight until its host converges", async () => {
    const agent = new FakeAgent({ host: `prom-busy-${randomUUID().slice(0, 8)}` }, env.control.url);
    await agent.connect();
    try {
      agent.hold();
      const res = await createServer(env, {
        name: "prom-task",
        imageRef: imageId,
        flavorRef: FLAVORS.small.id,
      });
      expect(res.status, res.text).toBe(202);
      const id: string = res.body.server.id;
      await waitFor(async () =>
        agent.received.some((m) => m.type === "desired" && m.instances.some((i) => i.uuid === id)),
      );
      const busy = await read();
      const inFlight = samplesOf(busy, "zenith_compute_tasks_in_flight").reduce((n, s) => n + s.value, 0);
      expect(inFlight).toBeGreaterThanOrEqual(1);
      agent.release();
      await waitForStatus(env, id, "ACTIVE");
      const idle = await read();
      expect(samplesOf(idle, "zenith_compute_tasks_in_flight").reduce((n, s) => n + s.value, 0)).toBe(
        inFlight - 1,
      );
    } finally {
      await agent.close();
    }
  });
  it("shows agents up and connected when they connect, and connected no more when they leave", async () => {
    const host = `prom-${randomUUID().slice(0, 8)}`;
    const before = await read();
    const upBefore = sampleValue(before, "zenith_agents", { kind: "compute", state: "up" }) ?? 0;
    expect(sampleValue(before, "zenith_agent_up", { kind: "compute", host })).toBeUndefined();

    const compute = new FakeAgent({ host }, env.control.url);
    await compute.connect();
    const network = new FakeNetworkAgent(env.control.url, {
      host,
      credential: await env.control.running.enrolHost(host),
      tunnelIp: "192.0.2.10",
    });
    await network.connect();
    try {
      const exp = await read();
      expect(sampleValue(exp, "zenith_agents", { kind: "compute", state: "up" })).toBe(upBefore + 1);
      expect(sampleValue(exp, "zenith_agent_up", { kind: "compute", host })).toBe(1);
      expect(sampleValue(exp, "zenith_agent_connected", { kind: "compute", host })).toBe(1);
      expect(sampleValue(exp, "zenith_agent_up", { kind: "network", host })).toBe(1);
      expect(sampleValue(exp, "zenith_agent_connected", { kind: "network", host })).toBe(1);
      expect(sampleValue(exp, "zenith_agents", { kind: "volume", state: "up" })).toBe(0);
    } finally {
      await compute.close();
      await network.close();
    }
    // Gone from this process at once; still up by heartbeat until the down time passes, as Nova says.
    await waitFor(
      async () => sampleValue(await read(), "zenith_agent_connected", { kind: "compute", host }) === 0,
    );
    await waitFor(
      async () => sampleValue(await read(), "zenith_agent_connected", { kind: "network", host }) === 0,
    );
    expect(sampleValue(await read(), "zenith_agent_up", { kind: "compute", host })).toBe(1);
  });

  it("counts agents' samples and metric API reads under their APIs, and shows the backlog until it is folded", async () => {
    const host = `prom-meter-${randomUUID().slice(0, 8)}`;
    const agent = new FakeAgent({ host }, env.control.url);
    await agent.connect();
    try {
      const before = await read();
      const backlog = sampleValue(before, "zenith_metering_backlog_measures") ?? -1;
      const at = Date.now() - 60_000;
      const samples: Sample[] = [0, 1, 2].map((i) => ({
        resource: "host",
        subject: host,
        metric: "hardware.cpu.util",
        value: 10 * i,
        at: at + i * 10_000,
      }));
      const posted = await fetch(`${env.control.url}${AGENT_SAMPLES_PATH}`, {
        method: "POST",
        headers: { authorization: `Bearer ${AGENT_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ host, samples }),
      });
      expect(await posted.json()).toEqual({ accepted: 3, rejected: 0 });
      expect((await env.api("GET", "/metric/v1/archive_policy", { token: env.adminToken })).status).toBe(200);
      const exp = await read();
      expect(sampleValue(exp, "zenith_metering_backlog_measures")).toBe(backlog + 3);
      const ingest = { service: "agent", route: AGENT_SAMPLES_PATH, method: "POST", status_class: "2xx" };
      expect(sampleValue(exp, "zenith_http_requests_total", ingest)).toBeGreaterThanOrEqual(1);
      const policies = {
        service: "metric",
        route: "/metric/v1/archive_policy",
        method: "GET",
        status_class: "2xx",
      };
      expect(sampleValue(exp, "zenith_http_requests_total", policies)).toBe(
        (sampleValue(before, "zenith_http_requests_total", policies) ?? 0) + 1,
      );
      await env.control.running.metering.aggregator.processBacklog();
      expect(sampleValue(await read(), "zenith_metering_backlog_measures")).toBe(0);
    } finally {
      await agent.close();
    }
  });
});

describe("GET /metrics without a scrape token configured", () => {
  let control: TestControl;
  beforeAll(async () => {
    control = await startTestControl({ label: "PGlite", databaseUrl: "memory://", reset: async () => {} });
  });
  afterAll(async () => {
    await control?.close();
  });

  it("refuses every bearer and still answers cloud admins", async () => {
    expect((await scrape(control.url, { authorization: `Bearer ${SCRAPE_TOKEN}` })).status).toBe(401);
    const admin = await scrape(control.url, { "x-auth-token": await control.adminToken() });
    expect(admin.status).toBe(200);
    expect(parseExposition(admin.text).types.get("zenith_http_requests_total")).toBe("counter");
  });
});
