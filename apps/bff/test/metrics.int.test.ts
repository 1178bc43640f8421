import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
 * database, its Gnocchi-shaped `/metric` API) with a compute agent on the
 * fake driver, which samples its guests every interval: a server's series
 * fill in, another project's server is NOT_FOUND (an error, never data),
 * and a cloud whose catalog has no metric service answers
 * `available: false` instead of failing.
 */

const unique = runName("mint");
let cloud: Harness;
let serverId = "";
let vcpus = 0;

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
    computeAgent: true,
    bffServer: true,
    otherTenant: true,
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
}, 120_000);

afterAll(async () => {
  await cloud?.close();
});

describe("metrics of one server", () => {
  it("answers CPU %, memory, disk and network series once the host has sampled it", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    expect(await caller.metrics.available()).toEqual({ available: true });
    const series = await waitFor(
      "CPU and memory points",
      async () => {
        const s = await caller.metrics.instanceSeries({ id: serverId, range: "1h" });
        return s.available && s.series.cpu.length > 0 && s.series.memory.length > 0 ? s : undefined;
      },
      90_000,
    );
    expect(series).toMatchObject({ available: true, range: "1h", granularity: 10, vcpus });
    for (const p of series.series.cpu) {
      expect(p.v).toBeGreaterThanOrEqual(0);
      expect(p.v).toBeLessThanOrEqual(100);
    }
    expect(series.series.memory.every((p) => p.v > 0)).toBe(true);
    expect(series.stop - series.start).toBe(3_600_000);
    // The fake guest's disk and interface counters grow too.
    const rates = await waitFor(
      "disk and network rates",
      async () => {
        const s = await caller.metrics.instanceSeries({ id: serverId, range: "1h" });
        return s.available && s.series.diskWrite.length > 0 && s.series.netIn.length > 0 ? s : undefined;
      },
      60_000,
    );
    if (rates.available) expect(rates.series.diskWrite.every((p) => p.v >= 0)).toBe(true);

    const day = await caller.metrics.instanceSeries({ id: serverId, range: "24h" });
    expect(day).toMatchObject({ available: true, granularity: 60 });
  }, 180_000);

  it("pushes the points of the next intervals", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const stream = await caller.metrics.instanceUpdates({ id: serverId, range: "1h", after: Date.now() });
    let newest = 0;
    for await (const event of stream) {
      expect(event.granularity).toBe(10);
      newest = Math.max(newest, ...(event.series.cpu ?? []).map((p) => p.t));
      if ((event.series.memory?.length ?? 0) > 0) break;
    }
    expect(newest).toBeGreaterThan(0);
  }, 90_000);

  it("lists the project's busiest instances", async () => {
    const { caller } = await cloud.as("demo", DEMO_PASSWORD);
    const top = await waitFor(
      "a top instance",
      async () => {
        const t = await caller.metrics.topInstances({ range: "1h", limit: 5 });
        return t.byCpu.length > 0 ? t : undefined;
      },
      60_000,
    );
    expect(top.available).toBe(true);
    expect(top.byCpu[0]).toMatchObject({ id: serverId, name: `${unique}-vm` });
    // Another project sees none of demo's instances.
    const { caller: other } = await cloud.as(cloud.other.username, cloud.other.password);
    const theirs = await other.metrics.topInstances({ range: "1h", limit: 5 });
    expect(theirs.byCpu.map((i) => i.id)).not.toContain(serverId);
    expect(theirs.byNetwork.map((i) => i.id)).not.toContain(serverId);
  }, 90_000);
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
