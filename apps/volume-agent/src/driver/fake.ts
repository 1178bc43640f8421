/**
 * An in-memory volume driver with the file driver's behaviour (sizes,
 * snapshots, exports with fake endpoints, errors), for fast tests of the
 * layers above. Nothing is read or written except where a method takes a
 * path (`copyToImage` writes a small placeholder file; an image source must
 * exist). A "restart" is a new driver on the same `FakeVolumeHost`.
 */
import { createHash, randomBytes } from "node:crypto";
import { stat, writeFile } from "node:fs/promises";
import { VolumeDriverError, type VolumeDriverErrorCode } from "./errors.ts";
import { KeyedQueue } from "./keyed-queue.ts";
import { parseArg } from "./parse.ts";
import {
  attachmentIdSchema,
  type CopyToImageRequest,
  type CopyToImageResult,
  type CreateVolumeRequest,
  copyToImageRequestSchema,
  createVolumeRequestSchema,
  type ExportInfo,
  type ExportRequest,
  type ExtendVolumeRequest,
  exportRequestSchema,
  extendVolumeRequestSchema,
  GiB,
  type SnapshotInfo,
  type SnapshotRef,
  type StorageCapacity,
  type StorageUsage,
  snapshotRefSchema,
  type VolumeDriverCapabilities,
  type VolumeFormat,
  type VolumeInfo,
  volumeIdSchema,
} from "./schemas.ts";
import type { VolumeDriver, VolumeDriverOperation } from "./types.ts";

interface FakeVolume {
  format: VolumeFormat;
  sizeBytes: number;
  /** What a copy filled; an empty volume allocates nothing (thin, like qcow2). */
  allocatedBytes: number;
  snapshots: SnapshotInfo[];
}

/** What outlives one fake driver instance: the "disk" of a fake volume host. */
export class FakeVolumeHost {
  readonly volumes = new Map<string, FakeVolume>();
  readonly exports = new Map<string, ExportInfo>();
  nextPort = 10809;

  constructor(readonly totalBytes = 1024 * GiB) {}
}

export interface FakeVolumeDriverOptions {
  host?: FakeVolumeHost;
  /** The address exports report. */
  exportHost?: string;
  /** Milliseconds, only growing: the clock of the simulated guest writes (see `usage`). */
  now?: () => number;
}

/** A guest writes into its attached volume at 64 KiB/s to 1 MiB/s, the same rate for the same volume. */
const MIN_WRITE_RATE = 64 * 1024;
const MAX_WRITE_RATE = 1024 * 1024;

function writeRate(volumeId: string): number {
  const unit = createHash("sha256").update(volumeId).digest().readUInt32BE(0) / 0x1_0000_0000;
  return MIN_WRITE_RATE + unit * (MAX_WRITE_RATE - MIN_WRITE_RATE);
}

export class FakeVolumeDriver implements VolumeDriver {
  readonly capabilities: VolumeDriverCapabilities = {
    volumeFormats: ["qcow2", "raw"],
    snapshotFormats: ["qcow2"],
    extendWhileExported: true,
    snapshotWhileExported: true,
    multiattach: false,
  };

  readonly host: FakeVolumeHost;
  private readonly exportHost: string;
  private readonly queue = new KeyedQueue();
  private readonly faults = new Map<VolumeDriverOperation, VolumeDriverErrorCode>();
  private ready = false;
  private readonly now: () => number;
  /** Until when each writable export's simulated writes are counted in its volume's allocation. */
  private readonly writtenUntil = new Map<string, number>();

  constructor(options: FakeVolumeDriverOptions = {}) {
    this.host = options.host ?? new FakeVolumeHost();
    this.exportHost = options.exportHost ?? "127.0.0.1";
    this.now = options.now ?? (() => performance.now());
  }

  /** The next call of `op` fails with `code` before changing anything (fault injection for callers' tests). */
  failNext(op: VolumeDriverOperation, code: VolumeDriverErrorCode = "OperationFailed"): void {
    this.faults.set(op, code);
  }

  async init(): Promise<void> {
    this.fault("init");
    this.ready = true;
  }

  async close(): Promise<void> {
    this.ready = false;
  }

  async capacity(): Promise<StorageCapacity> {
    this.enter("capacity");
    const volumes = [...this.host.volumes.values()];
    const allocatedBytes = volumes.reduce((sum, v) => sum + v.allocatedBytes, 0);
    return {
      totalBytes: this.host.totalBytes,
      freeBytes: Math.max(0, this.host.totalBytes - allocatedBytes),
      provisionedBytes: volumes.reduce((sum, v) => sum + v.sizeBytes, 0),
      allocatedBytes,
    };
  }

  /**
   * A volume attached writable fills as a guest would write to it: its
   * allocation grows with the time it has been exported (by this driver
   * instance), up to its size; applied on each read, so every other call
   * sees the same numbers.
   */
  async usage(): Promise<StorageUsage> {
    this.enter("usage");
    this.simulateGuestWrites();
    const volumes = [...this.host.volumes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, v]) => ({ id, allocatedBytes: v.allocatedBytes }));
    const used = volumes.reduce((sum, v) => sum + v.allocatedBytes, 0);
    return { totalBytes: this.host.totalBytes, usedBytes: Math.min(used, this.host.totalBytes), volumes };
  }

  async listVolumes(): Promise<VolumeInfo[]> {
    this.enter("listVolumes");
    return [...this.host.volumes.keys()].sort().map((id) => this.describe(id));
  }

  async getVolume(volumeId: string): Promise<VolumeInfo> {
    this.enter("getVolume");
    const id = parseArg(volumeIdSchema, volumeId, "volume id");
    this.mustGet(id);
    return this.describe(id);
  }

  async createVolume(request: CreateVolumeRequest): Promise<VolumeInfo> {
    this.enter("createVolume");
    const req = parseArg(createVolumeRequestSchema, request, "create request");
    const sizeBytes = req.sizeGib * GiB;
    return await this.queue.run(req.volumeId, async () => {
      if (this.host.volumes.has(req.volumeId)) {
        throw new VolumeDriverError("AlreadyExists", `volume ${req.volumeId} exists`);
      }
      let allocated = 0;
      const { source } = req;
      if (source.kind === "image") {
        const size = await stat(source.path).then(
          (s) => s.size,
          (err: unknown) => {
            throw new VolumeDriverError("InvalidRequest", `image is not a readable ${source.format} file`, {
              cause: err,
            });
          },
        );
        if (source.format === "raw" && size > sizeBytes) {
          throw new VolumeDriverError(
            "InvalidRequest",
            `image needs ${size} bytes, more than the volume's size`,
          );
        }
        allocated = size;
      } else if (source.kind === "snapshot") {
        const snap = this.host.volumes
          .get(source.volumeId)
          ?.snapshots.find((s) => s.id === source.snapshotId);
        if (snap === undefined)
          throw new VolumeDriverError("NotFound", `snapshot ${source.snapshotId} not found`);
        if (snap.sizeBytes > sizeBytes) {
          throw new VolumeDriverError("InvalidRequest", `snapshot ${snap.id} is bigger than the new volume`);
        }
        allocated = this.mustGet(source.volumeId).allocatedBytes;
      } else if (source.kind === "volume") {
        const src = this.mustGet(source.volumeId);
        if (src.format === "raw" && this.exportsOf(source.volumeId).length > 0) {
          throw new VolumeDriverError("InvalidState", `volume ${source.volumeId} is raw and exported`);
        }
        if (src.sizeBytes > sizeBytes) {
          throw new VolumeDriverError(
            "InvalidRequest",
            `volume ${source.volumeId} is bigger than the new volume`,
          );
        }
        allocated = src.allocatedBytes;
      }
      const capacity = await this.capacity();
      if (allocated > capacity.freeBytes) throw new VolumeDriverError("NoSpace", "not enough free space");
      this.host.volumes.set(req.volumeId, {
        format: req.format,
        sizeBytes,
        allocatedBytes: allocated,
        snapshots: [],
      });
      return this.describe(req.volumeId);
    });
  }

  async deleteVolume(volumeId: string): Promise<void> {
    this.enter("deleteVolume");
    const id = parseArg(volumeIdSchema, volumeId, "volume id");
    await this.queue.run(id, async () => {
      if (this.exportsOf(id).length > 0) {
        throw new VolumeDriverError(
          "InvalidState",
          `volume ${id} is exported: unexport it before it can be deleted`,
        );
      }
      this.host.volumes.delete(id);
    });
  }

  async extendVolume(request: ExtendVolumeRequest): Promise<VolumeInfo> {
    this.enter("extendVolume");
    const req = parseArg(extendVolumeRequestSchema, request, "extend request");
    return await this.queue.run(req.volumeId, async () => {
      const vol = this.mustGet(req.volumeId);
      const newSize = req.newSizeGib * GiB;
      if (newSize < vol.sizeBytes)
        throw new VolumeDriverError("InvalidRequest", `volume ${req.volumeId} cannot shrink`);
      vol.sizeBytes = newSize;
      return this.describe(req.volumeId);
    });
  }

  async createSnapshot(ref: SnapshotRef): Promise<SnapshotInfo> {
    this.enter("createSnapshot");
    const { volumeId, snapshotId } = parseArg(snapshotRefSchema, ref, "snapshot");
    return await this.queue.run(volumeId, async () => {
      const vol = this.mustGet(volumeId);
      if (vol.format !== "qcow2") {
        throw new VolumeDriverError(
          "InvalidRequest",
          `volume ${volumeId} is raw: raw volumes have no snapshots`,
        );
      }
      if (vol.snapshots.some((s) => s.id === snapshotId)) {
        throw new VolumeDriverError("AlreadyExists", `snapshot ${snapshotId} exists`);
      }
      // Whole seconds, as qcow2 records them.
      const createdAt = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
      const snap: SnapshotInfo = { id: snapshotId, volumeId, sizeBytes: vol.sizeBytes, createdAt };
      vol.snapshots.push(snap);
      return { ...snap };
    });
  }

  async deleteSnapshot(ref: SnapshotRef): Promise<void> {
    this.enter("deleteSnapshot");
    const { volumeId, snapshotId } = parseArg(snapshotRefSchema, ref, "snapshot");
    await this.queue.run(volumeId, async () => {
      const vol = this.host.volumes.get(volumeId);
      if (vol !== undefined) vol.snapshots = vol.snapshots.filter((s) => s.id !== snapshotId);
    });
  }

  async copyToImage(request: CopyToImageRequest): Promise<CopyToImageResult> {
    this.enter("copyToImage");
    const req = parseArg(copyToImageRequestSchema, request, "copy request");
    return await this.queue.run(req.volumeId, async () => {
      const vol = this.mustGet(req.volumeId);
      if (vol.format === "raw" && this.exportsOf(req.volumeId).length > 0) {
        throw new VolumeDriverError(
          "InvalidState",
          `volume ${req.volumeId} is raw and exported: unexport it to copy it`,
        );
      }
      const body = JSON.stringify({ fakeVolumeImage: req.volumeId, sizeBytes: vol.sizeBytes });
      await writeFile(req.path, body);
      return { format: req.format, sizeBytes: Buffer.byteLength(body), virtualSizeBytes: vol.sizeBytes };
    });
  }

  async export(volumeId: string, request: ExportRequest): Promise<ExportInfo> {
    this.enter("export");
    const id = parseArg(volumeIdSchema, volumeId, "volume id");
    const req = parseArg(exportRequestSchema, request, "export request");
    return await this.queue.run(id, async () => {
      const existing = this.host.exports.get(req.attachmentId);
      if (existing !== undefined) {
        if (existing.volumeId !== id) {
          throw new VolumeDriverError(
            "InvalidRequest",
            `attachment ${req.attachmentId} exports another volume`,
          );
        }
        return { ...existing };
      }
      this.mustGet(id);
      if (this.exportsOf(id).length > 0) {
        throw new VolumeDriverError(
          "InvalidState",
          `volume ${id} is exported to another attachment (no multiattach)`,
        );
      }
      const info: ExportInfo = {
        attachmentId: req.attachmentId,
        volumeId: id,
        readOnly: req.readOnly,
        host: this.exportHost,
        port: this.host.nextPort++,
        exportName: `volume-${id}`,
        tlsUsername: `attachment-${req.attachmentId}`,
        secret: randomBytes(32).toString("hex"),
      };
      this.host.exports.set(req.attachmentId, info);
      this.writtenUntil.set(req.attachmentId, this.now());
      return { ...info };
    });
  }

  async unexport(attachmentId: string): Promise<void> {
    this.enter("unexport");
    const id = parseArg(attachmentIdSchema, attachmentId, "attachment id");
    this.host.exports.delete(id);
  }

  async listExports(): Promise<ExportInfo[]> {
    this.enter("listExports");
    return [...this.host.exports.values()].map((e) => ({ ...e }));
  }

  private fault(op: VolumeDriverOperation): void {
    const code = this.faults.get(op);
    if (code === undefined) return;
    this.faults.delete(op);
    throw new VolumeDriverError(code, `injected fault in ${op}`);
  }

  private simulateGuestWrites(): void {
    const now = this.now();
    const live = new Set<string>();
    for (const e of this.host.exports.values()) {
      const vol = this.host.volumes.get(e.volumeId);
      if (e.readOnly || vol === undefined) continue;
      live.add(e.attachmentId);
      const since = this.writtenUntil.get(e.attachmentId) ?? now;
      const written = Math.floor((writeRate(e.volumeId) * Math.max(0, now - since)) / 1000);
      vol.allocatedBytes = Math.min(vol.sizeBytes, vol.allocatedBytes + written);
      this.writtenUntil.set(e.attachmentId, now);
    }
    for (const id of this.writtenUntil.keys()) if (!live.has(id)) this.writtenUntil.delete(id);
  }

  private enter(op: VolumeDriverOperation): void {
    if (!this.ready) throw new VolumeDriverError("InvalidState", "volume driver not initialised (call init)");
    this.fault(op);
  }

  private mustGet(volumeId: string): FakeVolume {
    const vol = this.host.volumes.get(volumeId);
    if (vol === undefined) throw new VolumeDriverError("NotFound", `volume ${volumeId} not found`);
    return vol;
  }

  private exportsOf(volumeId: string): ExportInfo[] {
    return [...this.host.exports.values()].filter((e) => e.volumeId === volumeId);
  }

  private describe(volumeId: string): VolumeInfo {
    const vol = this.mustGet(volumeId);
    return {
      id: volumeId,
      format: vol.format,
      sizeBytes: vol.sizeBytes,
      allocatedBytes: vol.allocatedBytes,
      snapshots: vol.snapshots.map((s) => ({ ...s })),
    };
  }
}
