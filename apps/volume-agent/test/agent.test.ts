/**
 * The volume agent on the fake driver over a real WebSocket (runs where
 * QEMU is missing too): hello with its host, driver, zone and export
 * address; converges what it is sent and reports it; after the control
 * plane comes back its hello carries the applied state.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@zenith/core/logger";
import { afterEach, describe, expect, it } from "vitest";
import { VolumeAgent } from "../src/agent.ts";
import { FakeVolumeDriver } from "../src/driver/fake.ts";
import { GiB } from "../src/driver/types.ts";
import { desired, volume } from "./specs.ts";
import { TinyControl } from "./tiny-control.ts";
import { waitFor } from "./wait.ts";

const logger = createLogger("volume-agent-test", "silent");
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("volume agent (fake driver)", () => {
  it("says hello, converges what it is sent, reports it, and carries it in the hello after a control-plane restart", async () => {
    const control = new TinyControl();
    await control.start();
    cleanups.push(() => control.cleanup());
    const dir = await mkdtemp(join(tmpdir(), "zenith-vol-agent-fake-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const [volumeId, attachmentId] = [randomUUID(), randomUUID()];
    control.desired = desired({
      volumes: [volume(volumeId, { sizeGb: 2, generation: 7 })],
      exports: [{ attachmentId, volumeId, readOnly: false, attachedHost: "compute1" }],
    });
    const agent = new VolumeAgent({
      host: "vol1",
      controlUrl: control.url,
      token: async () => control.token,
      stateDir: join(dir, "state"),
      transferDir: join(dir, "storage", "transfers"),
      driver: new FakeVolumeDriver({ exportHost: "192.0.2.7" }),
      driverKind: "fake",
      availabilityZone: "az-fake",
      exportAddress: "192.0.2.7",
      logger,
      backoff: { initialMs: 20, maxMs: 200 },
    });
    await agent.start();
    cleanups.push(() => agent.stop());

    await waitFor("the first hello", () => control.of("hello").length === 1);
    expect(control.of("hello")[0]).toMatchObject({
      protocol: 1,
      host: "vol1",
      driver: "fake",
      availabilityZone: "az-fake",
      exportAddress: "192.0.2.7",
      applied: { volumes: [], exports: [], uploads: [], backups: [], errors: [] },
    });
    await waitFor("the export reported", () => (control.lastApplied()?.exports.length ?? 0) === 1);
    const applied = control.lastApplied();
    expect(applied?.volumes).toEqual([{ id: volumeId, generation: 7, sizeBytes: 2 * GiB, snapshots: [] }]);
    expect(applied?.exports[0]).toMatchObject({ attachmentId, volumeId, host: "192.0.2.7" });
    expect(applied?.capacity.provisionedBytes).toBe(2 * GiB);

    await control.stop();
    await control.start();
    await waitFor("a second hello", () => control.of("hello").length === 2);
    expect(control.of("hello")[1]?.applied).toEqual(applied);
    expect(control.invalid).toEqual([]);
  });

  it("samples its volumes and storage and ships them with the host's credential", async () => {
    const control = new TinyControl();
    await control.start();
    cleanups.push(() => control.cleanup());
    const dir = await mkdtemp(join(tmpdir(), "zenith-vol-agent-fake-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const [volumeId, attachmentId] = [randomUUID(), randomUUID()];
    control.desired = desired({
      volumes: [volume(volumeId, { sizeGb: 2, generation: 1 })],
      exports: [{ attachmentId, volumeId, readOnly: false, attachedHost: "compute1" }],
    });
    const agent = new VolumeAgent({
      host: "vol1",
      controlUrl: control.url,
      token: async () => control.token,
      stateDir: join(dir, "state"),
      transferDir: join(dir, "storage", "transfers"),
      driver: new FakeVolumeDriver({ exportHost: "192.0.2.7" }),
      driverKind: "fake",
      availabilityZone: "nova",
      exportAddress: "192.0.2.7",
      logger,
      backoff: { initialMs: 20, maxMs: 200 },
      meteringIntervalMs: 100,
    });
    await agent.start();
    cleanups.push(() => agent.stop());

    const samples = () => control.batches.flatMap((b) => b.samples);
    const allocation = () =>
      samples()
        .filter((s) => s.metric === "volume.allocation" && s.subject === volumeId)
        .map((s) => s.value);
    // The exported volume fills as a guest writes to it.
    await waitFor("the volume's allocation growing", () => new Set(allocation()).size >= 2);
    expect(
      allocation()
        .slice(1)
        .every((v, i) => v >= (allocation()[i] ?? 0)),
    ).toBe(true);
    expect(control.batches.every((b) => b.host === "vol1")).toBe(true);
    expect(samples().find((s) => s.metric === "volume.size")).toMatchObject({
      resource: "volume",
      subject: volumeId,
      value: 2,
    });
    const total = samples().find((s) => s.metric === "volume.provider.capacity.total");
    expect(total).toMatchObject({ resource: "host", subject: "vol1" });
    expect(total?.value).toBeGreaterThan(0);
    expect(control.invalid).toEqual([]);
  });
});
