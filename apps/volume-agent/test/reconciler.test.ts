/**
 * The reconciler on the fake driver, with real HTTP transfers to a tiny
 * control plane and a real state file: every source, growth, snapshots,
 * tombstones, exports, failures by generation, one-shot jobs, restarts.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { VolumeAgentMessage, VolumeDesired } from "@zenith/agent-protocol/volume";
import { createLogger } from "@zenith/core/logger";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeVolumeDriver, FakeVolumeHost } from "../src/driver/fake.ts";
import { GiB } from "../src/driver/types.ts";
import { Reconciler } from "../src/reconciler.ts";
import { ControlFiles } from "../src/transfers.ts";
import { desired, volume } from "./specs.ts";
import { TinyControl } from "./tiny-control.ts";

const logger = createLogger("volume-agent-test", "silent");
const id = () => randomUUID();

let control: TinyControl;
let dir: string;
let host: FakeVolumeHost;
const running: Reconciler[] = [];

beforeEach(async () => {
  control = new TinyControl();
  await control.start();
  dir = await mkdtemp(join(tmpdir(), "zenith-vol-reconciler-"));
  host = new FakeVolumeHost();
});
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  await control.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** A reconciler on the shared fake host and state folder: a second one is the agent after a restart. */
async function agent() {
  const driver = new FakeVolumeDriver({ host });
  await driver.init();
  const sent: VolumeAgentMessage[] = [];
  const reconciler = new Reconciler({
    driver,
    files: new ControlFiles({
      controlUrl: control.url,
      token: async () => control.token,
      dir: join(dir, "transfers"),
    }),
    stateDir: join(dir, "state"),
    send: (msg) => sent.push(msg),
    logger,
    // Never on its own during a test: tests call resync() where they mean it.
    resyncMs: 3_600_000,
  });
  await reconciler.start();
  running.push(reconciler);
  const apply = async (msg: VolumeDesired) => {
    reconciler.onDesired(msg);
    await reconciler.idle();
    return await reconciler.applied();
  };
  return { driver, reconciler, sent, apply };
}

async function imageFile(bytes = 4096): Promise<string> {
  const path = join(dir, `image-${randomUUID()}.raw`);
  await writeFile(path, Buffer.alloc(bytes, 0x5a));
  return path;
}

describe("volume reconciler (fake driver)", () => {
  it("creates volumes from every source, waiting for sources made in the same pass, grows them and makes their snapshots", async () => {
    const { apply, sent } = await agent();
    const [a, fromImage, fromSnap, clone, restored, snap] = [id(), id(), id(), id(), id(), id()];
    const imageId = id();
    const backupId = id();
    control.images.set(imageId, await imageFile());
    control.stored.set(`backups/${backupId}`, await imageFile(8192));

    let applied = await apply(
      desired({
        volumes: [
          // Listed before their sources on purpose: they wait for them.
          volume(fromSnap, { source: { kind: "snapshot", volumeId: a, snapshotId: snap }, format: "raw" }),
          volume(clone, { source: { kind: "volume", volumeId: a }, sizeGb: 2 }),
          volume(a, { snapshots: [snap] }),
          volume(fromImage, { source: { kind: "image", imageId, diskFormat: "raw" } }),
          volume(restored, { source: { kind: "backup", backupId } }),
        ],
      }),
    );
    expect(applied.errors).toEqual([]);
    const byId = new Map(applied.volumes.map((v) => [v.id, v]));
    expect(byId.get(a)).toEqual({ id: a, generation: 1, sizeBytes: GiB, snapshots: [snap] });
    for (const v of [fromImage, fromSnap, restored]) expect(byId.get(v)?.generation).toBe(1);
    expect(byId.get(clone)?.sizeBytes).toBe(2 * GiB);
    expect(host.volumes.get(fromSnap)?.format).toBe("raw");
    // The bytes came through the control plane's file routes, and the temporary files are gone.
    expect(host.volumes.get(fromImage)?.allocatedBytes).toBe(4096);
    expect(host.volumes.get(restored)?.allocatedBytes).toBe(8192);
    expect(await readdir(join(dir, "transfers"))).toEqual([]);
    expect(control.refused).toEqual([]);
    // The last report says what applied() says.
    expect(sent.at(-1)).toEqual({ type: "report", applied });

    applied = await apply(desired({ volumes: [volume(a, { snapshots: [snap], sizeGb: 3, generation: 2 })] }));
    expect(applied.volumes.find((v) => v.id === a)).toEqual({
      id: a,
      generation: 2,
      sizeBytes: 3 * GiB,
      snapshots: [snap],
    });
    // Not desired any more, not tombstoned: kept (data goes only by tombstone).
    expect(applied.volumes.map((v) => v.id).sort()).toEqual([a, fromImage, fromSnap, clone, restored].sort());
    expect(applied.capacity.provisionedBytes).toBe(8 * GiB);
  });

  it("serves desired exports, stops those no longer desired, moves a volume to a new attachment, and repairs drift on resync", async () => {
    const { apply, driver, reconciler } = await agent();
    const [v1, v2] = [id(), id()];
    const [a1, a2, a3] = [id(), id(), id()];
    let applied = await apply(
      desired({
        volumes: [volume(v1), volume(v2)],
        exports: [
          { attachmentId: a1, volumeId: v1, readOnly: false, attachedHost: "compute1" },
          { attachmentId: a2, volumeId: v2, readOnly: true, attachedHost: "compute1" },
        ],
      }),
    );
    expect(applied.errors).toEqual([]);
    expect(applied.exports.map((e) => [e.attachmentId, e.volumeId, e.readOnly]).sort()).toEqual(
      [
        [a1, v1, false],
        [a2, v2, true],
      ].sort(),
    );
    const first = applied.exports.find((e) => e.attachmentId === a1);
    expect(first?.secret).toMatch(/^[0-9a-f]{64}$/);

    // a2 goes; v1 moves from a1 to a3 (one attachment per volume: a1 must go first).
    applied = await apply(
      desired({
        volumes: [volume(v1), volume(v2)],
        exports: [{ attachmentId: a3, volumeId: v1, readOnly: false, attachedHost: "compute2" }],
      }),
    );
    expect(applied.errors).toEqual([]);
    expect(applied.exports.map((e) => e.attachmentId)).toEqual([a3]);
    expect([...host.exports.keys()]).toEqual([a3]);

    // The same state again costs nothing per volume or export; the resync looks at everything.
    const again = desired({
      volumes: [volume(v1), volume(v2)],
      exports: [{ attachmentId: a3, volumeId: v1, readOnly: false, attachedHost: "compute2" }],
    });
    const get = vi.spyOn(driver, "getVolume");
    const serve = vi.spyOn(driver, "export");
    expect(await apply(again)).toEqual(applied);
    expect(get).not.toHaveBeenCalled();
    expect(serve).not.toHaveBeenCalled();
    // An export daemon gone behind the agent's back is back after the resync.
    host.exports.delete(a3);
    await reconciler.resync();
    await reconciler.idle();
    expect(serve).toHaveBeenCalledTimes(1);
    expect([...host.exports.keys()]).toEqual([a3]);
  });

  it("deletes tombstoned volumes and snapshots (gone is success); an exported volume only once its export is not desired", async () => {
    const { apply } = await agent();
    const [v1, v2, v3, never] = [id(), id(), id(), id()];
    const [snap, a2, a3] = [id(), id(), id()];
    const export3 = { attachmentId: a3, volumeId: v3, readOnly: false, attachedHost: "compute1" };
    await apply(
      desired({
        volumes: [volume(v1, { snapshots: [snap] }), volume(v2), volume(v3)],
        exports: [{ attachmentId: a2, volumeId: v2, readOnly: false, attachedHost: "compute1" }, export3],
      }),
    );
    expect(host.exports.size).toBe(2);

    let applied = await apply(
      desired({
        volumes: [volume(v1, { generation: 2 })],
        exports: [export3],
        deleted: { volumes: [v2, v3, never], snapshots: [{ volumeId: v1, snapshotId: snap }] },
      }),
    );
    expect(applied.volumes.map((v) => v.id).sort()).toEqual([v1, v3].sort());
    expect(applied.volumes.find((v) => v.id === v1)?.snapshots).toEqual([]);
    expect(host.exports.has(a2)).toBe(false);
    expect(applied.errors).toEqual([
      {
        kind: "delete",
        id: v3,
        generation: 1,
        message: expect.stringContaining(`exported to attachment ${a3}, which is still desired`),
      },
    ]);

    applied = await apply(
      desired({ volumes: [volume(v1, { generation: 2 })], deleted: { volumes: [v3], snapshots: [] } }),
    );
    expect(applied.errors).toEqual([]);
    expect(applied.volumes.map((v) => v.id)).toEqual([v1]);
    expect(applied.exports).toEqual([]);
  });

  it("reports a failed create with its generation, does not retry it on new messages, retries on resync only when the cause may pass", async () => {
    const { apply, driver, reconciler } = await agent();
    const create = vi.spyOn(driver, "createVolume");
    const [flaky, wrong] = [id(), id()];

    driver.failNext("createVolume", "OperationFailed");
    const msg = desired({ volumes: [volume(flaky, { generation: 3 })] });
    let applied = await apply(msg);
    expect(applied.errors).toEqual([
      { kind: "volume", id: flaky, generation: 3, message: "injected fault in createVolume" },
    ]);
    expect(applied.volumes).toEqual([]);
    for (let i = 0; i < 3; i++) applied = await apply(msg);
    expect(create).toHaveBeenCalledTimes(1);
    expect(applied.errors).toHaveLength(1);

    await reconciler.resync();
    await reconciler.idle();
    applied = await reconciler.applied();
    expect(create).toHaveBeenCalledTimes(2);
    expect(applied.errors).toEqual([]);
    expect(applied.volumes).toEqual([{ id: flaky, generation: 3, sizeBytes: GiB, snapshots: [] }]);

    // A request the driver refuses as such is not retried at that generation, not even by the resync.
    driver.failNext("createVolume", "InvalidRequest");
    const withWrong = (generation: number) =>
      desired({ volumes: [volume(flaky, { generation: 3 }), volume(wrong, { generation })] });
    applied = await apply(withWrong(1));
    expect(applied.errors).toMatchObject([{ kind: "volume", id: wrong, generation: 1 }]);
    await reconciler.resync();
    await reconciler.idle();
    expect(create).toHaveBeenCalledTimes(3);
    // A new generation is a new request: tried at once.
    applied = await apply(withWrong(2));
    expect(create).toHaveBeenCalledTimes(4);
    expect(applied.errors).toEqual([]);
    expect(applied.volumes.find((v) => v.id === wrong)?.generation).toBe(2);
  });

  it("a driver that cannot read a volume's state is reported as that volume's failure and looked at again by the resync", async () => {
    const { apply, driver, reconciler } = await agent();
    const v = id();
    driver.failNext("getVolume", "OperationFailed");
    let applied = await apply(desired({ volumes: [volume(v, { generation: 2 })] }));
    expect(applied.errors).toEqual([
      { kind: "volume", id: v, generation: 2, message: "injected fault in getVolume" },
    ]);
    await reconciler.resync();
    await reconciler.idle();
    applied = await reconciler.applied();
    expect(applied.errors).toEqual([]);
    expect(applied.volumes).toEqual([{ id: v, generation: 2, sizeBytes: GiB, snapshots: [] }]);
  });

  it("a volume whose image the control plane does not have fails with the answer, and the resync does not download again", async () => {
    const { apply, reconciler } = await agent();
    const v = id();
    const imageId = id();
    const applied = await apply(
      desired({
        volumes: [volume(v, { source: { kind: "image", imageId, diskFormat: "qcow2" }, generation: 5 })],
      }),
    );
    expect(applied.errors).toEqual([
      { kind: "volume", id: v, generation: 5, message: expect.stringMatching(/answered 404: no images\//) },
    ]);
    expect(control.refused).toHaveLength(1);
    await reconciler.resync();
    await reconciler.idle();
    expect(control.refused).toHaveLength(1);
    expect(await readdir(join(dir, "transfers"))).toEqual([]);
  });

  it("runs uploads and backups once, reports them until the desired state drops them, and backs up a snapshot through a temporary volume", async () => {
    const { apply, driver } = await agent();
    const [v, snap] = [id(), id()];
    const [imageId, full, ofSnap, lost] = [id(), id(), id(), id()];
    const copy = vi.spyOn(driver, "copyToImage");
    // The snapshot is made by the same message: its backup waits for it.
    const jobs = desired({
      volumes: [volume(v, { snapshots: [snap] })],
      uploads: [{ imageId, volumeId: v, diskFormat: "qcow2" }],
      backups: [
        { backupId: full, volumeId: v, snapshotId: null },
        { backupId: ofSnap, volumeId: v, snapshotId: snap },
        { backupId: lost, volumeId: id(), snapshotId: null },
      ],
    });
    let applied = await apply(jobs);
    expect(applied.uploads).toEqual([{ imageId, ok: true }]);
    expect(applied.backups).toEqual(
      expect.arrayContaining([
        { backupId: full, ok: true, sizeBytes: expect.any(Number) },
        { backupId: ofSnap, ok: true, sizeBytes: expect.any(Number) },
        { backupId: lost, ok: false, message: expect.stringContaining("not on this host") },
      ]),
    );
    expect(control.stored.has(`images/${imageId}`)).toBe(true);
    expect(control.stored.has(`backups/${full}`)).toBe(true);
    expect(control.stored.has(`backups/${ofSnap}`)).toBe(true);
    // The snapshot was read through a temporary volume, which is gone.
    expect([...host.volumes.keys()]).toEqual([v]);
    expect(applied.volumes.map((x) => x.id)).toEqual([v]);
    expect(copy).toHaveBeenCalledTimes(3);

    // Listed again: not run again.
    applied = await apply(jobs);
    expect(copy).toHaveBeenCalledTimes(3);
    expect(applied.backups).toHaveLength(3);

    applied = await apply(desired({ volumes: [volume(v, { snapshots: [snap] })] }));
    expect(applied.uploads).toEqual([]);
    expect(applied.backups).toEqual([]);
  });

  it("after a restart: reports what it had, touches nothing before the first desired message, then converges without recreating anything", async () => {
    const first = await agent();
    const [v, fromImage, snap, att, backupId] = [id(), id(), id(), id(), id()];
    const imageId = id();
    control.images.set(imageId, await imageFile());
    const msg = desired({
      volumes: [
        volume(v, { snapshots: [snap], generation: 4 }),
        volume(fromImage, { source: { kind: "image", imageId, diskFormat: "raw" }, generation: 2 }),
      ],
      exports: [{ attachmentId: att, volumeId: v, readOnly: false, attachedHost: "compute1" }],
      backups: [{ backupId, volumeId: v, snapshotId: null }],
    });
    const before = await first.apply(msg);
    expect(before.errors).toEqual([]);
    await first.reconciler.stop();
    await first.driver.close();

    const second = await agent();
    const calls = (
      ["createVolume", "extendVolume", "createSnapshot", "unexport", "copyToImage"] as const
    ).map((op) => vi.spyOn(second.driver, op));
    // The hello of the new process says the same as the last report of the old one.
    expect(await second.reconciler.applied()).toEqual(before);
    const after = await second.apply(msg);
    expect(after).toEqual(before);
    for (const call of calls) expect(call).not.toHaveBeenCalled();
    expect(host.exports.get(att)?.port).toBe(before.exports[0]?.port);
    // The image was downloaded once, by the first process.
    expect(control.refused).toEqual([]);
  });
});
