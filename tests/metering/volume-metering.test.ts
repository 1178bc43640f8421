/**
 * End to end: the real volume agent (fake driver) on the real control
 * plane. A volume the demo member creates lands on the agent's host; its
 * size and allocation arrive as samples, as do the host's storage figures,
 * and are read back through Gnocchi's API: the volume's by its owner, the
 * host's by the admin.
 */
import { join } from "node:path";
import { testDatabases, waitFor } from "@zenith/testkit";
import { VolumeAgent } from "@zenith/volume-agent/agent";
import { FakeVolumeDriver } from "@zenith/volume-agent/fake";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MeteringCloud, startMeteringCloud } from "./harness.ts";

const HOST = "vol-meter-1";

describe.each(testDatabases())("volume agent metering, end to end ($label)", (database) => {
  let env: MeteringCloud;

  beforeAll(async () => {
    env = await startMeteringCloud(database, "metering_vol");
    const common = await env.agentOptions(HOST);
    await env.run(
      new VolumeAgent({
        ...common,
        stateDir: join(common.stateDir, "state"),
        transferDir: join(common.stateDir, "transfers"),
        driver: new FakeVolumeDriver({ exportHost: "127.0.0.1" }),
        driverKind: "fake",
        availabilityZone: "nova",
        exportAddress: "127.0.0.1",
      }),
    );
  });

  afterAll(async () => {
    await env?.close();
  });

  /** Measures of `metric` once there are any (the samples go through the agent's next interval). */
  const series = async (token: string, type: string, id: string, metric: string) => {
    let last: Array<[string, number, number]> = [];
    await waitFor(
      async () => {
        const answer = await env.measures(token, type, id, metric);
        last = answer.measures;
        return answer.status === 200 && last.length > 0;
      },
      { timeoutMs: 30_000, what: `measures of ${metric}` },
    );
    return last;
  };

  it("stores a volume's size and allocation, readable by its project's member", async () => {
    const { client } = env.cloud;
    const demo = await env.cloud.memberToken();
    const projectId: string = (await client.request("GET", "/identity/v3/auth/projects", { token: demo }))
      .body.projects[0].id;
    // Refused (nothing made) until the agent's hello has put its host in the scheduler's list.
    const create = () =>
      client.request("POST", `/volume/v3/${projectId}/volumes`, {
        token: demo,
        body: { volume: { size: 2, name: "metered" } },
      });
    let created = await create();
    await waitFor(
      async () => {
        if (created.status !== 202) created = await create();
        return created.status === 202;
      },
      { timeoutMs: 30_000, what: "the volume accepted" },
    );
    const volumeId: string = created.body.volume.id;
    await waitFor(
      async () =>
        (await client.request("GET", `/volume/v3/${projectId}/volumes/${volumeId}`, { token: demo })).body
          ?.volume?.status === "available",
      { timeoutMs: 30_000, what: "the volume available" },
    );
    const sizes = await series(demo, "volume", volumeId, "volume.size");
    expect(sizes.every(([, , value]) => value === 2)).toBe(true);
    const allocation = await series(demo, "volume", volumeId, "volume.allocation");
    expect(allocation.every(([, , value]) => value >= 0)).toBe(true);
  });

  it("stores the volume host's storage figures under its host resource, readable by the admin", async () => {
    const { client } = env.cloud;
    const admin = await env.cloud.adminToken();
    let hostId = "";
    await waitFor(
      async () => {
        const found = await client.request("POST", "/metric/v1/search/resource/host", {
          token: admin,
          body: { "=": { original_resource_id: HOST } },
        });
        hostId = found.status === 200 ? (found.body[0]?.id ?? "") : "";
        return hostId !== "";
      },
      { timeoutMs: 30_000, what: "the volume host's resource" },
    );
    const total = await series(admin, "host", hostId, "volume.provider.capacity.total");
    expect(total.every(([, , value]) => value > 0)).toBe(true);
    const used = await series(admin, "host", hostId, "hardware.disk.size.used");
    expect(used.length).toBeGreaterThan(0);
  });
});
