/**
 * Everything that crosses the volume driver interface, as zod schemas: the
 * agent validates messages from the control plane with them, and drivers
 * validate their own arguments (a driver is an edge too: it runs tools with
 * these values).
 */
import { z } from "zod";

export const GiB = 1024 ** 3;
/** Largest volume a driver accepts, in GiB (Cinder has no hard limit; quotas apply above us). */
export const MAX_VOLUME_GIB = 16 * 1024;
/** Paths the driver reads or writes for the agent (image files); bounded like any input. */
const MAX_PATH = 4096;

/** Volume, snapshot and attachment ids are Cinder's UUIDs: never paths, so they can name files safely. */
export const volumeIdSchema = z.uuid();
export const snapshotIdSchema = z.uuid();
export const attachmentIdSchema = z.uuid();

/** How a volume is stored. qcow2 (default) has snapshots; raw is plain bytes, without snapshots. */
export const volumeFormatSchema = z.enum(["qcow2", "raw"]);
export type VolumeFormat = z.infer<typeof volumeFormatSchema>;

/** Glance disk formats a volume can be made from (single-file formats qemu-img reads safely; never vmdk, iso). */
export const sourceImageFormatSchema = z.enum(["qcow2", "raw", "vdi", "vhd", "vhdx"]);
export type SourceImageFormat = z.infer<typeof sourceImageFormatSchema>;

const sizeGibSchema = z.number().int().min(1).max(MAX_VOLUME_GIB);
const absolutePathSchema = z
  .string()
  .min(2)
  .max(MAX_PATH)
  .refine((p) => p.startsWith("/") && !p.includes("\0"), "must be an absolute path");

/** Where a new volume's bytes come from. */
export const volumeSourceSchema = z.discriminatedUnion("kind", [
  /** Zeros. */
  z.object({ kind: z.literal("empty") }),
  /** An image file on this host (the agent downloaded it from Glance). */
  z.object({ kind: z.literal("image"), path: absolutePathSchema, format: sourceImageFormatSchema }),
  /** A snapshot of a volume on this host. */
  z.object({ kind: z.literal("snapshot"), volumeId: volumeIdSchema, snapshotId: snapshotIdSchema }),
  /** Another volume on this host (a point-in-time copy, also while it is exported). */
  z.object({ kind: z.literal("volume"), volumeId: volumeIdSchema }),
]);
export type VolumeSource = z.infer<typeof volumeSourceSchema>;

export const createVolumeRequestSchema = z.object({
  volumeId: volumeIdSchema,
  /** The volume's size; must hold the source (`InvalidRequest` when the source is bigger). */
  sizeGib: sizeGibSchema,
  format: volumeFormatSchema.default("qcow2"),
  source: volumeSourceSchema.default({ kind: "empty" }),
});
export type CreateVolumeRequest = z.input<typeof createVolumeRequestSchema>;

export const extendVolumeRequestSchema = z.object({ volumeId: volumeIdSchema, newSizeGib: sizeGibSchema });
export type ExtendVolumeRequest = z.infer<typeof extendVolumeRequestSchema>;

export const snapshotRefSchema = z.object({ volumeId: volumeIdSchema, snapshotId: snapshotIdSchema });
export type SnapshotRef = z.infer<typeof snapshotRefSchema>;

export const copyToImageRequestSchema = z.object({
  volumeId: volumeIdSchema,
  /** Created or replaced; removed again when the copy fails. Its folder must exist. */
  path: absolutePathSchema,
  format: volumeFormatSchema,
});
export type CopyToImageRequest = z.infer<typeof copyToImageRequestSchema>;

export const copyToImageResultSchema = z.object({
  format: volumeFormatSchema,
  /** Bytes of the image file (what Glance stores). */
  sizeBytes: z.number().int().nonnegative(),
  /** The disk size the image boots with. */
  virtualSizeBytes: z.number().int().nonnegative(),
});
export type CopyToImageResult = z.infer<typeof copyToImageResultSchema>;

export const snapshotInfoSchema = z.object({
  id: snapshotIdSchema,
  volumeId: volumeIdSchema,
  /** The volume's size when the snapshot was taken (a volume made from it is at least this big). */
  sizeBytes: z.number().int().positive(),
  createdAt: z.iso.datetime(),
});
export type SnapshotInfo = z.infer<typeof snapshotInfoSchema>;

export const volumeInfoSchema = z.object({
  id: volumeIdSchema,
  format: volumeFormatSchema,
  /** Virtual size: what a guest sees. */
  sizeBytes: z.number().int().positive(),
  /** Bytes the volume takes in the storage folder now (sparse files, qcow2 clusters). */
  allocatedBytes: z.number().int().nonnegative(),
  /** Oldest first. */
  snapshots: z.array(snapshotInfoSchema),
});
export type VolumeInfo = z.infer<typeof volumeInfoSchema>;

export const storageCapacitySchema = z.object({
  /** The file system holding the storage folder. */
  totalBytes: z.number().int().nonnegative(),
  freeBytes: z.number().int().nonnegative(),
  /** Sum of the volumes' virtual sizes (what thin provisioning promised). */
  provisionedBytes: z.number().int().nonnegative(),
  /** Sum of what the volumes take on disk now. */
  allocatedBytes: z.number().int().nonnegative(),
});
export type StorageCapacity = z.infer<typeof storageCapacitySchema>;

/**
 * What metering reads every interval: the storage folder's file system and
 * what each volume takes on it. Cheap by contract (no process per volume):
 * file sizes and the file system's counters only.
 */
export const storageUsageSchema = z.object({
  /** The file system holding the storage folder. */
  totalBytes: z.number().int().nonnegative(),
  /** Taken on that file system, by anything (total − free, as `df` counts it). */
  usedBytes: z.number().int().nonnegative(),
  volumes: z.array(z.object({ id: volumeIdSchema, allocatedBytes: z.number().int().nonnegative() })),
});
export type StorageUsage = z.infer<typeof storageUsageSchema>;

/** What `export` is asked for: one attachment of one volume. */
export const exportRequestSchema = z.object({
  attachmentId: attachmentIdSchema,
  /** Serve the volume read-only (Cinder's `readonly` volumes, `ro` attach mode). */
  readOnly: z.boolean().default(false),
});
export type ExportRequest = z.input<typeof exportRequestSchema>;

/**
 * How a compute host reaches an export: NBD over TCP with TLS-PSK. The
 * client presents `tlsUsername` with `secret` (hex, as in a QEMU
 * `tls-creds-psk` keys file: `<tlsUsername>:<secret>`), then opens
 * `exportName`. Only this pair opens this export.
 */
export const exportConnectionSchema = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  exportName: z.string().min(1).max(255),
  tlsUsername: z.string().min(1).max(255),
  secret: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ExportConnection = z.infer<typeof exportConnectionSchema>;

export const exportInfoSchema = exportConnectionSchema.extend({
  attachmentId: attachmentIdSchema,
  volumeId: volumeIdSchema,
  readOnly: z.boolean(),
});
export type ExportInfo = z.infer<typeof exportInfoSchema>;

/** Optional features, fixed for a driver's lifetime, so callers never probe by catching errors. */
export const volumeDriverCapabilitiesSchema = z.object({
  /** Formats `createVolume` makes. */
  volumeFormats: z.array(volumeFormatSchema),
  /** Formats whose volumes can hold snapshots (others: `InvalidRequest`). */
  snapshotFormats: z.array(volumeFormatSchema),
  /** `extendVolume` works while the volume is exported. */
  extendWhileExported: z.boolean(),
  /** Snapshots can be created and deleted while the volume is exported. */
  snapshotWhileExported: z.boolean(),
  /** More than one export of one volume at a time (Cinder multiattach). */
  multiattach: z.boolean(),
});
export type VolumeDriverCapabilities = z.infer<typeof volumeDriverCapabilitiesSchema>;
