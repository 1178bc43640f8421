/**
 * The real volume driver: volumes are qcow2 or raw files in a storage folder
 * (layout in `file/layout.ts`), made and changed with `qemu-img`, exported
 * over NBD by one `qemu-storage-daemon` per attachment with TLS-PSK.
 *
 * Snapshots are qcow2 internal snapshots. Why not backing-file overlays:
 * a live export holds the volume file open through the daemon, and an
 * overlay snapshot would have to swap the file the daemon serves (QMP
 * `blockdev-snapshot-sync`), then leave a chain that every later delete must
 * merge with block-commit/stream in the right order. An internal snapshot
 * keeps the volume one file at one path: the daemon creates and deletes it
 * live by QMP (`blockdev-snapshot-internal-sync`), atomically, in any order,
 * and qemu-img does it when nothing serves the volume. Raw volumes have no
 * snapshots (capabilities say so).
 *
 * While a volume is exported the daemon holds its file locked, so every
 * change goes through the daemon's QMP socket, and reads (copies from the
 * volume or a snapshot) read an internal snapshot with `-U`: its clusters
 * never change while it exists, so the copy is consistent.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, rename, rm, stat, statfs } from "node:fs/promises";
import type { Logger } from "@zenith/core/logger";
import { asVolumeDriverError, VolumeDriverError } from "./errors.ts";
import { EXPORT_ID, exportAddArgs, VOLUME_NODE } from "./file/daemon.ts";
import { type ExportEntry, ExportManager } from "./file/exports.ts";
import { isMissing, parseVolumeFileName, StorageLayout } from "./file/layout.ts";
import { QemuImg, qemuFormatOf, type ReadOptions } from "./file/qemu-img.ts";
import { withQmp } from "./file/qmp.ts";
import { parseSnapshot, snapshotName, TEMP_SNAPSHOT_PREFIX } from "./file/snapshot-names.ts";
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
import type { VolumeDriver } from "./types.ts";

export interface FileVolumeDriverOptions {
  /** The storage folder (created if missing). */
  storageDir: string;
  /** Address export daemons listen on. Default 127.0.0.1 (one-host clouds). */
  bindAddress?: string;
  /** Address compute hosts dial. Default: `bindAddress`. */
  advertiseHost?: string;
  qemuImgBinary?: string;
  storageDaemonBinary?: string;
  /** Bound on one qemu-img run (copies of big volumes take long). Default 30 min. */
  toolTimeoutMs?: number;
  /** Bound on a daemon start and each QMP reply. Default 30 s. */
  daemonTimeoutMs?: number;
  logger: Logger;
}

interface VolumeFile {
  id: string;
  format: VolumeFormat;
  path: string;
}

/** Where a copy reads from: the file plus how (format, lock sharing, snapshot). */
type ReadSource = ReadOptions & { path: string };

export class FileVolumeDriver implements VolumeDriver {
  readonly capabilities: VolumeDriverCapabilities = {
    volumeFormats: ["qcow2", "raw"],
    snapshotFormats: ["qcow2"],
    extendWhileExported: true,
    snapshotWhileExported: true,
    multiattach: false,
  };

  private readonly layout: StorageLayout;
  private readonly img: QemuImg;
  private readonly exports: ExportManager;
  private readonly queue = new KeyedQueue();
  private readonly bindAddress: string;
  private readonly advertiseHost: string;
  private readonly qmpTimeoutMs: number;
  private readonly logger: Logger;
  private ready = false;

  constructor(options: FileVolumeDriverOptions) {
    this.layout = new StorageLayout(options.storageDir);
    this.img = new QemuImg(options.qemuImgBinary ?? "qemu-img", options.toolTimeoutMs ?? 30 * 60_000);
    this.bindAddress = options.bindAddress ?? "127.0.0.1";
    this.advertiseHost = options.advertiseHost ?? this.bindAddress;
    this.qmpTimeoutMs = options.daemonTimeoutMs ?? 30_000;
    this.logger = options.logger;
    this.exports = new ExportManager({
      layout: this.layout,
      daemonBinary: options.storageDaemonBinary ?? "qemu-storage-daemon",
      volumePath: (id, format) => this.layout.volumePath(id, format),
      startTimeoutMs: this.qmpTimeoutMs,
      stopGraceMs: 5_000,
      logger: this.logger,
    });
  }

  async init(): Promise<void> {
    if (this.ready) return;
    await this.guard("init", async () => {
      await mkdir(this.layout.volumesDir, { recursive: true, mode: 0o700 });
      // Volumes half made by an agent that died: nobody was told they exist.
      for (const name of await readdir(this.layout.volumesDir)) {
        if (name.startsWith(".") && name.endsWith(".part"))
          await rm(`${this.layout.volumesDir}/${name}`, { force: true });
      }
      await this.exports.load();
      await this.dropTempSnapshots();
    });
    this.ready = true;
  }

  async close(): Promise<void> {
    this.ready = false;
  }

  async capacity(): Promise<StorageCapacity> {
    this.checkReady();
    return await this.guard("capacity", async () => {
      const fs = await statfs(this.layout.volumesDir);
      const volumes = await this.listVolumesNow();
      return {
        totalBytes: fs.blocks * fs.bsize,
        freeBytes: fs.bavail * fs.bsize,
        provisionedBytes: volumes.reduce((sum, v) => sum + v.sizeBytes, 0),
        allocatedBytes: volumes.reduce((sum, v) => sum + v.allocatedBytes, 0),
      };
    });
  }

  /** The allocated blocks of each volume file (qcow2 clusters and sparse raw files both count what is written). */
  async usage(): Promise<StorageUsage> {
    this.checkReady();
    return await this.guard("usage", async () => {
      const fs = await statfs(this.layout.volumesDir);
      const volumes: StorageUsage["volumes"] = [];
      for (const name of await readdir(this.layout.volumesDir)) {
        const parsed = parseVolumeFileName(name);
        if (parsed === undefined) continue;
        try {
          const { blocks } = await stat(this.layout.volumePath(parsed.volumeId, parsed.format));
          volumes.push({ id: parsed.volumeId, allocatedBytes: blocks * 512 });
        } catch (err) {
          // Deleted between readdir and stat: simply not there any more.
          if (!isMissing(err)) throw err;
        }
      }
      return { totalBytes: fs.blocks * fs.bsize, usedBytes: (fs.blocks - fs.bfree) * fs.bsize, volumes };
    });
  }

  async listVolumes(): Promise<VolumeInfo[]> {
    this.checkReady();
    return await this.guard("listVolumes", () => this.listVolumesNow());
  }

  async getVolume(volumeId: string): Promise<VolumeInfo> {
    this.checkReady();
    const id = parseArg(volumeIdSchema, volumeId, "volume id");
    return await this.guard("getVolume", async () => this.describe(await this.mustFind(id)));
  }

  async createVolume(request: CreateVolumeRequest): Promise<VolumeInfo> {
    this.checkReady();
    const req = parseArg(createVolumeRequestSchema, request, "create request");
    const sizeBytes = req.sizeGib * GiB;
    return await this.queue.run(req.volumeId, () =>
      this.guard("createVolume", async () => {
        if ((await this.find(req.volumeId)) !== undefined) {
          throw new VolumeDriverError("AlreadyExists", `volume ${req.volumeId} exists`);
        }
        const part = this.layout.partPath(req.volumeId);
        const target = this.layout.volumePath(req.volumeId, req.format);
        try {
          const { source } = req;
          if (source.kind === "empty") {
            await this.img.create(part, req.format, sizeBytes);
          } else if (source.kind === "image") {
            await this.copyFromImage(source.path, qemuFormatOf[source.format], part, req.format, sizeBytes);
          } else if (source.kind === "snapshot") {
            await this.queue.run(source.volumeId, () =>
              this.copyFromSnapshot(source.volumeId, source.snapshotId, part, req.format, sizeBytes),
            );
          } else {
            await this.queue.run(source.volumeId, async () => {
              const from = await this.describe(await this.mustFind(source.volumeId));
              if (from.sizeBytes > sizeBytes) {
                throw new VolumeDriverError(
                  "InvalidRequest",
                  `volume ${from.id} is bigger (${from.sizeBytes} bytes) than the new volume`,
                );
              }
              await this.pointInTime(source.volumeId, (src) => this.copyTo(src, part, req.format, sizeBytes));
            });
          }
          await rename(part, target);
        } finally {
          await rm(part, { force: true });
        }
        this.logger.info(
          { volumeId: req.volumeId, source: req.source.kind, sizeGib: req.sizeGib },
          "volume created",
        );
        return await this.describe({ id: req.volumeId, format: req.format, path: target });
      }),
    );
  }

  async deleteVolume(volumeId: string): Promise<void> {
    this.checkReady();
    const id = parseArg(volumeIdSchema, volumeId, "volume id");
    await this.queue.run(id, () =>
      this.guard("deleteVolume", async () => {
        this.refuseIfExported(id, "deleted");
        await rm(this.layout.volumePath(id, "qcow2"), { force: true });
        await rm(this.layout.volumePath(id, "raw"), { force: true });
        this.logger.info({ volumeId: id }, "volume deleted");
      }),
    );
  }

  async extendVolume(request: ExtendVolumeRequest): Promise<VolumeInfo> {
    this.checkReady();
    const req = parseArg(extendVolumeRequestSchema, request, "extend request");
    const newSize = req.newSizeGib * GiB;
    return await this.queue.run(req.volumeId, () =>
      this.guard("extendVolume", async () => {
        const vol = await this.mustFind(req.volumeId);
        const current = (await this.img.info(vol.path, vol.format, true))["virtual-size"];
        if (newSize < current) {
          throw new VolumeDriverError(
            "InvalidRequest",
            `volume ${vol.id} cannot shrink from ${current} to ${newSize} bytes`,
          );
        }
        if (newSize > current) {
          const live = this.exports.ofVolume(vol.id)[0];
          if (live !== undefined) await this.resizeLive(live, newSize);
          else await this.img.resize(vol.path, vol.format, newSize);
          this.logger.info(
            { volumeId: vol.id, newSizeGib: req.newSizeGib, live: live !== undefined },
            "volume extended",
          );
        }
        return await this.describe(vol);
      }),
    );
  }

  async createSnapshot(ref: SnapshotRef): Promise<SnapshotInfo> {
    this.checkReady();
    const { volumeId, snapshotId } = parseArg(snapshotRefSchema, ref, "snapshot");
    return await this.queue.run(volumeId, () =>
      this.guard("createSnapshot", async () => {
        const vol = await this.mustFind(volumeId);
        if (vol.format !== "qcow2") {
          throw new VolumeDriverError(
            "InvalidRequest",
            `volume ${volumeId} is raw: raw volumes have no snapshots`,
          );
        }
        const before = await this.describe(vol);
        if (before.snapshots.some((s) => s.id === snapshotId)) {
          throw new VolumeDriverError("AlreadyExists", `snapshot ${snapshotId} exists`);
        }
        const name = snapshotName(snapshotId, before.sizeBytes);
        await this.snapshotOp(vol, name, "create");
        const made = (await this.describe(vol)).snapshots.find((s) => s.id === snapshotId);
        if (made === undefined) throw new Error(`snapshot ${snapshotId} missing after creation`);
        this.logger.info({ volumeId, snapshotId }, "snapshot created");
        return made;
      }),
    );
  }

  async deleteSnapshot(ref: SnapshotRef): Promise<void> {
    this.checkReady();
    const { volumeId, snapshotId } = parseArg(snapshotRefSchema, ref, "snapshot");
    await this.queue.run(volumeId, () =>
      this.guard("deleteSnapshot", async () => {
        const vol = await this.find(volumeId);
        if (vol === undefined || vol.format !== "qcow2") return;
        const snap = (await this.snapshotsOf(vol)).find((s) => s.id === snapshotId);
        if (snap === undefined) return;
        await this.snapshotOp(vol, snap.name, "delete");
        this.logger.info({ volumeId, snapshotId }, "snapshot deleted");
      }),
    );
  }

  async copyToImage(request: CopyToImageRequest): Promise<CopyToImageResult> {
    this.checkReady();
    const req = parseArg(copyToImageRequestSchema, request, "copy request");
    return await this.queue.run(req.volumeId, () =>
      this.guard("copyToImage", async () => {
        const tmp = `${req.path}.${randomUUID().slice(0, 8)}.part`;
        try {
          await this.pointInTime(req.volumeId, (src) => this.img.convert(src.path, src, tmp, req.format));
          await rename(tmp, req.path);
        } catch (err) {
          await rm(tmp, { force: true });
          await rm(req.path, { force: true });
          throw err;
        }
        const info = await this.img.info(req.path, req.format);
        return {
          format: req.format,
          sizeBytes: (await stat(req.path)).size,
          virtualSizeBytes: info["virtual-size"],
        };
      }),
    );
  }

  async export(volumeId: string, request: ExportRequest): Promise<ExportInfo> {
    this.checkReady();
    const id = parseArg(volumeIdSchema, volumeId, "volume id");
    const req = parseArg(exportRequestSchema, request, "export request");
    return await this.queue.run(id, () =>
      this.guard("export", async () => {
        const existing = this.exports.get(req.attachmentId);
        if (existing !== undefined) {
          if (existing.record.volumeId !== id) {
            throw new VolumeDriverError(
              "InvalidRequest",
              `attachment ${req.attachmentId} exports another volume`,
            );
          }
          await this.exports.ensureRunning(existing);
          return this.exports.info(existing);
        }
        const vol = await this.mustFind(id);
        if (this.exports.ofVolume(id).length > 0) {
          throw new VolumeDriverError(
            "InvalidState",
            `volume ${id} is exported to another attachment (no multiattach)`,
          );
        }
        const entry = await this.exports.create({
          attachmentId: req.attachmentId,
          volumeId: id,
          format: vol.format,
          readOnly: req.readOnly,
          bindAddress: this.bindAddress,
          host: this.advertiseHost,
        });
        return this.exports.info(entry);
      }),
    );
  }

  async unexport(attachmentId: string): Promise<void> {
    this.checkReady();
    const id = parseArg(attachmentIdSchema, attachmentId, "attachment id");
    const entry = this.exports.get(id);
    if (entry === undefined) return;
    await this.queue.run(entry.record.volumeId, () =>
      this.guard("unexport", async () => {
        await this.exports.remove(entry);
        this.logger.info({ attachmentId: id, volumeId: entry.record.volumeId }, "export removed");
      }),
    );
  }

  async listExports(): Promise<ExportInfo[]> {
    this.checkReady();
    return this.exports.all().map((e) => this.exports.info(e));
  }

  // --- helpers -------------------------------------------------------------

  private checkReady(): void {
    if (!this.ready) throw new VolumeDriverError("InvalidState", "volume driver not initialised (call init)");
  }

  private async guard<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw asVolumeDriverError(err, what);
    }
  }

  private refuseIfExported(volumeId: string, verb: string): void {
    if (this.exports.ofVolume(volumeId).length > 0) {
      throw new VolumeDriverError(
        "InvalidState",
        `volume ${volumeId} is exported: unexport it before it can be ${verb}`,
      );
    }
  }

  private async find(volumeId: string): Promise<VolumeFile | undefined> {
    for (const format of ["qcow2", "raw"] as const) {
      const path = this.layout.volumePath(volumeId, format);
      try {
        await stat(path);
        return { id: volumeId, format, path };
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    }
    return undefined;
  }

  private async mustFind(volumeId: string): Promise<VolumeFile> {
    const vol = await this.find(volumeId);
    if (vol === undefined) throw new VolumeDriverError("NotFound", `volume ${volumeId} not found`);
    return vol;
  }

  private async listVolumesNow(): Promise<VolumeInfo[]> {
    const out: VolumeInfo[] = [];
    for (const name of (await readdir(this.layout.volumesDir)).sort()) {
      const parsed = parseVolumeFileName(name);
      if (parsed === undefined) continue;
      const vol = {
        id: parsed.volumeId,
        format: parsed.format,
        path: this.layout.volumePath(parsed.volumeId, parsed.format),
      };
      try {
        out.push(await this.describe(vol));
      } catch (err) {
        // Deleted between readdir and info: simply not there any more.
        if ((await this.find(vol.id)) !== undefined) throw err;
      }
    }
    return out;
  }

  /** `-U` everywhere: reading metadata of a volume an export daemon holds is safe. */
  private async describe(vol: VolumeFile): Promise<VolumeInfo> {
    const info = await this.img.info(vol.path, vol.format, true);
    const snapshots = (info.snapshots ?? [])
      .map((s) => parseSnapshot(vol.id, s))
      .filter((s) => s !== undefined)
      .map(({ name: _name, ...s }) => s);
    return {
      id: vol.id,
      format: vol.format,
      sizeBytes: info["virtual-size"],
      allocatedBytes: info["actual-size"] ?? (await stat(vol.path)).blocks * 512,
      snapshots,
    };
  }

  private async snapshotsOf(vol: VolumeFile) {
    const info = await this.img.info(vol.path, vol.format, true);
    return (info.snapshots ?? []).map((s) => parseSnapshot(vol.id, s)).filter((s) => s !== undefined);
  }

  /**
   * Temporary snapshots of copies an agent did not finish (it died
   * mid-copy) would keep their clusters forever: drop them. Best effort per
   * volume, so one damaged file does not stop the agent.
   */
  private async dropTempSnapshots(): Promise<void> {
    for (const name of await readdir(this.layout.volumesDir)) {
      const parsed = parseVolumeFileName(name);
      if (parsed?.format !== "qcow2") continue;
      const vol = {
        id: parsed.volumeId,
        format: parsed.format,
        path: this.layout.volumePath(parsed.volumeId, "qcow2"),
      };
      try {
        const info = await this.img.info(vol.path, "qcow2", true);
        for (const snap of info.snapshots ?? []) {
          if (snap.name.startsWith(TEMP_SNAPSHOT_PREFIX)) await this.snapshotOp(vol, snap.name, "delete");
        }
      } catch (err) {
        this.logger.warn({ err, volumeId: vol.id }, "could not drop temporary snapshots");
      }
    }
  }

  /** Internal snapshot create/delete: through the export daemon when one serves the volume, else qemu-img. */
  private async snapshotOp(vol: VolumeFile, name: string, op: "create" | "delete"): Promise<void> {
    const live = this.exports.ofVolume(vol.id)[0];
    if (live === undefined) {
      if (op === "create") await this.img.snapshotCreate(vol.path, name);
      else await this.img.snapshotDelete(vol.path, name);
      return;
    }
    await this.exports.ensureRunning(live);
    const command =
      op === "create" ? "blockdev-snapshot-internal-sync" : "blockdev-snapshot-delete-internal-sync";
    await withQmp(live.paths.qmp, this.qmpTimeoutMs, (qmp) =>
      qmp.execute(command, { device: VOLUME_NODE, name }),
    );
  }

  /**
   * NBD exports forbid resizing the node they serve (QEMU unshares the
   * permission), so the export is removed (clients cut off), the node
   * grown, and the export added again with the same name; the daemon, its
   * port and secret stay, and clients reconnect to the new size.
   */
  private async resizeLive(e: ExportEntry, sizeBytes: number): Promise<void> {
    await this.exports.ensureRunning(e);
    await withQmp(e.paths.qmp, this.qmpTimeoutMs, async (qmp) => {
      await qmp.execute("block-export-del", { id: EXPORT_ID, mode: "hard" });
      const until = Date.now() + this.qmpTimeoutMs;
      const countOf = (v: unknown) => (Array.isArray(v) ? v.length : -1);
      while (countOf(await qmp.execute("query-block-exports")) !== 0) {
        if (Date.now() > until) throw new Error("the export did not go away for the resize");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      try {
        await qmp.execute("block_resize", { "node-name": VOLUME_NODE, size: sizeBytes });
      } finally {
        await qmp.execute("block-export-add", exportAddArgs(e.record));
      }
    });
  }

  /**
   * Runs `read` on a consistent view of the volume: the file itself when
   * nothing serves it, else a temporary internal snapshot taken by the
   * export daemon (removed afterwards). A raw volume being served has no
   * consistent view: `InvalidState`.
   */
  private async pointInTime<T>(volumeId: string, read: (src: ReadSource) => Promise<T>): Promise<T> {
    const vol = await this.mustFind(volumeId);
    const live = this.exports.ofVolume(vol.id)[0];
    if (live === undefined) return await read({ path: vol.path, format: vol.format });
    if (vol.format !== "qcow2") {
      throw new VolumeDriverError(
        "InvalidState",
        `volume ${vol.id} is raw and exported: unexport it to copy it`,
      );
    }
    const name = `${TEMP_SNAPSHOT_PREFIX}${randomUUID()}`;
    await this.snapshotOp(vol, name, "create");
    try {
      return await read({ path: vol.path, format: "qcow2", forceShare: true, snapshotName: name });
    } finally {
      await this.snapshotOp(vol, name, "delete");
    }
  }

  private async copyFromSnapshot(
    volumeId: string,
    snapshotId: string,
    dest: string,
    format: VolumeFormat,
    sizeBytes: number,
  ): Promise<void> {
    const vol = await this.mustFind(volumeId);
    const snap =
      vol.format === "qcow2" ? (await this.snapshotsOf(vol)).find((s) => s.id === snapshotId) : undefined;
    if (snap === undefined) throw new VolumeDriverError("NotFound", `snapshot ${snapshotId} not found`);
    if (snap.sizeBytes > sizeBytes) {
      throw new VolumeDriverError(
        "InvalidRequest",
        `snapshot ${snapshotId} is bigger (${snap.sizeBytes} bytes) than the new volume`,
      );
    }
    const live = this.exports.ofVolume(vol.id).length > 0;
    await this.copyTo(
      { path: vol.path, format: "qcow2", forceShare: live, snapshotName: snap.name },
      dest,
      format,
      sizeBytes,
    );
  }

  /**
   * An image file becomes a volume. The image must be what it claims and
   * stand alone: a qcow2 naming a backing or data file could make qemu-img
   * read any file on this host into the tenant's volume.
   */
  private async copyFromImage(
    path: string,
    format: string,
    dest: string,
    outFormat: VolumeFormat,
    sizeBytes: number,
  ) {
    let info: Awaited<ReturnType<QemuImg["info"]>>;
    try {
      info = await this.img.info(path, format);
    } catch (err) {
      throw new VolumeDriverError("InvalidRequest", `image is not a readable ${format} file`, { cause: err });
    }
    if (
      info["backing-filename"] !== undefined ||
      info["format-specific"]?.data?.["data-file"] !== undefined
    ) {
      throw new VolumeDriverError("InvalidRequest", "image refers to other files (backing or data file)");
    }
    if (info["virtual-size"] > sizeBytes) {
      throw new VolumeDriverError(
        "InvalidRequest",
        `image needs ${info["virtual-size"]} bytes, more than the volume's size`,
      );
    }
    await this.copyTo({ path, format }, dest, outFormat, sizeBytes);
  }

  /**
   * Copies `src` into a new file `dest` of exactly `sizeBytes`, refusing
   * early when space is short. Callers have checked the source's data fits:
   * a copy may still come out bigger, because `convert -l` of an internal
   * snapshot takes the volume's current size, and only zeros lie past the
   * snapshot's own size, so shrinking it back loses nothing.
   */
  private async copyTo(
    src: ReadSource,
    dest: string,
    format: VolumeFormat,
    sizeBytes: number,
  ): Promise<void> {
    const needed = (await stat(src.path)).blocks * 512;
    const fs = await statfs(this.layout.volumesDir);
    if (fs.bavail * fs.bsize < needed) {
      throw new VolumeDriverError(
        "NoSpace",
        `the copy needs up to ${needed} bytes; ${fs.bavail * fs.bsize} are free`,
      );
    }
    await this.img.convert(src.path, src, dest, format);
    const copied = (await this.img.info(dest, format))["virtual-size"];
    if (copied !== sizeBytes) await this.img.resize(dest, format, sizeBytes, copied > sizeBytes);
  }
}
