import { createGnocchiClient } from "@zenith/api-client/gnocchi";
import { createNovaClient } from "@zenith/api-client/nova";
import { describe, expect, it } from "vitest";
import type { Cloud } from "../src/services/cloud/clients.ts";
import { topInstances } from "../src/services/metrics/top-instances.ts";
import { novaServer, server } from "./fake-cloud.ts";

const NOW = Date.parse("2030-01-01T12:00:00Z");
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const urlOf = (input: Parameters<typeof fetch>[0]) =>
  new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);

/**
 * A cloud whose metric service knows `busy` instances (vm-0 the busiest, CPU
 * counters growing 1e8 ns a minute less for each next one), of which Nova
 * still lists those not in `goneFromNova`; records Nova's paths and the searches.
 */
function fakeCloud(busy: number, goneFromNova: string[] = []) {
  const novaPaths: string[] = [];
  const searches: unknown[] = [];
  const ids = Array.from({ length: busy }, (_, i) => `vm-${i}`);
  const novaFetch: typeof fetch = async (input) => {
    const url = urlOf(input);
    novaPaths.push(url.pathname);
    if (url.pathname.endsWith("/flavors/detail") || url.pathname.endsWith("/flavors"))
      return json({ flavors: [{ id: "f1", name: "m1", vcpus: 1, ram: 512, disk: 1, swap: "" }] });
    const id = url.pathname.split("/").at(-1) ?? "";
    if (!ids.includes(id) || goneFromNova.includes(id))
      return json({ itemNotFound: { code: 404, message: "Instance could not be found." } }, 404);
    return json({ server: novaServer(server(0, { id, name: `nova-name-${id}` })) });
  };
  const minute = (k: number) => new Date(NOW - (3 - k) * 60_000).toISOString();
  const gnocchiFetch: typeof fetch = async (input, init) => {
    const url = urlOf(input);
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : null;
    if (url.pathname.startsWith("/metric/v1/search/resource/instance_network_interface")) return json([]);
    if (url.pathname.startsWith("/metric/v1/search/resource/instance")) {
      searches.push(body);
      if (url.searchParams.get("marker")) return json([]);
      return json(
        ids.map((id) => ({
          id,
          type: "instance",
          display_name: `gnocchi-name-${id}`,
          flavor_id: "f1",
          metrics: {},
        })),
      );
    }
    if (url.pathname === "/metric/v1/aggregates") {
      if (!String(body?.operations).includes("(metric cpu mean)")) return json({ measures: {} });
      const measures = Object.fromEntries(
        ids.map((id, i) => [
          id,
          { cpu: { mean: [0, 1, 2, 3].map((k) => [minute(k), 60, k * (busy - i) * 1e8]) } },
        ]),
      );
      return json({ measures });
    }
    return json({ description: "not found" }, 404);
  };
  const nova = createNovaClient({
    endpoint: "http://c/compute/v2.1",
    token: "t",
    fetch: novaFetch,
    microversion: "2.79",
  });
  const gnocchi = createGnocchiClient({ endpoint: "http://c/metric", token: "t", fetch: gnocchiFetch });
  const cloud: Pick<Cloud, "metric" | "nova"> = {
    nova: async () => nova,
    metric: async () => ({ available: true, endpoint: "http://c/metric", client: gnocchi }),
  };
  return { cloud, novaPaths, searches };
}

const scope = { token: "t", isAdmin: false };

describe("topInstances", () => {
  it("ranks the metric service's live instances, then asks Nova for the few at the top only", async () => {
    const { cloud, novaPaths, searches } = fakeCloud(500);
    const top = await topInstances(cloud, scope, "p-demo", "1h", 3, NOW);
    expect(top.byCpu.map((t) => t.id)).toEqual(["vm-0", "vm-1", "vm-2"]);
    // Names are Nova's.
    expect(top.byCpu[0]?.name).toBe("nova-name-vm-0");
    // No listing of every server: the flavors, then one GET per candidate (3 + spares).
    expect(novaPaths.filter((p) => p.endsWith("/servers") || p.endsWith("/servers/detail"))).toEqual([]);
    expect(novaPaths.filter((p) => p.includes("/servers/")).length).toBeLessThanOrEqual(6);
    // Only resources of the project that have not ended.
    expect(searches[0]).toEqual({ and: [{ "=": { project_id: "p-demo" } }, { "=": { ended_at: null } }] });
  });

  it("leaves out an instance Nova no longer lists, and the next one takes its place", async () => {
    const { cloud } = fakeCloud(10, ["vm-1"]);
    const top = await topInstances(cloud, scope, "p-demo", "1h", 3, NOW);
    expect(top.byCpu.map((t) => t.id)).toEqual(["vm-0", "vm-2", "vm-3"]);
  });
});
