/**
 * Converges the storage folder towards the last desired message: one keyed
 * worker per volume, export, upload and backup (a slow image copy blocks
 * nothing else); passes for what a desired message changed, for everything
 * on the first message after a start and on every resync.
 *
 * - Volumes are created when missing, grown when smaller than desired, and
 *   given their missing snapshots; data goes only by tombstone.
 * - Exports are served while desired and stopped as soon as they are not.
 *   Nothing is unexported before this process has received a desired
 *   message: after a restart guests keep their disks until the control
 *   plane says otherwise.
 * - Failures are reported with the desired generation they happened at and
 *   not tried again at that generation, except by the periodic resync when
 *   the cause may pass (I/O, the control plane away); a new generation is
 *   tried at once.
 * - Reports go out after every change, coalesced, and only when what they
 *   say changed; the hello carries the same state.
 */
import { join } from "node:path";
import type {
  DesiredVolume,
  VolumeAgentMessage,
  VolumeApplied,
  VolumeDesired,
} from "@zenith/agent-protocol/volume";
import { StateStore } from "@zenith/agent-runtime/state-store";
import { KeyedWorkers } from "@zenith/agent-runtime/workers";
import type { Logger } from "@zenith/core/logger";
import { appliedState } from "./applied.ts";
import { DesiredIndex } from "./desired-index.ts";
import { GiB, isVolumeDriverError, type VolumeDriver, type VolumeInfo } from "./driver/types.ts";
import { errorText, Failures, MAX_MESSAGE } from "./failures.ts";
import { runBackup, runUpload } from "./jobs.ts";
import { type AgentRecord, backupKey, uploadKey, volumeKey, ZRecord } from "./records.ts";
import type { ControlFiles } from "./transfers.ts";
import { createFromSource } from "./volume-create.ts";

export interface ReconcilerOptions {
  driver: VolumeDriver;
  files: ControlFiles;
  /** Holds `state.json` (`<data>/volume/<host>`). */
  stateDir: string;
  /** Hands a message to the connection (dropped while disconnected: the next hello carries the state). */
  send: (msg: VolumeAgentMessage) => void;
  logger: Logger;
  /** Passes at the same time. Default 4 (copies are I/O bound). */
  concurrency?: number;
  /** Full re-check period. Default 60 s. */
  resyncMs?: number;
}

type PassKind = "volume" | "export" | "upload" | "backup";
const passKey = (kind: PassKind, id: string): string => `${kind}:${id}`;

export class Reconciler {
  private readonly records = new Map<string, AgentRecord>();
  private readonly failures = new Failures(this.records);
  /** Undefined until this process received a desired message: until then nothing is changed. */
  private desired: DesiredIndex | undefined;
  /** Attachments this process has seen served (only so that "exported" is logged once). */
  private readonly exported = new Set<string>();
  private readonly workers: KeyedWorkers;
  private readonly store: StateStore<AgentRecord>;
  private readonly driver: VolumeDriver;
  private readonly log: Logger;
  private inbox: Promise<void> = Promise.resolve();
  private reporting: Promise<void> = Promise.resolve();
  private reportQueued = false;
  private lastReport = "";
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ReconcilerOptions) {
    this.driver = options.driver;
    this.log = options.logger;
    this.store = new StateStore(join(options.stateDir, "state.json"), this.log, ZRecord);
    this.workers = new KeyedWorkers(options.concurrency ?? 4, (key) => this.pass(key));
  }

  /** Loads the state, removes what a killed agent left half done; the driver is initialised already. */
  async start(): Promise<void> {
    for (const [key, r] of await this.store.load()) this.records.set(key, r);
    const swept = await this.options.files.sweep();
    for (const [key, r] of this.records) {
      if (r.kind !== "backup" || r.tempVolumeId === null) continue;
      try {
        await this.driver.deleteVolume(r.tempVolumeId);
        this.records.set(key, { ...r, tempVolumeId: null });
      } catch (err) {
        this.log.warn({ err, volumeId: r.tempVolumeId }, "cannot delete a backup's temporary volume");
      }
    }
    await this.persist();
    this.log.info({ records: this.records.size, sweptTransfers: swept }, "state loaded");
    this.timer = setInterval(() => void this.resync(), this.options.resyncMs ?? 60_000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.inbox;
    await this.workers.close();
    await this.reporting;
  }

  /** Resolves when received messages are applied, no pass runs and the last report is out (tests). */
  async idle(): Promise<void> {
    await this.inbox;
    await this.workers.idle();
    await this.reporting;
  }

  onDesired(msg: VolumeDesired): void {
    this.inbox = this.inbox
      .then(() => this.applyDesired(msg))
      .catch((err: unknown) => this.log.error({ err }, "cannot apply desired state"));
  }

  /** Everything again; failures whose cause may pass get one more attempt. */
  resync(): Promise<void> {
    this.failures.allowRetries();
    this.inbox = this.inbox
      .then(() => this.kickAll(true))
      .then(() => this.scheduleReport())
      .catch((err: unknown) => this.log.error({ err }, "resync failed"));
    return this.inbox;
  }

  /** The volumes the last desired message asked for, by id (empty before the first): metering's sizes. */
  desiredVolumes(): ReadonlyMap<string, DesiredVolume> {
    return this.desired?.volumes ?? new Map();
  }

  /** What is on this host now, as reports and hellos carry it. */
  applied(): Promise<VolumeApplied> {
    return appliedState(this.driver, this.records);
  }

  /** The hello carries the applied state: later reports go out only when it changes. */
  helloSent(applied: VolumeApplied): void {
    this.lastReport = JSON.stringify(applied);
  }

  private async applyDesired(msg: VolumeDesired): Promise<void> {
    const desired = new DesiredIndex(msg);
    // The first message after a start looks at everything; later ones only at what changed.
    const everything = this.desired === undefined;
    this.desired = desired;
    for (const [key, r] of this.records) {
      if (this.workers.busy(key)) continue;
      // The control plane has recorded a job once it stops asking for it.
      if (r.kind === "upload" && !desired.uploads.has(key.slice("upload:".length))) this.records.delete(key);
      if (
        r.kind === "backup" &&
        r.tempVolumeId === null &&
        !desired.backups.has(key.slice("backup:".length))
      ) {
        this.records.delete(key);
      }
    }
    this.failures.prune(desired);
    await this.persist();
    await this.kickAll(everything);
    this.scheduleReport();
  }

  /**
   * Kicks the passes that have something to do. `everything` (the first
   * message, the resync) looks at every resource, which repairs drift (an
   * export daemon killed by hand); otherwise a volume converged at its
   * desired generation and an export already served are left alone, so a
   * desired message costs only what changed.
   */
  private async kickAll(everything: boolean): Promise<void> {
    const desired = this.desired;
    if (desired === undefined) return;
    for (const id of desired.volumeIds()) {
      if (everything || this.volumeChanged(id, desired)) this.workers.kick(passKey("volume", id));
    }
    for (const id of desired.uploads.keys()) this.workers.kick(passKey("upload", id));
    for (const id of desired.backups.keys()) this.workers.kick(passKey("backup", id));
    let served: Map<string, string>;
    try {
      served = new Map((await this.driver.listExports()).map((e) => [e.attachmentId, e.volumeId]));
    } catch (err) {
      this.log.warn({ err }, "cannot list exports");
      served = new Map();
      everything = true;
    }
    for (const [id, e] of desired.exports) {
      if (everything || served.get(id) !== e.volumeId) this.workers.kick(passKey("export", id));
    }
    // Exports served but no longer desired go now (they hold no data).
    for (const id of served.keys()) if (!desired.exports.has(id)) this.workers.kick(passKey("export", id));
  }

  /** Whether a volume may need work: not desired (tombstones), snapshots to delete, or a generation not yet converged. */
  private volumeChanged(id: string, desired: DesiredIndex): boolean {
    const d = desired.volumes.get(id);
    if (d === undefined || desired.deletedSnapshots.has(id)) return true;
    const record = this.records.get(volumeKey(id));
    return record?.kind !== "volume" || record.generation !== d.generation;
  }

  /** What waits for `volumeId`: volumes made from it, its exports and jobs. */
  private kickDependents(volumeId: string): void {
    const desired = this.desired;
    if (desired === undefined) return;
    for (const v of desired.dependentsOf(volumeId)) this.workers.kick(passKey("volume", v.id));
    for (const e of desired.exports.values())
      if (e.volumeId === volumeId) this.workers.kick(passKey("export", e.attachmentId));
    for (const u of desired.uploads.values())
      if (u.volumeId === volumeId) this.workers.kick(passKey("upload", u.imageId));
    for (const b of desired.backups.values())
      if (b.volumeId === volumeId) this.workers.kick(passKey("backup", b.backupId));
  }

  private async pass(key: string): Promise<void> {
    const desired = this.desired;
    if (desired === undefined) return;
    const at = key.indexOf(":");
    const kind = key.slice(0, at);
    const id = key.slice(at + 1);
    const log = this.log.child({ pass: key });
    try {
      if (kind === "volume") await this.volumePass(id, desired, log);
      else if (kind === "export") await this.exportPass(id, desired, log);
      else if (kind === "upload") await this.uploadPass(id, desired, log);
      else if (kind === "backup") await this.backupPass(id, desired, log);
    } catch (err) {
      // The passes record what they try themselves; this is the driver failing to even read its
      // state (qemu-img info on a damaged file): reported the same way, retried by the resync.
      const generation = desired.volumes.get(id)?.generation;
      const exported = desired.exports.get(id);
      if (kind === "volume" && generation !== undefined) {
        this.failures.record("volume", id, generation, err, log);
      } else if (kind === "export" && exported !== undefined) {
        const volumeGeneration = desired.volumes.get(exported.volumeId)?.generation ?? 0;
        this.failures.record("export", id, volumeGeneration, err, log);
      } else log.warn({ err }, "convergence pass failed");
    }
    await this.persist();
    this.scheduleReport();
  }

  // ---- volumes ----

  private async volumePass(id: string, desired: DesiredIndex, log: Logger): Promise<void> {
    const d = desired.volumes.get(id);
    for (const snapshotId of desired.deletedSnapshots.get(id) ?? []) {
      if (d?.snapshots.includes(snapshotId)) continue;
      try {
        await this.driver.deleteSnapshot({ volumeId: id, snapshotId });
        this.failures.clear("delete", snapshotId);
      } catch (err) {
        this.failures.record("delete", snapshotId, d?.generation ?? 0, err, log);
      }
    }
    if (d !== undefined) {
      if (desired.deletedVolumes.has(id)) log.warn("volume both desired and tombstoned: kept");
      await this.convergeVolume(d, desired, log);
    } else if (desired.deletedVolumes.has(id)) await this.deleteVolume(id, desired, log);
  }

  private async convergeVolume(d: DesiredVolume, desired: DesiredIndex, log: Logger): Promise<void> {
    let info = await this.findVolume(d.id);
    if (info === undefined) {
      if (this.failures.blocked("volume", d.id, d.generation)) return;
      if (await this.sourcePending(d, desired)) return;
      try {
        info = await createFromSource(this.driver, this.options.files, d);
        log.info({ source: d.source.kind, generation: d.generation }, "volume created");
      } catch (err) {
        this.failures.record("volume", d.id, d.generation, err, log);
        return;
      }
      this.kickDependents(d.id);
    }
    if (info.sizeBytes < d.sizeGb * GiB) {
      if (this.failures.blocked("volume", d.id, d.generation)) return;
      try {
        info = await this.driver.extendVolume({ volumeId: d.id, newSizeGib: d.sizeGb });
        log.info({ sizeGb: d.sizeGb }, "volume extended");
      } catch (err) {
        this.failures.record("volume", d.id, d.generation, err, log);
        return;
      }
    }
    this.failures.clear("volume", d.id);
    // The volume itself is converged; snapshots fail (and are reported) one by one.
    this.records.set(volumeKey(d.id), { kind: "volume", generation: d.generation });
    let made = false;
    for (const snapshotId of d.snapshots) {
      if (info.snapshots.some((s) => s.id === snapshotId) || desired.snapshotDeleted(snapshotId)) continue;
      if (this.failures.blocked("snapshot", snapshotId, d.generation)) continue;
      try {
        await this.driver.createSnapshot({ volumeId: d.id, snapshotId });
        this.failures.clear("snapshot", snapshotId);
        made = true;
      } catch (err) {
        this.failures.record("snapshot", snapshotId, d.generation, err, log);
      }
    }
    if (made) this.kickDependents(d.id);
  }

  /** A clone whose source volume or snapshot is itself still being made here waits for it. */
  private async sourcePending(d: DesiredVolume, desired: DesiredIndex): Promise<boolean> {
    const { source } = d;
    if (source.kind !== "volume" && source.kind !== "snapshot") return false;
    const wanted = desired.volumes.get(source.volumeId);
    if (wanted === undefined) return false;
    const found = await this.findVolume(source.volumeId);
    if (found === undefined) return !this.failures.has("volume", source.volumeId);
    if (source.kind === "volume") return false;
    return (
      wanted.snapshots.includes(source.snapshotId) &&
      !found.snapshots.some((s) => s.id === source.snapshotId) &&
      !this.failures.has("snapshot", source.snapshotId)
    );
  }

  private async deleteVolume(id: string, desired: DesiredIndex, log: Logger): Promise<void> {
    const record = this.records.get(volumeKey(id));
    const generation = record?.kind === "volume" ? record.generation : 0;
    try {
      const exports = (await this.driver.listExports()).filter((e) => e.volumeId === id);
      const kept = exports.filter((e) => desired.exports.has(e.attachmentId));
      if (kept.length > 0) {
        const ids = kept.map((e) => e.attachmentId).join(", ");
        throw new Error(`volume ${id} is exported to attachment ${ids}, which is still desired`);
      }
      for (const e of exports) await this.driver.unexport(e.attachmentId);
      await this.driver.deleteVolume(id);
    } catch (err) {
      this.failures.record("delete", id, generation, err, log);
      return;
    }
    log.info("volume deleted");
    this.records.delete(volumeKey(id));
    this.failures.clear("delete", id);
  }

  // ---- exports ----

  private async exportPass(attachmentId: string, desired: DesiredIndex, log: Logger): Promise<void> {
    const want = desired.exports.get(attachmentId);
    if (want === undefined) {
      const served = (await this.driver.listExports()).find((e) => e.attachmentId === attachmentId);
      if (served === undefined) return;
      try {
        await this.driver.unexport(attachmentId);
      } catch (err) {
        this.failures.record("export", attachmentId, 0, err, log);
        return;
      }
      log.info({ volumeId: served.volumeId }, "export removed");
      this.failures.clear("export", attachmentId);
      // Another attachment of the volume may have waited for this one to go (no multiattach).
      this.kickDependents(served.volumeId);
      return;
    }
    const generation = desired.volumes.get(want.volumeId)?.generation ?? 0;
    // A tombstoned volume whose export is still desired stays served: its delete reports the conflict.
    const volume = await this.findVolume(want.volumeId);
    if (volume === undefined) {
      // Still being made: its pass kicks this one when done.
      if (desired.volumes.has(want.volumeId) && !this.failures.has("volume", want.volumeId)) return;
      this.failures.record(
        "export",
        attachmentId,
        generation,
        new Error(`volume ${want.volumeId} is not on this host`),
        log,
      );
      return;
    }
    try {
      const served = await this.driver.export(want.volumeId, { attachmentId, readOnly: want.readOnly });
      if (this.failures.clear("export", attachmentId) || !this.exported.has(attachmentId)) {
        log.info({ volumeId: want.volumeId, port: served.port, for: want.attachedHost }, "volume exported");
      }
      this.exported.add(attachmentId);
    } catch (err) {
      this.failures.record("export", attachmentId, generation, err, log);
    }
  }

  // ---- one-shot jobs ----

  /** The job's volume, or why the job cannot run; undefined while the volume is still being made here. */
  private async jobVolume(
    volumeId: string,
    desired: DesiredIndex,
  ): Promise<{ volume: VolumeInfo } | { error: string } | undefined> {
    const volume = await this.findVolume(volumeId);
    if (volume !== undefined) return { volume };
    const failure = this.failures.get("volume", volumeId);
    if (failure !== undefined) return { error: `volume ${volumeId} failed: ${failure.message}` };
    if (desired.volumes.has(volumeId)) return undefined;
    return { error: `volume ${volumeId} is not on this host` };
  }

  private async uploadPass(imageId: string, desired: DesiredIndex, log: Logger): Promise<void> {
    const job = desired.uploads.get(imageId);
    if (job === undefined || this.records.has(uploadKey(imageId))) return;
    const found = await this.jobVolume(job.volumeId, desired);
    if (found === undefined) return;
    let result: { imageId: string; ok: boolean; message?: string };
    if ("error" in found) result = { imageId, ok: false, message: found.error.slice(0, MAX_MESSAGE) };
    else {
      try {
        await runUpload(this.jobContext(log), job);
        result = { imageId, ok: true };
        log.info({ volumeId: job.volumeId }, "volume uploaded to image");
      } catch (err) {
        log.warn({ err }, "upload to image failed");
        result = { imageId, ok: false, message: errorText(err) };
      }
    }
    if (this.desired?.uploads.has(imageId)) this.records.set(uploadKey(imageId), { kind: "upload", result });
  }

  private async backupPass(backupId: string, desired: DesiredIndex, log: Logger): Promise<void> {
    const job = desired.backups.get(backupId);
    const key = backupKey(backupId);
    const existing = this.records.get(key);
    if (job === undefined || (existing?.kind === "backup" && existing.result !== null)) return;
    const found = await this.jobVolume(job.volumeId, desired);
    if (found === undefined) return;
    const { snapshotId } = job;
    if (
      "volume" in found &&
      snapshotId !== null &&
      !found.volume.snapshots.some((s) => s.id === snapshotId) &&
      desired.volumes.get(job.volumeId)?.snapshots.includes(snapshotId) === true &&
      !this.failures.has("snapshot", snapshotId)
    ) {
      return; // The snapshot is still being made: its volume's pass kicks this one.
    }
    let result: { backupId: string; ok: boolean; sizeBytes?: number; message?: string };
    if ("error" in found) result = { backupId, ok: false, message: found.error.slice(0, MAX_MESSAGE) };
    else {
      try {
        const sizeBytes = await runBackup(this.jobContext(log), job, found.volume, async (tempVolumeId) => {
          this.records.set(key, { kind: "backup", tempVolumeId, result: null });
          await this.persist();
        });
        result = { backupId, ok: true, sizeBytes };
        log.info({ volumeId: job.volumeId, snapshotId: job.snapshotId, sizeBytes }, "volume backed up");
      } catch (err) {
        log.warn({ err }, "backup failed");
        result = { backupId, ok: false, message: errorText(err) };
      }
    }
    const record = this.records.get(key);
    const tempVolumeId = record?.kind === "backup" ? record.tempVolumeId : null;
    if (this.desired?.backups.has(backupId) || tempVolumeId !== null) {
      this.records.set(key, { kind: "backup", tempVolumeId, result });
    } else this.records.delete(key);
  }

  private jobContext(log: Logger) {
    return { driver: this.driver, files: this.options.files, logger: log };
  }

  private async findVolume(id: string): Promise<VolumeInfo | undefined> {
    try {
      return await this.driver.getVolume(id);
    } catch (err) {
      if (isVolumeDriverError(err, "NotFound")) return undefined;
      throw err;
    }
  }

  // ---- reports ----

  /** One report after a burst of passes: reports queued while one is built share the next. */
  private scheduleReport(): void {
    if (this.reportQueued) return;
    this.reportQueued = true;
    this.reporting = this.reporting
      .then(async () => {
        this.reportQueued = false;
        const applied = await this.applied();
        const text = JSON.stringify(applied);
        if (text === this.lastReport) return;
        this.lastReport = text;
        this.options.send({ type: "report", applied });
      })
      .catch((err: unknown) => this.log.warn({ err }, "cannot build a report"));
  }

  private persist(): Promise<void> {
    return this.store.save(() => this.records);
  }
}
