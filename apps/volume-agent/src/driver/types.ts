/**
 * The volume driver contract: what the volume agent (cinder-volume's role)
 * may ask of the storage on its host. Every driver (fake, file) passes
 * `test/driver-suite.ts`.
 *
 * Rules that hold for every method (not repeated below):
 * - Volumes, snapshots and attachments are named by Cinder's UUIDs only;
 *   file names, pids and sockets never leave the driver. Arguments are
 *   validated with the schemas in `schemas.ts`; invalid ones reject with
 *   `InvalidRequest` before anything changes.
 * - Failures reject with `VolumeDriverError`; its `code` is the contract.
 *   Unknown ids reject with `NotFound` except where a method says otherwise.
 * - Create-like calls reject with `AlreadyExists` when the id is taken and
 *   leave nothing behind when they fail: calling again is safe. Delete-like
 *   calls succeed when the thing is already gone, so a reconciler converges
 *   by repeating them.
 * - One state-changing operation at a time per volume: calls on the same
 *   volume queue (they do not fail); calls on different volumes run
 *   concurrently. List and capacity calls run at any time.
 * - A volume is "exported" while any export of it exists. Exported volumes
 *   cannot be deleted (`InvalidState`: unexport first); what else works while
 *   exported is in `capabilities`.
 * - Calls other than `init` before `init()` (or after `close()`) reject with
 *   `InvalidState`.
 */
import type {
  CopyToImageRequest,
  CopyToImageResult,
  CreateVolumeRequest,
  ExportInfo,
  ExportRequest,
  ExtendVolumeRequest,
  SnapshotInfo,
  SnapshotRef,
  StorageCapacity,
  StorageUsage,
  VolumeDriverCapabilities,
  VolumeInfo,
} from "./schemas.ts";

// The package exports this file as `./driver`: it is the one entry point to the contract.
export * from "./errors.ts";
export * from "./schemas.ts";

export interface VolumeDriver {
  /** Fixed for the driver's lifetime and readable before `init()`. */
  readonly capabilities: VolumeDriverCapabilities;

  /**
   * Takes over the storage folder and what a previous agent process left in
   * it: exports whose server still runs are adopted as they are (same
   * process, same port, same secret); exports whose server died are started
   * again with the same secret (and the same port when it is free). After
   * `init()`, `listVolumes()` and `listExports()` show what exists.
   * Idempotent.
   */
  init(): Promise<void>;

  /**
   * Releases the driver's own resources. Never stops export servers: guests
   * keep their disks while the agent restarts, and the next `init()` adopts
   * them. Idempotent.
   */
  close(): Promise<void>;

  /** The storage folder's file system and what the volumes in it take. */
  capacity(): Promise<StorageCapacity>;

  /**
   * What the volumes and the storage folder's file system take now, for
   * metering every few seconds: no process per volume (file sizes, not
   * qemu-img), so it stays cheap for hundreds of volumes.
   */
  usage(): Promise<StorageUsage>;

  /** Every volume in the storage folder with its snapshots, for reconciling against the control plane. */
  listVolumes(): Promise<VolumeInfo[]>;

  /** One volume. */
  getVolume(volumeId: string): Promise<VolumeInfo>;

  /**
   * Creates a volume of exactly `sizeGib` from `source` (default empty),
   * in `format` (default qcow2). The new volume is independent of its source
   * (a full copy: deleting the source or snapshot later is safe).
   * - `NotFound` when a source volume or snapshot does not exist.
   * - `InvalidRequest` when the source's size exceeds `sizeGib`, or the image
   *   file is not of its stated format or refers to other files.
   * - `NoSpace` when the storage folder has too little free space for the copy.
   */
  createVolume(request: CreateVolumeRequest): Promise<VolumeInfo>;

  /**
   * Deletes a volume and its snapshots (the control plane refuses earlier
   * when Cinder's rules say so). Already gone: success. Exported: `InvalidState`.
   */
  deleteVolume(volumeId: string): Promise<void>;

  /**
   * Grows a volume to `newSizeGib`. The same size: success. Smaller:
   * `InvalidRequest`. While exported (see `capabilities.extendWhileExported`)
   * the export server is told the new size; connected NBD clients are
   * disconnected once and see the new size when they reconnect (NBD has no
   * resize notification), with the same address and secret.
   */
  extendVolume(request: ExtendVolumeRequest): Promise<VolumeInfo>;

  /**
   * A point-in-time snapshot of the volume, kept inside it (see the driver
   * for how). `AlreadyExists` when the volume has that snapshot.
   * `InvalidRequest` for formats outside `capabilities.snapshotFormats`.
   */
  createSnapshot(ref: SnapshotRef): Promise<SnapshotInfo>;

  /** Deletes a snapshot; already gone (or its volume gone): success. */
  deleteSnapshot(ref: SnapshotRef): Promise<void>;

  /**
   * Writes a point-in-time copy of the volume to an image file (for
   * `os-volume_upload_image`), also while exported where the format allows a
   * consistent copy (qcow2); a raw volume while exported: `InvalidState`.
   */
  copyToImage(request: CopyToImageRequest): Promise<CopyToImageResult>;

  /**
   * Serves the volume to one attachment over NBD with a secret of its own,
   * and resolves how to connect. The same attachment again resolves the
   * existing export unchanged (after an agent restart too). Another
   * attachment of an exported volume: `InvalidState` unless
   * `capabilities.multiattach`. `NotFound` when the volume does not exist.
   */
  export(volumeId: string, request: ExportRequest): Promise<ExportInfo>;

  /**
   * Stops serving an attachment: its server and every file of it are gone
   * when this resolves; connected clients are cut off. Not exported: success.
   */
  unexport(attachmentId: string): Promise<void>;

  /** Every export on this host, with its connection (secret included: the agent reports it to the control plane). */
  listExports(): Promise<ExportInfo[]>;
}

/** Names of the driver's operations, for logs and fault injection. */
export type VolumeDriverOperation = Exclude<keyof VolumeDriver, "capabilities">;
