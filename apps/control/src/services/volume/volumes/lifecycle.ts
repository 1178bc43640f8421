import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { VolumeCaller } from "../caller.ts";
import { reserveVolumeQuota } from "../quota-reserve.ts";
import type { VolumeQuotaService } from "../quotas.ts";
import { findVolume, invalidVolume, VOLUME_INCLUDE, type VolumeRow } from "./lookup.ts";
import type { VolumePublisher } from "./publisher.ts";
import { releaseVolumeClaim } from "./scheduler.ts";
import { AttachmentStatus, DELETABLE, SnapshotStatus, VolumeStatus } from "./states.ts";

export interface LifecycleDeps {
  prisma: PrismaClient;
  quotas: VolumeQuotaService;
  publisher: VolumePublisher;
}

export interface VolumeChange {
  name?: string | null | undefined;
  description?: string | null | undefined;
  metadata?: Record<string, string> | undefined;
}

/** Writes only if the volume is still in the status it was read in (another request may have moved it). */
async function moveStatus(
  prisma: PrismaClient,
  vol: VolumeRow,
  data: Parameters<PrismaClient["volume"]["updateMany"]>[0]["data"],
): Promise<void> {
  const { count } = await prisma.volume.updateMany({
    where: { id: vol.id, status: vol.status, deletedAt: null },
    data,
  });
  if (count === 0) throw invalidVolume(`Volume ${vol.id} changed status meanwhile; try again.`);
}

export async function updateVolume(
  prisma: PrismaClient,
  caller: VolumeCaller,
  id: string,
  change: VolumeChange,
): Promise<VolumeRow> {
  await findVolume(prisma, caller, id);
  return prisma.volume.update({
    where: { id },
    data: {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.metadata !== undefined ? { metadata: change.metadata } : {}),
    },
    include: VOLUME_INCLUDE,
  });
}

/**
 * Cinder's delete: only from a settled status (or any, `force` by admins),
 * never while attached, and with snapshots only when `cascade` (they go
 * too). The volume becomes `deleting`; the agent removes the disk and
 * reports it gone, and only then is the row deleted and its space given
 * back. A volume that never reached a host goes at once.
 */
export async function deleteVolume(
  deps: LifecycleDeps,
  caller: VolumeCaller,
  id: string,
  opts: { cascade?: boolean; force?: boolean } = {},
): Promise<void> {
  const { prisma } = deps;
  const vol = await findVolume(prisma, caller, id);
  if (!opts.force && !DELETABLE.includes(vol.status)) {
    throw invalidVolume(
      `Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.`,
    );
  }
  if (
    vol.attachments.some((a) => a.status !== AttachmentStatus.RESERVED) ||
    vol.attachStatus === "attached"
  ) {
    throw invalidVolume(`Volume ${id} is attached; detach it first.`);
  }
  const snapshots = await prisma.volumeSnapshot.findMany({ where: { volumeId: id, deletedAt: null } });
  if (snapshots.length > 0 && !opts.cascade) {
    throw invalidVolume(`Volume ${id} still has ${snapshots.length} dependent snapshots.`);
  }
  if (snapshots.some((s) => s.status !== SnapshotStatus.AVAILABLE && s.status !== SnapshotStatus.ERROR)) {
    throw invalidVolume(`Volume ${id} has snapshots that are not available or error; wait for them.`);
  }
  await prisma.$transaction(async (tx) => {
    await tx.volumeAttachment.deleteMany({ where: { volumeId: id } });
    await tx.volumeSnapshot.updateMany({
      where: { volumeId: id, deletedAt: null },
      data: { status: SnapshotStatus.DELETING },
    });
    if (vol.host === null) {
      await tx.volumeSnapshot.updateMany({
        where: { volumeId: id, deletedAt: null },
        data: { deletedAt: new Date() },
      });
      await tx.volume.update({
        where: { id },
        data: { status: "deleted", deletedAt: new Date(), terminatedAt: new Date() },
      });
      return;
    }
    await tx.volume.update({
      where: { id },
      data: { status: VolumeStatus.DELETING, generation: { increment: 1 } },
    });
  });
  deps.publisher.volumesChanged();
}

/** Marks the volume gone once its agent reported the disk removed: its space goes back to the host. */
export async function finishVolumeDelete(prisma: PrismaClient, id: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const vol = await tx.volume.findUnique({ where: { id } });
    if (!vol || vol.deletedAt !== null || vol.status !== VolumeStatus.DELETING) return false;
    const now = new Date();
    await tx.volumeSnapshot.updateMany({
      where: { volumeId: id, deletedAt: null },
      data: { deletedAt: now },
    });
    await tx.volume.update({ where: { id }, data: { status: "deleted", deletedAt: now, terminatedAt: now } });
    await releaseVolumeClaim(tx, vol.host, vol.sizeGb);
    return true;
  });
}

/**
 * Grows a volume (Cinder's os-extend): available ones, and in-use ones
 * when the caller asked for 3.42 (Cinder's online extend). The quota and
 * the host's room for the difference are taken now; the volume is
 * `extending` until its agent reports the new size; an attached volume's
 * guest then grows its disk live (the compute agent resizes its NBD node).
 */
export async function extendVolume(
  deps: LifecycleDeps,
  caller: VolumeCaller,
  id: string,
  newSizeGb: number,
  opts: { inUse?: boolean } = {},
): Promise<void> {
  const { prisma } = deps;
  const vol = await findVolume(prisma, caller, id);
  const extendable: string[] = opts.inUse
    ? [VolumeStatus.AVAILABLE, VolumeStatus.IN_USE]
    : [VolumeStatus.AVAILABLE];
  if (!extendable.includes(vol.status)) {
    throw invalidVolume(
      vol.status === VolumeStatus.IN_USE
        ? `Volume ${id} is in-use: extending an attached volume needs microversion 3.42 or later.`
        : `Volume should be in available state to be extended; ${id} is ${vol.status}.`,
    );
  }
  if (newSizeGb <= vol.sizeGb) {
    throw ZenithError.badRequest(
      `Invalid input received: New size for extend must be greater than current size. (current: ${vol.sizeGb}, extended: ${newSizeGb}).`,
    );
  }
  const delta = newSizeGb - vol.sizeGb;
  const type = await prisma.volumeType.findUnique({
    where: { id: vol.volumeTypeId },
    select: { name: true },
  });
  await reserveVolumeQuota(
    prisma,
    deps.quotas,
    vol.projectId,
    { typeName: type?.name, gigabytes: delta, volumeSizeGb: newSizeGb },
    async (tx) => {
      const { count } = await tx.volume.updateMany({
        where: { id, status: vol.status, deletedAt: null },
        data: {
          status: VolumeStatus.EXTENDING,
          sizeGb: newSizeGb,
          generation: { increment: 1 },
        },
      });
      if (count === 0) throw invalidVolume(`Volume ${id} changed status meanwhile; try again.`);
      if (vol.host) {
        await tx.volumeHost.updateMany({
          where: { host: vol.host },
          data: { allocatedGb: { increment: delta } },
        });
      }
    },
  );
  deps.publisher.volumesChanged();
}

export async function setBootable(
  prisma: PrismaClient,
  caller: VolumeCaller,
  id: string,
  bootable: boolean,
): Promise<void> {
  await findVolume(prisma, caller, id);
  await prisma.volume.update({ where: { id }, data: { bootable } });
}

export async function setReadonly(
  prisma: PrismaClient,
  caller: VolumeCaller,
  id: string,
  readonly: boolean,
): Promise<void> {
  const vol = await findVolume(prisma, caller, id);
  if (vol.status !== VolumeStatus.AVAILABLE && vol.status !== VolumeStatus.IN_USE) {
    throw invalidVolume(`Volume ${id} status must be available or in-use to change its read-only flag.`);
  }
  await prisma.volume.update({ where: { id }, data: { readonly } });
}

/** Admins' os-reset_status: writes the statuses as given, nothing else (as Cinder: the admin knows better). */
export async function resetVolumeStatus(
  prisma: PrismaClient,
  caller: VolumeCaller,
  id: string,
  change: {
    status?: string | undefined;
    attachStatus?: string | undefined;
    migrationStatus?: string | null | undefined;
  },
): Promise<void> {
  const vol = await findVolume(prisma, caller, id);
  await moveStatus(prisma, vol, {
    ...(change.status !== undefined ? { status: change.status } : {}),
    ...(change.attachStatus !== undefined ? { attachStatus: change.attachStatus } : {}),
    ...(change.migrationStatus !== undefined ? { migrationStatus: change.migrationStatus } : {}),
  });
}
