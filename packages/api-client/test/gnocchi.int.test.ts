import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControl } from "../../../apps/control/src/server.ts";
// By path, as the other integration suites start the control plane: the client itself knows nothing of Zenith.
import { AGENT_SAMPLES_PATH } from "../../../packages/agent-protocol/src/metering.ts";
import { type GnocchiClient, resolveMetricService, timespanSeconds } from "../src/gnocchi/index.ts";
import { createKeystoneClient, passwordLogin } from "../src/keystone/index.ts";

/**
 * The Gnocchi client against the real control plane's metric API
 * (in-memory database): found through the catalog, every answer validated
 * by the client's own schemas. A host's samples go in on the agents'
 * endpoint (fleet credential) and come back as a resource, a metric with
 * its archive policy, measures and an aggregates answer.
 */

const ADMIN_PASSWORD = "admin-gnocchi-client-password";
const FLEET = "gnocchi-client-fleet-token-0123456789";
const HOST = `gnocchi-int-${process.pid}`;
let control: Awaited<ReturnType<typeof startControl>>;
let gnocchi: GnocchiClient;

beforeAll(async () => {
  control = await startControl({
    port: 0,
    databaseUrl: "memory://",
    adminPassword: ADMIN_PASSWORD,
    logLevel: "silent",
    joinTokenFile: false,
    seedStarterImage: false,
    agentToken: FLEET,
  });
  const authUrl = `${control.url}/identity/v3`;
  const session = await passwordLogin({ authUrl, username: "admin", password: ADMIN_PASSWORD });
  const catalog = await createKeystoneClient({ authUrl, token: session.token }).getCatalog();
  const service = resolveMetricService(catalog, { token: session.token });
  if (!service.available) throw new Error("the control plane's catalog has no metric service");
  gnocchi = service.client;

  const t0 = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
  const res = await fetch(`${control.url}${AGENT_SAMPLES_PATH}`, {
    method: "POST",
    headers: { authorization: `Bearer ${FLEET}`, "content-type": "application/json" },
    body: JSON.stringify({
      host: HOST,
      samples: Array.from({ length: 6 }, (_, i) => ({
        resource: "host",
        subject: HOST,
        metric: "hardware.cpu.util",
        value: 10 * (i + 1),
        at: t0 + i * 10_000,
      })),
    }),
  });
  expect(await res.json()).toEqual({ accepted: 6, rejected: 0 });
});

afterAll(async () => {
  await control?.close();
});

describe("Gnocchi client on Zenith's metric API", () => {
  it("reads archive policies and resource types", async () => {
    const [policy] = await gnocchi.archivePolicies.list();
    expect(policy?.aggregation_methods).toContain("rate:mean");
    expect(policy?.definition.map((d) => timespanSeconds(d.granularity))).toEqual([10, 60, 3600]);
    const types = (await gnocchi.resourceTypes.list()).map((t) => t.name);
    expect(types).toEqual(
      expect.arrayContaining(["instance", "instance_disk", "instance_network_interface"]),
    );
  });

  it("finds the host's resource, its metric and measures", async () => {
    const [host] = await gnocchi.resources.search("host", { "=": { original_resource_id: HOST } });
    expect(host?.original_resource_id).toBe(HOST);
    const metricId = host?.metrics["hardware.cpu.util"];
    if (!host || !metricId) throw new Error("no host metric");
    expect((await gnocchi.resources.get("host", host.id)).id).toBe(host.id);
    const metric = await gnocchi.metrics.get(metricId);
    expect(metric).toMatchObject({ name: "hardware.cpu.util", unit: "%" });

    const measures = await gnocchi.metrics.measures(metricId, { granularity: 10, refresh: true });
    expect(measures.map((m) => m.value)).toEqual([10, 20, 30, 40, 50, 60]);
    const byName = await gnocchi.resources.measures("host", host.id, "hardware.cpu.util", {
      granularity: 60,
      aggregation: "max",
    });
    expect(byName.every((m) => m.granularity === 60)).toBe(true);
    expect(Math.max(...byName.map((m) => m.value ?? 0))).toBe(60);

    const result = await gnocchi.aggregate({
      operations: "(aggregate mean (metric hardware.cpu.util mean))",
      resourceType: "host",
      search: { "=": { id: host.id } },
      granularity: 10,
    });
    expect(result.measures.aggregated).toHaveLength(6);
  });
});
