import { createGnocchiClient, flattenAggregates } from "@zenith/api-client/gnocchi";
import { isOpenStackError } from "@zenith/api-client/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type Harness,
  runName,
  startHarness,
  waitFor,
} from "../../apps/bff/test/cloud-harness.ts";
import { GnocchiWriter, type GuestLoad, type SeededServer } from "./harness/ceilometer.ts";
import { missingGnocchiParts, type RunningGnocchi, startGnocchi } from "./harness/gnocchi.ts";
import { KeystoneAdmin } from "./harness/keystone-admin.ts";

/**
 * The portal's metric procedures against Debian's real Gnocchi 4.4.2 (see
 * README.md): Zenith's control plane in-process with a fake compute agent,
 * Gnocchi authenticating callers against Zenith's Keystone, and the catalog's
 * `metric` endpoints re-pointed at it by the admin. Data is written as
 * Ceilometer writes it (its archive policies and resource types, a sample
 * every 5 minutes, its policy's granularity) over the last hour; the BFF's
 * procedures are called as the demo member.
 */

const missing = missingGnocchiParts();
const mustRun = process.env.CI === "true" || process.env.ZENITH_REQUIRE_REAL_OPENSTACK === "1";
if (missing.length > 0) {
  const why = `missing ${missing.join(" and ")}`;
  if (mustRun) {
    describe("the portal's metrics on a real Gnocchi", () => {
      it("requires a real Gnocchi (CI or ZENITH_REQUIRE_REAL_OPENSTACK=1)", () => {
        throw new Error(why);
      });
    });
  } else {
    // The reporter shows a skipped file without its reason: say it where people look.
    process.stderr.write(`gnocchi.test.ts skipped: ${why}\n`);
    it.skip(`the portal's metrics on a real Gnocchi: skipped because ${why}`, () => {});
  }
} else {
  describeRealGnocchi(process.env.ZENITH_TEST_PG_URL ?? "");
}

/** Ceilometer's polling interval that matches its archive policy's granularity (5 minutes). */
const SAMPLE_S = 300;
/** A Ceilometer tuned to poll every minute, into the same 5-minute policy. */
const DENSE_SAMPLE_S = 60;
const GRANULARITY = 300;
const BUSY: GuestLoad = {
  cpuNsPerS: 0.5e9, // half a vCPU
  memoryMb: 512,
  diskReadBps: 2048,
  diskWriteBps: 4096,
  netInBps: 1024,
  netOutBps: 512,
};
const IDLE: GuestLoad = {
  cpuNsPerS: 0.02e9,
  memoryMb: 128,
  diskReadBps: 0,
  diskWriteBps: 0,
  netInBps: 10,
  netOutBps: 10,
};

function describeRealGnocchi(pgUrl: string) {
  const unique = runName("rgn");
  const HOST = "realgnocchi-node-1";
  const SERVICE_PASSWORD = "gnocchi-service-password-1";
  let cloud: Harness;
  let gnocchi: RunningGnocchi | undefined;
  let admin: KeystoneAdmin;
  let writer: GnocchiWriter;
  let vcpus = 0;
  const servers: Record<"busy" | "idle", SeededServer> = {} as Record<"busy" | "idle", SeededServer>;
  /** The samples' span: the last hour, the last sample a little before now. */
  const now = Date.now();
  const firstSample = now - 3_600_000 + 17_000;

  beforeAll(async () => {
    cloud = await startHarness({
      name: "realgnocchi",
      unique,
      computeAgent: { host: HOST, meteringIntervalMs: 3_600_000 },
      bffServer: true,
      otherTenant: true,
    });
    admin = await KeystoneAdmin.login(cloud.control.url, "admin", ADMIN_PASSWORD, "admin");
    await admin.createServiceUser({
      name: "gnocchi",
      password: SERVICE_PASSWORD,
      project: "service",
      role: "service",
    });
    gnocchi = await startGnocchi({
      pgUrl,
      keystone: {
        authUrl: cloud.keystoneUrl,
        username: "gnocchi",
        password: SERVICE_PASSWORD,
        projectName: "service",
      },
    });
    expect(await admin.pointServiceAt("metric", gnocchi.url)).toBeGreaterThan(0);
    writer = new GnocchiWriter(`${gnocchi.url}/v1`, admin.token);
    await writer.createCeilometerSchema();

    // An image and two servers of demo's through the BFF, as the portal makes them.
    const { caller: adminCaller } = await cloud.as("admin", ADMIN_PASSWORD);
    const image = await adminCaller.images.create({
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
    const { caller, session } = await cloud.as("demo", DEMO_PASSWORD);
    const projectId = session.project?.id;
    if (!projectId) throw new Error("demo's token has no project");
    const options = await caller.compute.launchOptions();
    const flavor = options.flavors
      .filter((f) => f.disabledReason === undefined)
      .sort((a, b) => a.vcpus - b.vcpus)[0];
    if (!flavor) throw new Error("no flavor to launch");
    vcpus = flavor.vcpus;
    for (const [key, n] of [
      ["busy", 1],
      ["idle", 2],
    ] as const) {
      const { ids } = await caller.compute.instances.launch({
        name: `${unique}-${key}`,
        count: 1,
        imageId: image.id,
        flavorId: flavor.id,
      });
      const id = ids[0] ?? "";
      await waitFor(`${key} server ACTIVE`, async () => {
        const s = await caller.compute.instances.get({ id });
        return s.status === "ACTIVE" ? s : undefined;
      });
      servers[key] = {
        id,
        name: `${unique}-${key}`,
        projectId,
        userId: session.user.id,
        flavorId: flavor.id,
        imageRef: image.id,
        host: HOST,
        disk: `${id}-vda`,
        nic: `instance-0000000${n}-${id}-tap${id.slice(0, 11)}`,
      };
      await writer.createResources(servers[key]);
    }
    await writer.postSamples(servers.busy, BUSY, firstSample, now - 5_000, SAMPLE_S);
    // The idle one's Ceilometer polls every minute: five samples per 5-minute period.
    await writer.postSamples(servers.idle, IDLE, firstSample, now - 5_000, DENSE_SAMPLE_S);
  }, 180_000);

  afterAll(async () => {
    await gnocchi?.close();
    await cloud?.close();
  }, 60_000);

  describe("the portal's metrics on Debian's Gnocchi 4.4.2", () => {
    it("finds the metric service in the catalog the admin re-pointed", async () => {
      const { caller } = await cloud.as("demo", DEMO_PASSWORD);
      expect(await caller.metrics.available()).toEqual({ available: true });
    });

    it("charts a server's CPU %, memory, disk and network before metricd has processed anything", async () => {
      const { caller } = await cloud.as("demo", DEMO_PASSWORD);
      const series = await caller.metrics.instanceSeries({ id: servers.busy.id, range: "1h" });
      if (!series.available) throw new Error("no metric service");
      expect(series.vcpus).toBe(vcpus);
      // Ceilometer's policy has no 10 s level: the points are its 5 minutes apart, and the page says so.
      expect(series.granularity).toBe(GRANULARITY);
      const s = series.series;
      // Ceilometer's 5-minute points over the hour: 11 or 12 of them, a rate for each but the first.
      expect(s.memory.length).toBeGreaterThanOrEqual(11);
      expect(s.cpu.length).toBeGreaterThanOrEqual(10);
      for (const key of ["cpu", "memory", "diskRead", "diskWrite", "netIn", "netOut"] as const) {
        for (const p of s[key]) {
          expect(p.t).toBeGreaterThanOrEqual(series.start - GRANULARITY * 1000);
          expect(p.t).toBeLessThanOrEqual(series.stop);
        }
      }
      const values = (key: keyof typeof s) => [...new Set(s[key].map((p) => Math.round(p.v * 1000) / 1000))];
      // Half a vCPU of the flavor's.
      expect(values("cpu")).toEqual([Math.round((50 / vcpus) * 1000) / 1000]);
      expect(values("memory")).toEqual([BUSY.memoryMb]);
      expect(values("diskRead")).toEqual([BUSY.diskReadBps]);
      expect(values("diskWrite")).toEqual([BUSY.diskWriteBps]);
      expect(values("netIn")).toEqual([BUSY.netInBps]);
      expect(values("netOut")).toEqual([BUSY.netOutBps]);
    });

    it("charts the same rates where Ceilometer samples several times per period", async () => {
      const { caller } = await cloud.as("demo", DEMO_PASSWORD);
      const series = await caller.metrics.instanceSeries({ id: servers.idle.id, range: "1h" });
      if (!series.available) throw new Error("no metric service");
      const s = series.series;
      expect(s.cpu.length).toBeGreaterThanOrEqual(10);
      // A rate is exact where it and the period before were sampled all through. The newest period
      // is still filling: its mean lags behind the counter, so its rate reads low until it closes
      // (and so does the one after a first, partly sampled, period).
      const full = (t: number) =>
        t - GRANULARITY * 1000 >= firstSample && t + GRANULARITY * 1000 <= now - 5_000;
      const closed = (key: keyof typeof s) =>
        s[key].filter((p) => full(p.t)).map((p) => Math.round(p.v * 1000) / 1000);
      expect(closed("cpu").length).toBeGreaterThanOrEqual(8);
      expect(new Set(closed("cpu"))).toEqual(new Set([Math.round((2 / vcpus) * 1000) / 1000]));
      expect(new Set(closed("netIn"))).toEqual(new Set([IDLE.netInBps]));
      expect(new Set(closed("memory"))).toEqual(new Set([IDLE.memoryMb]));
    });

    it("ranks the busy server first once metricd has processed the backlog", async () => {
      await gnocchi?.startMetricd();
      const { caller } = await cloud.as("demo", DEMO_PASSWORD);
      const top = await waitFor(
        "both servers ranked",
        async () => {
          const t = await caller.metrics.topInstances({ range: "1h", limit: 5 });
          return t.byCpu.length === 2 && t.byNetwork.length === 2 ? t : undefined;
        },
        60_000,
      );
      expect(top.available).toBe(true);
      expect(top.byCpu.map((i) => i.id)).toEqual([servers.busy.id, servers.idle.id]);
      expect(top.byCpu[0]?.value).toBeCloseTo(50 / vcpus, 3);
      // The idle one's first and newest periods are partly sampled (see above): its mean reads a little low.
      expect(top.byCpu[1]?.value).toBeGreaterThan(0.9 * (2 / vcpus));
      expect(top.byCpu[1]?.value).toBeLessThanOrEqual(2 / vcpus + 1e-9);
      expect(top.byNetwork[0]).toMatchObject({
        id: servers.busy.id,
        name: servers.busy.name,
        inBps: BUSY.netInBps,
        outBps: BUSY.netOutBps,
      });
      expect(top.byNetwork[0]?.value).toBeCloseTo(BUSY.netInBps + BUSY.netOutBps, 6);
    }, 90_000);
  });

  describe("live updates", () => {
    it("pushes the newest period's rates again as Ceilometer's samples arrive", async () => {
      // Live reads find points already there, so they never ask to refresh: metricd aggregates the new ones.
      await gnocchi?.startMetricd();
      const { caller } = await cloud.as("demo", DEMO_PASSWORD);
      const held = await caller.metrics.instanceSeries({ id: servers.idle.id, range: "1h" });
      if (!held.available) throw new Error("no metric service");
      const newestHeld = Math.max(...held.series.cpu.map((p) => p.t));
      const stream = await caller.metrics.instanceUpdates({
        id: servers.idle.id,
        range: "1h",
        after: newestHeld,
      });
      const iterator = stream[Symbol.asyncIterator]();
      try {
        // The first event repeats the newest periods the browser holds, CPU included.
        const first = await iterator.next();
        const cpuAt = (points: { t: number; v: number }[] | undefined) =>
          new Map((points ?? []).map((p) => [p.t, p.v] as const));
        const before = cpuAt(first.value?.series.cpu);
        expect(before.has(newestHeld)).toBe(true);
        // The next minute's samples (metricd runs now): the newest period's mean and rate move.
        const lastPosted = firstSample + Math.floor((now - 5_000 - firstSample) / 60_000) * 60_000;
        // At least the next one, even if its minute has not quite come (Gnocchi takes it all the same).
        const until = Math.max(Date.now(), lastPosted + DENSE_SAMPLE_S * 1000);
        await writer.postSamples(servers.idle, IDLE, firstSample, until, DENSE_SAMPLE_S, lastPosted);
        for (;;) {
          const event = await iterator.next();
          if (event.done) throw new Error("the stream ended");
          const after = cpuAt(event.value.series.cpu);
          if ([...after].some(([t, v]) => t >= newestHeld && before.get(t) !== v)) break;
        }
      } finally {
        await iterator.return?.();
      }
    }, 60_000);
  });

  describe("isolation", () => {
    it("refuses another project's server: NOT_FOUND from the BFF, 403/404 from Gnocchi itself", async () => {
      const { caller, session } = await cloud.as(cloud.other.username, cloud.other.password);
      await expect(caller.metrics.instanceSeries({ id: servers.busy.id, range: "1h" })).rejects.toMatchObject(
        {
          code: "NOT_FOUND",
        },
      );
      const stream = await caller.metrics.instanceUpdates({ id: servers.busy.id, range: "1h" });
      await expect(stream[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: "NOT_FOUND" });
      const theirs = await caller.metrics.topInstances({ range: "1h", limit: 5 });
      expect(theirs.byCpu).toEqual([]);
      // Straight to Gnocchi with the other project's token: its policy refuses demo's resource and measures.
      const direct = createGnocchiClient({ endpoint: gnocchi?.url ?? "", token: session.token });
      for (const read of [
        () => direct.resources.get("instance", servers.busy.id),
        () => direct.resources.measures("instance", servers.busy.id, "cpu", { refresh: true }),
      ]) {
        const err = await read().then(
          () => null,
          (e: unknown) => e,
        );
        expect(isOpenStackError(err) ? err.status : err).toBeOneOf([403, 404]);
      }
      expect(await direct.resources.search("instance", { "=": { id: servers.busy.id } })).toEqual([]);
    });
  });

  describe("the admin overview", () => {
    it("shows hosts on allocation only, without failing, where Gnocchi has no `host` resources", async () => {
      const { caller } = await cloud.as("admin", ADMIN_PASSWORD);
      const hostRow = async () => {
        const overview = await caller.overview.admin();
        // The metric service is there: the page says "No measures yet" per host, not "Needs the metric service".
        expect(overview.metricsAvailable).toBe(true);
        const host = overview.hypervisors.find((h) => h.hostname === HOST);
        expect(host?.vcpus).not.toBeNull();
        return host;
      };
      // No `host` resource type at all (Gnocchi answers 404 to the search).
      expect((await hostRow())?.measured).toBeNull();
      // Ceilometer's `host` type (SNMP hosts, named by `host_name`), but none of Zenith's hosts in it.
      await writer.call("POST", "/resource_type", {
        name: "host",
        attributes: { host_name: { type: "string", min_length: 0, max_length: 255, required: true } },
      });
      expect((await hostRow())?.measured).toBeNull();
    });
  });

  describe("@zenith/api-client/gnocchi against upstream", () => {
    it("reads measures with granularity and rate:mean, and the aggregates call the BFF makes", async () => {
      const client = createGnocchiClient({ endpoint: gnocchi?.url ?? "", token: admin.token });
      const start = new Date(now - 3_600_000);
      const mean = await client.resources.measures("instance", servers.busy.id, "memory.usage", {
        granularity: GRANULARITY,
        start,
        refresh: true,
      });
      expect(mean.length).toBeGreaterThanOrEqual(11);
      expect(new Set(mean.map((m) => m.granularity))).toEqual(new Set([GRANULARITY]));
      const rate = await client.resources.measures("instance", servers.busy.id, "cpu", {
        granularity: GRANULARITY,
        aggregation: "rate:mean",
        start,
      });
      // One sample per period: each period's rate is the counter's growth over the period.
      expect(new Set(rate.map((m) => m.value))).toEqual(new Set([BUSY.cpuNsPerS * SAMPLE_S]));

      // A granularity the policy lacks: Gnocchi's 404 names it (the BFF then reads every granularity).
      const err = await client.resources
        .measures("instance", servers.busy.id, "cpu", { granularity: 10, aggregation: "rate:mean" })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(isOpenStackError(err) && err.status).toBe(404);
      expect(isOpenStackError(err) && err.message).toMatch(/granularity/i);

      // The aggregates call of topInstances: a rate per resource of a batch of the project's instances, named by id.
      const groups = await client.aggregates({
        operations: "(metric cpu rate:mean)",
        resourceType: "instance",
        search: {
          and: [
            { "=": { project_id: servers.busy.projectId } },
            { in: { id: [servers.busy.id, servers.idle.id] } },
          ],
        },
        granularity: GRANULARITY,
        start,
        fill: "dropna",
      });
      expect(groups).toHaveLength(1);
      const series = flattenAggregates(groups[0]?.measures.measures ?? {});
      expect(series.map((s) => s.key).sort()).toEqual([servers.busy.id, servers.idle.id].sort());
      for (const s of series) expect(s).toMatchObject({ metric: "cpu", aggregation: "rate:mean" });
    });

    it("rates raw measures before aggregating them (rate:mean is the growth per sample, not per period)", async () => {
      // A counter growing 1 per second, sampled every minute into Ceilometer's 5-minute policy.
      const metric = (await writer.call("POST", "/metric", { archive_policy_name: "ceilometer-low-rate" }))
        .body as { id: string };
      const periodStart = Math.floor(now / 300_000) * 300_000 - 1_200_000;
      const measures = Array.from({ length: 15 }, (_, i) => ({
        timestamp: new Date(periodStart + 17_000 + i * 60_000).toISOString(),
        value: i * 60,
      }));
      await writer.call("POST", `/metric/${metric.id}/measures`, measures);
      const client = createGnocchiClient({ endpoint: gnocchi?.url ?? "", token: admin.token });
      const query = { granularity: GRANULARITY, refresh: true } as const;
      const rate = await client.metrics.measures(metric.id, { ...query, aggregation: "rate:mean" });
      const mean = await client.metrics.measures(metric.id, { ...query, aggregation: "mean" });
      // Upstream: the mean of each minute's growth (60), in every period, the first one included.
      expect(rate.map((m) => m.value)).toEqual([60, 60, 60]);
      // The difference of consecutive periods' means is the growth per period (300): not what rate:mean is.
      expect(mean.map((m) => m.value)).toEqual([120, 420, 720]);
    });

    it("answers as Zenith's own /metric does for the same samples: mean, rate:mean, rate:sum, rate:max at 1 min", async () => {
      // An uneven counter (growth 0, 3, 6, … per 10 s sample) over 4 minutes, into both services.
      const t0 = Math.floor(now / 60_000) * 60_000 - 10 * 60_000;
      const values = Array.from({ length: 24 }, (_, i) => ({
        at: t0 + i * 10_000,
        value: (3 * i * (i - 1)) / 2,
      }));
      const methods = ["mean", "rate:mean", "rate:sum", "rate:max"] as const;
      await writer.call("POST", "/archive_policy", {
        name: `${unique}-minute`,
        aggregation_methods: [...methods],
        back_window: 0,
        definition: [{ granularity: "1 minute", timespan: "1 day" }],
      });
      const metric = (await writer.call("POST", "/metric", { archive_policy_name: `${unique}-minute` }))
        .body as {
        id: string;
      };
      await writer.call(
        "POST",
        `/metric/${metric.id}/measures`,
        values.map((v) => ({ timestamp: new Date(v.at).toISOString(), value: v.value })),
      );
      // Zenith: the same counter as the busy server's disk read requests, sampled by its host.
      expect(
        await cloud.control.metering.ingest.ingest(
          HOST,
          values.map((v) => ({
            resource: "instance_disk",
            subject: servers.busy.id,
            part: "vdz",
            metric: "disk.device.read.requests",
            value: v.value,
            at: v.at,
          })),
        ),
      ).toEqual({ accepted: values.length, rejected: 0 });
      const disks = await fetch(`${cloud.control.url}/metric/v1/search/resource/instance_disk`, {
        method: "POST",
        headers: { "x-auth-token": admin.token, "content-type": "application/json" },
        body: JSON.stringify({ "=": { original_resource_id: `${servers.busy.id}-vdz` } }),
      }).then((r) => r.json() as Promise<Array<{ metrics: Record<string, string> }>>);
      const zenithMetric = disks[0]?.metrics["disk.device.read.requests"];
      expect(zenithMetric).toBeDefined();
      const upstream = createGnocchiClient({ endpoint: gnocchi?.url ?? "", token: admin.token });
      const zenith = createGnocchiClient({ endpoint: `${cloud.control.url}/metric`, token: admin.token });
      for (const aggregation of methods) {
        const query = { granularity: 60, aggregation, refresh: true } as const;
        const theirs = await upstream.metrics.measures(metric.id, query);
        const ours = await zenith.metrics.measures(zenithMetric ?? "", query);
        expect(theirs.length, `${aggregation}: ${JSON.stringify(theirs)}`).toBe(4);
        expect(ours, aggregation).toEqual(theirs);
      }
    });
  });
}
