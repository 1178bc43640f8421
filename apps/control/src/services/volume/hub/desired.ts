import {
  type DesiredVolume,
  type DesiredVolumeSource,
  type VolumeDesired,
  ZVolumeSourceImageFormat,
} from "@zenith/agent-protocol/volume";
import type { PrismaClient } from "@zenith/db/client";
import { AttachmentStatus, HAS_DATA, SnapshotStatus, VolumeStatus } from "../volumes/states.ts";

/** Volumes whose disk should exist on their host: being made, or holding data. */
const WANTED: string[] = [VolumeStatus.CREATING, ...HAS_DATA];

/**
 * The whole desired state of one volume host, from the database: volumes
 * and their snapshots, tombstones of deleted ones, and exports of the
 * attachments whose connector named a compute host. Deterministic order,
 * so an unchanged state serializes to the same JSON and is not resent.
 */
export async function desiredFor(prisma: PrismaClient, host: string): Promise<VolumeDesired> {
  const volumes = await prisma.volume.findMany({
    where: { host, deletedAt: null },
    orderBy: { id: "asc" },
    select: {
      id: true,
      sizeGb: true,
      status: true,
      generation: true,
      sourceImageId: true,
      snapshotId: true,
      sourceVolumeId: true,
      restoreBackupId: true,
      snapshots: {
        where: { deletedAt: null },
        select: { id: true, status: true },
        orderBy: { id: "asc" },
      },
      attachments: {
        where: {
          // A detaching attachment is still on its guest until the compute host reports it gone
          // (then the row goes): its export stays until then, or the guest's disk loses its
          // server mid-unplug and QEMU blocks on it.
          status: { in: [AttachmentStatus.ATTACHING, AttachmentStatus.ATTACHED, AttachmentStatus.DETACHING] },
          attachedHost: { not: null },
        },
        select: { id: true, attachMode: true, attachedHost: true },
        orderBy: { id: "asc" },
      },
      readonly: true,
      uploadImageId: true,
    },
  });
  // Images volumes are made from, and images volumes are uploaded into: both formats are read here.
  const imageIds = [
    ...new Set(
      volumes.flatMap((v) => [v.sourceImageId, v.uploadImageId].filter((id): id is string => id !== null)),
    ),
  ];
  const images =
    imageIds.length === 0
      ? []
      : await prisma.image.findMany({
          where: { id: { in: imageIds } },
          select: { id: true, diskFormat: true },
        });
  const formatOf = new Map(images.map((i) => [i.id, i.diskFormat ?? "raw"]));
  const sourceSnapshots = volumes.flatMap((v) => (v.snapshotId ? [v.snapshotId] : []));
  const snapshotVolume =
    sourceSnapshots.length === 0
      ? new Map<string, string>()
      : new Map(
          (
            await prisma.volumeSnapshot.findMany({
              where: { id: { in: sourceSnapshots } },
              select: { id: true, volumeId: true },
            })
          ).map((s) => [s.id, s.volumeId]),
        );

  const desired: VolumeDesired = {
    type: "desired",
    full: true,
    volumes: [],
    exports: [],
    uploads: [],
    backups: [],
    deleted: { volumes: [], snapshots: [] },
  };
  const backups = await prisma.volumeBackup.findMany({
    where: { host, status: "creating", deletedAt: null },
    select: { id: true, volumeId: true, snapshotId: true },
    orderBy: { id: "asc" },
  });
  desired.backups = backups.map((b) => ({ backupId: b.id, volumeId: b.volumeId, snapshotId: b.snapshotId }));
  for (const v of volumes) {
    if (v.status === VolumeStatus.DELETING) {
      desired.deleted.volumes.push(v.id);
      continue;
    }
    for (const s of v.snapshots) {
      if (s.status === SnapshotStatus.DELETING)
        desired.deleted.snapshots.push({ volumeId: v.id, snapshotId: s.id });
    }
    if (!WANTED.includes(v.status)) continue;
    const source = sourceOf(v, formatOf, snapshotVolume);
    const record: DesiredVolume = {
      id: v.id,
      sizeGb: v.sizeGb,
      format: "qcow2",
      source,
      snapshots: v.snapshots
        .filter((s) => s.status === SnapshotStatus.CREATING || s.status === SnapshotStatus.AVAILABLE)
        .map((s) => s.id),
      generation: v.generation,
    };
    desired.volumes.push(record);
    if (v.status === VolumeStatus.UPLOADING && v.uploadImageId) {
      const format = formatOf.get(v.uploadImageId);
      desired.uploads.push({
        imageId: v.uploadImageId,
        volumeId: v.id,
        diskFormat: format === "qcow2" ? "qcow2" : "raw",
      });
    }
    // Exports only of disks that exist: a volume still being made has nothing to serve yet.
    if (v.status === VolumeStatus.CREATING) continue;
    for (const a of v.attachments) {
      if (a.attachedHost === null) continue;
      desired.exports.push({
        attachmentId: a.id,
        volumeId: v.id,
        readOnly: v.readonly || a.attachMode === "ro",
        attachedHost: a.attachedHost,
      });
    }
  }
  return desired;
}

function sourceOf(
  v: {
    sourceImageId: string | null;
    snapshotId: string | null;
    sourceVolumeId: string | null;
    restoreBackupId: string | null;
  },
  formatOf: Map<string, string>,
  snapshotVolume: Map<string, string>,
): DesiredVolumeSource {
  if (v.sourceImageId) {
    // Create refuses other formats; raw is what qemu-img assumes of anything unnamed.
    const named = formatOf.get(v.sourceImageId);
    const format = ZVolumeSourceImageFormat.safeParse(named === "ami" ? "raw" : named);
    return { kind: "image", imageId: v.sourceImageId, diskFormat: format.success ? format.data : "raw" };
  }
  if (v.snapshotId) {
    const volumeId = snapshotVolume.get(v.snapshotId);
    if (volumeId) return { kind: "snapshot", volumeId, snapshotId: v.snapshotId };
  }
  if (v.sourceVolumeId) return { kind: "volume", volumeId: v.sourceVolumeId };
  if (v.restoreBackupId) return { kind: "backup", backupId: v.restoreBackupId };
  return { kind: "empty" };
}
