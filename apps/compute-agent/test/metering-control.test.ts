/**
 * End to end with the real control plane: a real compute agent on the fake
 * driver meters the server it runs, its samples arrive through the real
 * `POST /agent/v1/metering/samples` and are read back as a tenant through
 * Gnocchi's `GET /metric/v1/resource/instance/<id>/metric/cpu/measures`.
 * Then the control plane goes away (stopped, as a crash or an upgrade
 * would): the agent keeps what it reads, and once the control plane is back
 * on the same address those samples are stored too — the outage leaves no
 * hole in the series.
 *
 * The database is PGlite on disk (it must outlive the restart), or a
 * database of its own on the PostgreSQL test server with ZENITH_TEST_PG_URL.
 */
import { createLogger } from "@zenith/core/logger";
import { afterAll, describe, expect, it } from "vitest";
import {
  AGENT_TOKEN,
  bootActive,
  type ComputeTestEnv,
  computeTarget,
  seed,
  startCompute,
} from "../../control/test/compute-servers-harness.ts";
import { tempDir } from "../../control/test/harness.ts";
import { ComputeAgent } from "../src/agent.ts";
import { FakeDriver } from "../src/driver/fake.ts";
import { waitFor } from "./wait.ts";

const HOST = "metering-host";
/** Fast reads so the test does not wait for 10 s intervals; the control plane buckets them by 10 s. */
const INTERVAL_MS = 250;
const GRANULARITY_S = 10;

type Measure = [string, number, number];

function isMeasures(body: unknown): body is Measure[] {
  return (
    Array.isArray(body) &&
    body.every(
      (m) =>
        Array.isArray(m) &&
        m.length === 3 &&
        typeof m[0] === "string" &&
        typeof m[1] === "number" &&
        typeof m[2] === "number",
    )
  );
}

describe("metering through the real control plane", () => {
  const dir = tempDir("zenith-metering-e2e-");
  let env: ComputeTestEnv | undefined;
  let agent: ComputeAgent | undefined;
  let drop: () => Promise<void> = async () => {};

  afterAll(async () => {
    await agent?.stop();
    await env?.control.close();
    await drop();
    dir.remove();
  }, 60_000);

  async function measures(e: ComputeTestEnv, serverId: string, query: string): Promise<Measure[]> {
    const res = await e.control.request(
      "GET",
      `/metric/v1/resource/instance/${serverId}/metric/cpu/measures?${query}`,
      { token: e.demoToken },
    );
    if (res.status === 404) return [];
    expect(res.status, res.text).toBe(200);
    if (!isMeasures(res.body)) throw new Error(`not Gnocchi measures: ${res.text.slice(0, 500)}`);
    return res.body;
  }

  it("samples of a running server are readable as cpu measures; samples read during an outage arrive after it", async () => {
    const made = await computeTarget("metering-e2e", { onDisk: true });
    drop = made.drop;
    env = await startCompute("metering-e2e", { dataDir: dir.path, target: made.target });
    const port = Number(new URL(env.control.url).port);
    const { imageId } = await seed(env);
    const logger = createLogger("metering-e2e", process.env.TEST_LOG_LEVEL ?? "silent");
    agent = new ComputeAgent({
      host: HOST,
      availabilityZone: "nova",
      hostIp: "127.0.0.1",
      controlUrl: env.control.url,
      token: async () => AGENT_TOKEN,
      dataDir: dir.path,
      driver: new FakeDriver(),
      logger: logger.child({ host: HOST }),
      backoff: { initialMs: 20, maxMs: 200 },
      meteringIntervalMs: INTERVAL_MS,
    });
    await agent.start();
    const first = env;
    // The host is known (its hello stored) before a server can be scheduled to it.
    await waitFor("the host registered", async () =>
      (await first.control.running.db.prisma.computeHost.findUnique({ where: { host: HOST } }))?.lastHeartbeat
        ? true
        : undefined,
    );
    const serverId = await bootActive(first, imageId, "metered");

    // Through the real endpoint into storage, and out through the metrics API as the server's owner.
    const stored = await waitFor(
      "cpu measures of the server",
      async () => {
        const m = await measures(first, serverId, `granularity=${GRANULARITY_S}`);
        return m.length > 0 ? m : undefined;
      },
      30_000,
    );
    expect(stored.every(([, g]) => g === GRANULARITY_S)).toBe(true);
    expect(stored.at(-1)?.[2]).toBeGreaterThan(0);

    // Its disk and the host are resources of their own (Gnocchi's UUIDv5 ids), with their metrics.
    const disks = await first.control.request("GET", "/metric/v1/resource/instance_disk", {
      token: first.demoToken,
    });
    expect(disks.status, disks.text).toBe(200);
    const vda = (disks.body as Array<Record<string, unknown>>).find((r) => r.instance_id === serverId);
    expect(vda?.name).toBe("vda");
    expect(Object.keys((vda?.metrics as Record<string, string> | undefined) ?? {}).sort()).toEqual([
      "disk.device.read.bytes",
      "disk.device.read.requests",
      "disk.device.write.bytes",
      "disk.device.write.requests",
    ]);
    const hosts = await first.control.request("GET", "/metric/v1/resource/host", { token: first.adminToken });
    expect(hosts.status, hosts.text).toBe(200);
    const host = (hosts.body as Array<Record<string, unknown>>).find((r) => r.host_name === HOST);
    expect(Object.keys((host?.metrics as Record<string, string> | undefined) ?? {})).toContain(
      "compute.node.instances",
    );

    // The control plane goes away; the agent keeps reading into its buffer.
    await first.control.close();
    const down = Date.now();
    // Until its buffer holds the samples of a whole 10 s bucket after the one the outage began in.
    const wholeBucket = (Math.floor(down / 10_000) + 1) * 10_000;
    await waitFor(
      "a bucket of samples kept while the control plane is down",
      () => (Date.now() >= wholeBucket + GRANULARITY_S * 1000 + INTERVAL_MS ? true : undefined),
      60_000,
    );
    const pending = agent.shipper.pending;
    expect(pending).toBeGreaterThan(0);

    env = await startCompute("metering-e2e", {
      dataDir: dir.path,
      target: made.target,
      control: { port },
    });
    const second = env;
    await waitFor(
      "the kept samples delivered",
      () => (agent?.shipper.pending === 0 ? true : undefined),
      30_000,
    );
    // The bucket wholly inside the outage holds only samples read while the control plane was down.
    const start = new Date(wholeBucket).toISOString();
    const stop = new Date(wholeBucket + GRANULARITY_S * 1000).toISOString();
    // Folded into the archive (what metricd does) at once rather than at its next round.
    await second.control.running.metering.aggregator.tick();
    const outage = await measures(
      second,
      serverId,
      `granularity=${GRANULARITY_S}&aggregation=count&start=${start}&stop=${stop}`,
    );
    expect(outage.map(([t]) => Date.parse(t))).toEqual([wholeBucket]);
    // Nearly every read of those 10 s (the timer may drift a read or two under load).
    for (const [, , count] of outage)
      expect(count).toBeGreaterThanOrEqual((GRANULARITY_S * 1000) / INTERVAL_MS - 3);
  }, 180_000);
});
