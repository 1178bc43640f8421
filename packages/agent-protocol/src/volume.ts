/**
 * The volume agent ↔ control plane protocol (cinder-volume's RPC, as
 * desired state), on the same envelope as the compute and network agents'
 * (`hello`/`welcome`, heartbeats, reports): the agent dials out to
 * `ws(s)://<control>/agent/v1/volume` with its host's credential.
 *
 * Desired state, reconciled: the control plane always sends the whole host
 * (`full`): the volumes that must exist with their snapshots, the exports
 * that must be served, and the one-shot jobs (uploads to Glance, backups,
 * restores) still wanted. The agent converges and reports what is, by
 * generation. Either side may restart at any moment.
 *
 * Data is never removed because it is missing from a message: a volume or
 * snapshot goes only when it is listed in `deleted` (a tombstone the control
 * plane keeps until the agent reports it gone), so a bug or an empty state
 * cannot wipe a storage folder. Exports, which hold no data, are removed
 * as soon as they are no longer desired.
 */
import { z } from "zod";

export const VOLUME_PROTOCOL_VERSION = 1;
export const VOLUME_AGENT_PATH = "/agent/v1/volume";
/**
 * Backup data, stored by the control plane's file store (`GET` to restore,
 * `PUT` to write), with the host's credential, only for a backup the host's
 * desired state names. Image bytes travel on the compute protocol's
 * `agentImageFilePath` (`GET` for volumes made from images, `PUT` for
 * uploads of volumes to images), allowed the same way.
 */
export const agentBackupFilePath = (backupId: string): string => `/agent/v1/backups/${backupId}/file`;

const count = z.int().nonnegative();
/** Cinder's ids are UUIDs; the agent names files with them, so nothing else passes. */
const uuid = z.uuid();
const sizeGb = z
  .int()
  .min(1)
  .max(16 * 1024);

/** Glance disk formats a volume can be made from (single-file formats qemu-img reads safely). */
export const ZVolumeSourceImageFormat = z.enum(["qcow2", "raw", "vdi", "vhd", "vhdx"]);

/** Where a new volume's bytes come from; read once, when the volume is created. */
export const ZDesiredVolumeSource = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("empty") }),
  /** Download `GET agentImageFilePath(imageId)`, then convert. */
  z.object({ kind: z.literal("image"), imageId: uuid, diskFormat: ZVolumeSourceImageFormat }),
  /** A snapshot of a volume on this host. */
  z.object({ kind: z.literal("snapshot"), volumeId: uuid, snapshotId: uuid }),
  /** Another volume on this host. */
  z.object({ kind: z.literal("volume"), volumeId: uuid }),
  /** A backup: `GET agentBackupFilePath(backupId)` (qcow2). */
  z.object({ kind: z.literal("backup"), backupId: uuid }),
]);
export type DesiredVolumeSource = z.infer<typeof ZDesiredVolumeSource>;

/** A volume that must exist on this host. */
export const ZDesiredVolume = z.object({
  id: uuid,
  /** Grows (extend) when larger than the volume; never shrinks. */
  sizeGb,
  format: z.enum(["qcow2", "raw"]),
  source: ZDesiredVolumeSource,
  /** Snapshots that must exist (created when missing); ones not listed stay until tombstoned. */
  snapshots: z.array(uuid).max(1000),
  /** Bumps with every change of this record; echoed back once applied. */
  generation: count,
});
export type DesiredVolume = z.infer<typeof ZDesiredVolume>;

/** An NBD export of one attachment: served until no longer listed. */
export const ZDesiredExport = z.object({
  attachmentId: uuid,
  volumeId: uuid,
  readOnly: z.boolean(),
  /** The compute host the export is for (its agent alone gets the secret). */
  attachedHost: z.string().min(1).max(255),
});
export type DesiredExport = z.infer<typeof ZDesiredExport>;

/** Copy a volume to a Glance image: `PUT agentImageFilePath(imageId)`; reported once, then dropped. */
export const ZDesiredUpload = z.object({
  imageId: uuid,
  volumeId: uuid,
  diskFormat: z.enum(["qcow2", "raw"]),
});
export type DesiredUpload = z.infer<typeof ZDesiredUpload>;

/** Copy a volume (or one of its snapshots) to the backup store: `PUT agentBackupFilePath(backupId)`. */
export const ZDesiredBackup = z.object({
  backupId: uuid,
  volumeId: uuid,
  snapshotId: uuid.nullable(),
});
export type DesiredBackup = z.infer<typeof ZDesiredBackup>;

// ---- agent → control ----

export const ZExportConnection = z.object({
  attachmentId: uuid,
  volumeId: uuid,
  readOnly: z.boolean(),
  host: z.string().min(1).max(255),
  port: z.int().min(1).max(65535),
  exportName: z.string().min(1).max(255),
  tlsUsername: z.string().min(1).max(255),
  /** TLS-PSK secret (hex), as in a QEMU keys file `<tlsUsername>:<secret>`. */
  secret: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ExportConnection = z.infer<typeof ZExportConnection>;

export const ZVolumeCapacity = z.object({
  totalBytes: count,
  freeBytes: count,
  provisionedBytes: count,
  allocatedBytes: count,
});
export type VolumeCapacity = z.infer<typeof ZVolumeCapacity>;

const message = z.string().max(1024);

export const ZVolumeApplied = z.object({
  /** Volumes present, with the generation last converged and their real size and snapshots. */
  volumes: z
    .array(
      z.object({
        id: uuid,
        generation: count,
        sizeBytes: z.int().positive(),
        snapshots: z.array(uuid).max(1000),
      }),
    )
    .max(100_000),
  /** Exports served now (secrets included: the attaching compute agent needs them). */
  exports: z.array(ZExportConnection).max(100_000),
  /** Finished one-shot jobs; the control plane records them and drops them from the desired state. */
  uploads: z.array(z.object({ imageId: uuid, ok: z.boolean(), message: message.optional() })).max(1000),
  backups: z
    .array(
      z.object({ backupId: uuid, ok: z.boolean(), sizeBytes: count.optional(), message: message.optional() }),
    )
    .max(1000),
  /** What failed to converge at the desired generation, with why (a volume in `error`, a failed snapshot). */
  errors: z
    .array(
      z.object({
        kind: z.enum(["volume", "snapshot", "export", "delete"]),
        id: uuid,
        generation: count,
        message,
      }),
    )
    .max(1000),
  capacity: ZVolumeCapacity,
});
export type VolumeApplied = z.infer<typeof ZVolumeApplied>;

export const ZVolumeHello = z.object({
  type: z.literal("hello"),
  protocol: z.literal(VOLUME_PROTOCOL_VERSION),
  host: z.string().min(1).max(255),
  agentVersion: z.string().max(64),
  driver: z.enum(["file", "fake"]),
  availabilityZone: z.string().min(1).max(255).default("nova"),
  /** Where compute hosts reach this host's exports. */
  exportAddress: z.string().min(1).max(255),
  applied: ZVolumeApplied,
});
export const ZVolumeHeartbeat = z.object({ type: z.literal("heartbeat") });
export const ZVolumeReport = z.object({ type: z.literal("report"), applied: ZVolumeApplied });
export const ZVolumeAgentMessage = z.discriminatedUnion("type", [
  ZVolumeHello,
  ZVolumeHeartbeat,
  ZVolumeReport,
]);
export type VolumeAgentMessage = z.infer<typeof ZVolumeAgentMessage>;
export type VolumeHello = z.infer<typeof ZVolumeHello>;

// ---- control → agent ----

export const ZVolumeWelcome = z.object({
  type: z.literal("welcome"),
  hostId: z.string().min(1),
  heartbeatIntervalS: z.int().positive(),
});
export const ZVolumeDesired = z.object({
  type: z.literal("desired"),
  full: z.literal(true),
  volumes: z.array(ZDesiredVolume).max(100_000),
  exports: z.array(ZDesiredExport).max(100_000),
  uploads: z.array(ZDesiredUpload).max(1000),
  backups: z.array(ZDesiredBackup).max(1000),
  /** Tombstones: remove these (already gone is success) and report them absent. */
  deleted: z.object({
    volumes: z.array(uuid).max(100_000),
    snapshots: z.array(z.object({ volumeId: uuid, snapshotId: uuid })).max(100_000),
  }),
});
export type VolumeDesired = z.infer<typeof ZVolumeDesired>;
export const ZVolumeControlMessage = z.union([ZVolumeWelcome, ZVolumeDesired]);
export type VolumeControlMessage = z.infer<typeof ZVolumeControlMessage>;
