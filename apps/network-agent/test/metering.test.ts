/** Reading and naming the network agent's counters: parsing real-shaped nft output, the fake's synthetic series. */
import { readFile } from "node:fs/promises";
import { ZSample } from "@zenith/agent-protocol/metering";
import type { RouterSpec } from "@zenith/agent-protocol/network";
import { describe, expect, it } from "vitest";
import { FakeDriver } from "../src/driver/fake.ts";
import { parseRouterCounters } from "../src/driver/linux/l3/router-counters.ts";
import { syntheticBytes } from "../src/driver/synthetic-counters.ts";
import { trafficSamples } from "../src/metering.ts";

const ROUTER = "5d1c3b2a-0f9e-4d8c-b7a6-958473625140";
const FIP_A = "6f1e2a0c-5b1d-4c8e-9a55-0c2d3e4f5a6b";
const FIP_B = "0b9d7c4e-2a3f-4e51-8d6c-7f8e9a0b1c2d";

describe("nft counters of a router namespace", () => {
  it("gives the gateway's and each floating IP's bytes, ignoring other tables' counters", async () => {
    const output = await readFile(new URL("./fixtures/nft-router-counters.json", import.meta.url), "utf8");
    const parsed = parseRouterCounters(ROUTER, output);
    expect(parsed.router).toEqual({ id: ROUTER, incomingBytes: 5104, outgoingBytes: 4312 });
    expect(parsed.floatingIps).toEqual([
      { id: FIP_A, incomingBytes: 1008, outgoingBytes: 1008 },
      { id: FIP_B, incomingBytes: 0, outgoingBytes: 0 },
    ]);
  });

  it("has no router counter while the table has no gateway counters, and refuses output that is not nft's", () => {
    const empty = '{"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}}]}';
    expect(parseRouterCounters(ROUTER, empty)).toEqual({ router: undefined, floatingIps: [] });
    expect(() => parseRouterCounters(ROUTER, '{"nftables": [{"counter": {"name": "router-in"}}]}')).toThrow();
    expect(() => parseRouterCounters(ROUTER, "Error: No such file or directory")).toThrow();
  });
});

describe("samples", () => {
  it("names routers' and floating IPs' counters with Ceilometer's meters, valid on the wire", () => {
    const samples = trafficSamples(
      {
        routers: [{ id: ROUTER, incomingBytes: 10, outgoingBytes: 20 }],
        floatingIps: [{ id: FIP_A, incomingBytes: 30, outgoingBytes: 40 }],
      },
      1_700_000_000_000,
    );
    for (const s of samples) ZSample.parse(s);
    expect(samples.map((s) => [s.resource, s.subject, s.metric, s.value])).toEqual([
      ["router", ROUTER, "router.incoming.bytes", 10],
      ["router", ROUTER, "router.outgoing.bytes", 20],
      ["floating_ip", FIP_A, "ip.floating.incoming.bytes", 30],
      ["floating_ip", FIP_A, "ip.floating.outgoing.bytes", 40],
    ]);
  });
});

describe("the fake driver's synthetic traffic", () => {
  it("only grows, at a rate that varies, the same for the same key", () => {
    let previous = -1;
    const steps: number[] = [];
    for (let ms = 0; ms <= 30 * 60_000; ms += 10_000) {
      const v = syntheticBytes("r:in", ms);
      expect(v).toBeGreaterThan(previous);
      if (previous >= 0) steps.push(v - previous);
      previous = v;
    }
    expect(syntheticBytes("r:in", 0)).toBe(0);
    expect(Math.max(...steps)).toBeGreaterThan(2 * Math.min(...steps));
    expect(syntheticBytes("r:in", 123_456)).toBe(syntheticBytes("r:in", 123_456));
    expect(syntheticBytes("r:in", 600_000)).not.toBe(syntheticBytes("r:out", 600_000));
  });

  it("counts for routers with a gateway and their floating IPs from when they appeared; none once removed", async () => {
    let now = 1_000;
    const driver = new FakeDriver({ now: () => now });
    const router = (over: Partial<RouterSpec>): RouterSpec => ({
      id: ROUTER,
      adminStateUp: true,
      gateway: {
        portId: "gw",
        networkId: "ext",
        mac: "fa:16:3e:00:00:01",
        fixedIps: [{ subnetId: "s", address: "172.24.4.10", prefixLength: 24, ipVersion: 4 }],
        nexthop: "172.24.4.1",
      },
      enableSnat: true,
      interfaces: [],
      routes: [],
      floatingIps: [{ id: FIP_A, floatingIp: "172.24.4.50", fixedIp: "10.0.0.5" }],
      generation: 1,
      ...over,
    });
    await driver.ensureRouter(router({ id: "no-gateway", gateway: null, floatingIps: [] }));
    await driver.ensureRouter(router({}));
    const first = await driver.trafficCounters();
    expect(first.routers).toEqual([{ id: ROUTER, incomingBytes: 0, outgoingBytes: 0 }]);
    expect(first.floatingIps.map((f) => f.id)).toEqual([FIP_A]);

    now += 60_000;
    // A second floating IP counts from its own start; the first keeps growing.
    await driver.ensureRouter(
      router({
        floatingIps: [
          { id: FIP_A, floatingIp: "172.24.4.50", fixedIp: "10.0.0.5" },
          { id: FIP_B, floatingIp: "172.24.4.51", fixedIp: "10.0.0.6" },
        ],
      }),
    );
    now += 10_000;
    const second = await driver.trafficCounters();
    const [r] = second.routers;
    expect(r?.incomingBytes).toBe(syntheticBytes(`${ROUTER}:in`, 70_000));
    expect(second.floatingIps.find((f) => f.id === FIP_A)?.outgoingBytes).toBe(
      syntheticBytes(`${FIP_A}:out`, 70_000),
    );
    expect(second.floatingIps.find((f) => f.id === FIP_B)?.incomingBytes).toBe(
      syntheticBytes(`${FIP_B}:in`, 10_000),
    );

    await driver.removeRouter(ROUTER);
    expect(await driver.trafficCounters()).toEqual({ routers: [], floatingIps: [] });
  });
});
