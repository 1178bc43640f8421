import { afterAll, beforeAll, describe, expect, it } from "vitest";
// By path, as the harness imports the agents: the BFF itself never depends on the agent protocol.
import { AGENT_SAMPLES_PATH, type Sample } from "../../../packages/agent-protocol/src/metering.ts";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type Harness,
  runName,
  startHarness,
  waitFor,
} from "./cloud-harness.ts";

/**
 * The metrics procedures against the real control plane (in-memory
 * database, its Gnocchi-shaped `/metric` API, samples folded every 200 ms)
 * with a compute agent on the fake driver (its own sampling slowed to once
 * an hour). Samples reach the control plane the way the agents' shipper
 * sends them (`POST /agent/v1/metering/samples` for the server's host): a
 * busy guest at half a vCPU, with disk and network counters growing. A server's series fill in, new points are
 * pushed, another project's server is NOT_FOUND (an error, never data), and
 * a cloud whose catalog has no metric service answers `available: false`.
 */

const unique = runName("mint");
const FLEET_TOKEN = "metrics-int-fleet-token-0123456789";
const HOST = "metrics-node-1";
const TAP = "tap0a1b2c3d-4e";
let cloud: Harness;
let serverId = "";
let vcpus = 0;
/** The sample clock: the next sample's time and counter index. */
let next = { at: 0, i: 0 };

/** One interval's samples of the busy guest: CPU half of one vCPU, 4 KiB/s written, 1 KiB/s received. */
function samplesAt(at: number, i: number): Sample[] {
  const base = { subject: serverId, at };
  return [
    { ...base, resource: "instance", metric: "cpu", value: i * 5e9 },
    { ...base, resource: "instance", metric: "memory.usage", value: 200 + i },
    { ...base, resource: "instance_disk", part: "vda", metric: "disk.device.read.bytes", value: i * 20_480 },
    { ...base, resource: "instance_disk", part: "vda", metric: "disk.device.write.bytes", value: i * 40_960 },
    {
      ...base,
      resource: "instance_network_interface",
      part: TAP,
      metric: "network.incoming.bytes",
      value: i * 10_240,
    },
    {
      ...base,
      resource: "instance_network_interface",
      part: TAP,
      metric: "network.outgoing.bytes",
      value: i * 5_120,
    },
  ];
}

/** Posts `count` intervals of samples, 10 s apart, continuing the counters. */
async function sample(count: number): Promise<void> {
  const samples: Sample[] = [];
  for (let k = 0; k < count; k++) {
    samples.push(...samplesAt(next.at, next.i));
    next = { at: next.at + 10_000, i: next.i + 1 };
  }
  const res = await fetch(`${cloud.control.url}${AGENT_SAMPLES_PATH}`, {
    method: "POST",
    headers: { authorization: `Bearer ${FLEET_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ host: HOST, samples }),
  });
  expect(await res.json()).toEqual({ accepted: samples.length, rejected: 0 });
}

/** A fetch that hides the `metric` entry of Keystone's catalog: a cloud without Gnocchi. */
const withoutMetricService: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (!url.endsWith("/auth/catalog")) return res;
  const body = (await res.json()) as { catalog: { type: string }[] };
  return new Response(JSON.stringify({ ...body, catalog: body.catalog.filter((e) => e.type !== "metric") }), {
    status: res.status,
    headers: res.headers,
  });
};

beforeAll(async () => {
  cloud = await startHarness({
    name: "metrics",
    unique,
    // The test plays the host's sampler with exact values; the agent's own reads once, at start, before any guest.
    computeAgent: { host: HOST, meteringIntervalMs: 3_600_000 },
    bffServer: true,
    otherTenant: true,
    control: { agentToken: FLEET_TOKEN, meteringIntervalMs: 200 },
  });
  const { caller: admin } = await cloud.as("admin", ADMIN_PASSWORD);
  const image = await admin.images.create({
    name: `${unique}-img`,
    diskFormat: "qcow2",
    containerFormat: "bare",
    visibility: "public",
  });
  const upload = await fetch(`${cloud.bffUrl}${image.uploadUrl}`, {
    method: "PUT",
    headers: {
      cookie: await cloud.cookieOf("admin", ADMIN_PASSWORD),
      "content-type": "application/octet-stream",
    },
    body: new Uint8Array(4096).fill(7),
  });
  expect(upload.ok).toBe(true);

  const { caller } = await cloud.as("demo", DEMO_PASSWORD);
  const options = await caller.compute.launchOptions();
  const flavor = options.flavors.find((f) => f.disabledReason === undefined);
  if (!flavor) throw new Error("no flavor to launch");
  vcpus = flavor.vcpus;
  const { ids } = await caller.compute.instances.launch({
    name: `${unique}-vm`,
    count: 1,
    imageId: image.id,
    flavorId: flavor.id,
  });
  serverId = ids[0] ?? "";
  await waitFor("server ACTIVE", async () => {
    const s = await caller.compute.instances.get({ id: serverId });
    return s.status === "ACTIVE" ? s : undefined;
  });
  // Three whole minutes of history (the rankings read 1 min points), the last sample a little before now.
  next = { at: Math.floor(Date.now() / 60_000) * 60_000 - 18 * 10_000, i: 0 };
  await sample(18);
}, 120_000);

afterAll(async () => {
  await cloud?.close();
});

describe("metrics of one server", () => {
  it("answers CPU %, memory, disk and network series once the host has sampled it", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    expect(await caller.metrics.available()).toEqual({ available: true });
    // Every interval's samples folded: 18 memory points, 17 rates (a rate needs the interval before).
    const series = await waitFor("the folded series", async () => {
      const s = await caller.metrics.instanceSeries({ id: serverId, range: "1h" });
      return s.available && s.series.memory.length === 18 && s.series.netOut.length === 17 ? s : undefined;
    });
    expect(series).toMatchObject({ available: true, range: "1h", granularity: 10, vcpus });
    expect(series.stop - series.start).toBe(3_600_000);
    const values = (key: keyof typeof series.series) => [...new Set(series.series[key].map((p) => p.v))];
    // 5e9 ns per 10 s of (10 s × 1e9 × vCPUs) capacity.
    expect(values("cpu")).toEqual([50 / vcpus]);
    expect(series.series.memory[0]?.v).toBe(200);
    expect(values("diskRead")).toEqual([2048]);
    expect(values("diskWrite")).toEqual([4096]);
    expect(values("netIn")).toEqual([1024]);
    expect(values("netOut")).toEqual([512]);
    const times = series.series.cpu.map((p) => p.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const day = await caller.metrics.instanceSeries({ id: serverId, range: "24h" });
    expect(day).toMatchObject({ available: true, granularity: 60 });
    if (day.available) expect(day.series.memory.length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it("pushes the points of the next intervals, not the whole range", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const held = await caller.metrics.instanceSeries({ id: serverId, range: "1h" });
    if (!held.available) throw new Error("no metric service");
    const newestHeld = Math.max(...held.series.memory.map((p) => p.t));
    const stream = await caller.metrics.instanceUpdates({ id: serverId, range: "1h", after: newestHeld });
    const iterator = stream[Symbol.asyncIterator]();
    // The first event repeats at most the last few periods the browser holds.
    const first = await iterator.next();
    expect(first.value?.granularity).toBe(10);
    for (const p of first.value?.series.memory ?? []) expect(p.t).toBeGreaterThanOrEqual(newestHeld - 20_000);
    // The host's next interval arrives: its points are pushed.
    const postedAt = next.at;
    await sample(1);
    let pushed: number[] = [];
    while (!pushed.some((t) => t >= postedAt - 10_000)) {
      const event = await iterator.next();
      if (event.done) throw new Error("the stream ended");
      pushed = (event.value.series.memory ?? []).map((p) => p.t);
    }
    expect(pushed.every((t) => t > newestHeld - 30_000)).toBe(true);
    await iterator.return?.();
  }, 60_000);

  it("lists the project's busiest instances", async () => {
    // The rankings read 1 min points: fill the minute the test before began, so every one is whole
    // (the one still filling, if it is, is left out of the ranking).
    const toWholeMinute = (6 - ((next.at / 10_000) % 6)) % 6;
    if (toWholeMinute > 0) await sample(toWholeMinute);
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const top = await caller.metrics.topInstances({ range: "1h", limit: 5 });
    expect(top.available).toBe(true);
    expect(top.byCpu).toEqual([{ id: serverId, name: `${unique}-vm`, value: 50 / vcpus }]);
    expect(top.byNetwork).toEqual([
      { id: serverId, name: `${unique}-vm`, value: 1536, inBps: 1024, outBps: 512 },
    ]);
    // Another project sees none of demo's instances.
    const { caller: other } = await cloud.as(cloud.other.username, cloud.other.password);
    const theirs = await other.metrics.topInstances({ range: "1h", limit: 5 });
    expect(theirs.byCpu.map((i) => i.id)).not.toContain(serverId);
    expect(theirs.byNetwork.map((i) => i.id)).not.toContain(serverId);
  });
});

describe("isolation and absence", () => {
  it("refuses another project's server series with NOT_FOUND, live or not", async () => {
    const { caller } = await cloud.as(cloud.other.username, cloud.other.password);
    await expect(caller.metrics.instanceSeries({ id: serverId, range: "1h" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const stream = await caller.metrics.instanceUpdates({ id: serverId, range: "1h" });
    await expect(stream[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers available: false where the catalog has no metric service", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD, { fetch: withoutMetricService });
    expect(await caller.metrics.available()).toEqual({ available: false });
    expect(await caller.metrics.instanceSeries({ id: serverId, range: "1h" })).toEqual({ available: false });
    expect(await caller.metrics.topInstances({ range: "24h", limit: 5 })).toEqual({
      available: false,
      range: "24h",
      byCpu: [],
      byNetwork: [],
    });
  });
});
