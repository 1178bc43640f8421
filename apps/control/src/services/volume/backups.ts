import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { ZenithError } from "@zenith/core/errors";
import type { Logger } from "@zenith/core/logger";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { ImageStore } from "../image/store.ts";
import { afterMarker, NEWEST_FIRST } from "../keyset.ts";
import type { VolumeCaller } from "./caller.ts";
import { reserveVolumeQuota } from "./quota-reserve.ts";
import type { VolumeQuotaService } from "./quotas.ts";
import { findVolume, invalidVolume } from "./volumes/lookup.ts";
import type { VolumePublisher } from "./volumes/publisher.ts";
import type { VolumeService } from "./volumes/service.ts";
import { SnapshotStatus, VolumeStatus } from "./volumes/states.ts";

export type BackupRow = Prisma.VolumeBackupGetPayload<object>;

export const BackupStatus = {
  CREATING: "creating",
  AVAILABLE: "available",
  DELETING: "deleting",
  RESTORING: "restoring",
  ERROR: "error",
} as const;

export interface BackupDeps {
  prisma: PrismaClient;
  quotas: VolumeQuotaService;
  publisher: VolumePublisher;
  volumes: VolumeService;
  /** Backup data: one qcow2 file per backup under `<data>/backups` (the same atomic file store as images). */
  store: ImageStore;
  logger: Logger;
}

export function backupNotFound(id: string): ZenithError {
  return ZenithError.notFound(`Backup ${id} could not be found.`);
}

/**
 * Cinder's backups, to a file store in the control plane's data folder:
 * the volume's agent copies the volume (or one of its snapshots) as qcow2
 * and sends it (`PUT agentBackupFilePath`); a restore is a new volume whose
 * agent reads the file back. Backups outlive their volume. Counted in the
 * `backups` and `backup_gigabytes` quotas.
 */
export class BackupService {
  constructor(private readonly deps: BackupDeps) {}

  async create(
    caller: VolumeCaller,
    userId: string,
    input: {
      volumeId: string;
      name?: string | null | undefined;
      description?: string | null | undefined;
      force?: boolean | undefined;
      snapshotId?: string | null | undefined;
      incremental?: boolean | undefined;
      metadata?: Record<string, string> | undefined;
    },
  ): Promise<BackupRow> {
    const { prisma } = this.deps;
    const vol = await findVolume(prisma, caller, input.volumeId);
    if (input.incremental) {
      throw ZenithError.badRequest(
        "Invalid backup: incremental backups are not supported by this cloud; make a full one.",
      );
    }
    const inUseOk = vol.status === VolumeStatus.IN_USE && input.force === true;
    if (vol.status !== VolumeStatus.AVAILABLE && !inUseOk) {
      throw invalidVolume(
        vol.status === VolumeStatus.IN_USE
          ? `Volume ${vol.id} is in-use; pass force=True to back up an attached volume.`
          : `Volume to be backed up must be available or in-use, but the current status is "${vol.status}".`,
      );
    }
    if (input.snapshotId) {
      const snap = await prisma.volumeSnapshot.findFirst({
        where: { id: input.snapshotId, volumeId: vol.id, deletedAt: null },
      });
      if (!snap) throw ZenithError.notFound(`Snapshot ${input.snapshotId} could not be found.`);
      if (snap.status !== SnapshotStatus.AVAILABLE) {
        throw ZenithError.badRequest(
          `Invalid snapshot: Snapshot to be backed up must be available, but the current status is "${snap.status}".`,
        );
      }
    }
    const row = await reserveVolumeQuota(
      prisma,
      this.deps.quotas,
      vol.projectId,
      { backups: 1, backup_gigabytes: vol.sizeGb },
      async (tx) => {
        const { count } = await tx.volume.updateMany({
          where: { id: vol.id, status: vol.status, deletedAt: null },
          data: { status: VolumeStatus.BACKING_UP, previousStatus: vol.status },
        });
        if (count === 0) throw invalidVolume(`Volume ${vol.id} changed status meanwhile; try again.`);
        return tx.volumeBackup.create({
          data: {
            id: randomUUID(),
            projectId: vol.projectId,
            userId,
            volumeId: vol.id,
            snapshotId: input.snapshotId ?? null,
            name: input.name ?? null,
            description: input.description ?? null,
            sizeGb: vol.sizeGb,
            status: BackupStatus.CREATING,
            availabilityZone: vol.availabilityZone,
            container: "backups",
            host: vol.host,
            metadata: input.metadata ?? {},
          },
        });
      },
    );
    this.deps.publisher.volumesChanged();
    return row;
  }

  async get(caller: VolumeCaller, id: string): Promise<BackupRow> {
    const row = await this.deps.prisma.volumeBackup.findFirst({
      where: { id, deletedAt: null, ...(caller.isAdmin ? {} : { projectId: caller.projectId }) },
    });
    if (!row) throw backupNotFound(id);
    return row;
  }

  /**
   * A page of backups, newest first, filtered as `volume backup list`
   * asks (`name`, `status`, `volume_id`: exact, as Cinder without LIKE
   * filters). The marker is a backup id the caller sees; the page starts
   * after it.
   */
  async list(
    caller: VolumeCaller,
    q: {
      allProjects: boolean;
      volumeId?: string | undefined;
      name?: string | undefined;
      status?: string | undefined;
      limit: number;
      marker?: string | undefined;
    },
  ): Promise<{ items: BackupRow[]; next: string | undefined }> {
    const where: Prisma.VolumeBackupWhereInput = {
      deletedAt: null,
      ...(caller.isAdmin && q.allProjects ? {} : { projectId: caller.projectId }),
      ...(q.volumeId ? { volumeId: q.volumeId } : {}),
      ...(q.name ? { name: q.name } : {}),
      ...(q.status ? { status: q.status } : {}),
    };
    const cursor = afterMarker(q.marker ? await this.get(caller, q.marker) : null);
    const rows = await this.deps.prisma.volumeBackup.findMany({
      where: { AND: [where, cursor] },
      orderBy: NEWEST_FIRST,
      take: q.limit + 1,
    });
    const items = rows.slice(0, q.limit);
    return { items, next: rows.length > q.limit ? items.at(-1)?.id : undefined };
  }

  /** `PUT /backups/{id}` (3.9; metadata from 3.43): name, description and metadata, whatever the status. */
  async update(
    caller: VolumeCaller,
    id: string,
    change: {
      name?: string | null | undefined;
      description?: string | null | undefined;
      metadata?: Record<string, string> | undefined;
    },
  ): Promise<BackupRow> {
    await this.get(caller, id);
    return this.deps.prisma.volumeBackup.update({
      where: { id },
      data: {
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.metadata !== undefined ? { metadata: change.metadata } : {}),
      },
    });
  }

  /** Only available or error backups; the file goes with the row. */
  async delete(caller: VolumeCaller, id: string, force = false): Promise<void> {
    const b = await this.get(caller, id);
    const deletable: string[] = [BackupStatus.AVAILABLE, BackupStatus.ERROR];
    if (!force && !deletable.includes(b.status)) {
      throw ZenithError.badRequest(
        `Invalid backup: Backup status must be available or error, but is ${b.status}.`,
      );
    }
    const restoring = await this.deps.prisma.volume.count({
      where: { restoreBackupId: id, status: VolumeStatus.CREATING, deletedAt: null },
    });
    if (restoring > 0) throw ZenithError.badRequest(`Invalid backup: backup ${id} is being restored.`);
    await this.deps.prisma.volumeBackup.update({
      where: { id },
      data: { status: "deleted", deletedAt: new Date() },
    });
    await this.deps.store.remove(id).catch((err: unknown) => {
      this.deps.logger.warn({ err, backupId: id }, "backup file could not be removed");
    });
  }

  /**
   * Restores into a new volume (Cinder's restore without `volume_id`): the
   * volume is made from the backup's data by any volume host with room.
   */
  async restore(
    caller: VolumeCaller,
    userId: string,
    id: string,
    opts: { volumeId?: string | null | undefined; name?: string | null | undefined },
  ): Promise<{ backupId: string; volumeId: string; volumeName: string | null }> {
    const b = await this.get(caller, id);
    if (b.status !== BackupStatus.AVAILABLE) {
      throw ZenithError.badRequest(`Invalid backup: Backup status must be available, but is ${b.status}.`);
    }
    if (opts.volumeId) {
      throw ZenithError.badRequest(
        "Restoring into an existing volume is not supported by this cloud: restore without a volume to get a new one.",
      );
    }
    const vol = await this.deps.volumes.create(caller, userId, {
      sizeGb: b.sizeGb,
      name: opts.name ?? `restore_backup_${id}`,
      backupId: id,
    });
    return { backupId: id, volumeId: vol.id, volumeName: vol.name };
  }

  async resetStatus(caller: VolumeCaller, id: string, status: string): Promise<void> {
    await this.get(caller, id);
    await this.deps.prisma.volumeBackup.update({ where: { id }, data: { status } });
  }

  /** `PUT agentBackupFilePath`: only for a backup the caller's host is making. */
  async receive(host: string | null, id: string, data: Readable): Promise<number> {
    const b = await this.deps.prisma.volumeBackup.findFirst({
      where: { id, deletedAt: null, status: BackupStatus.CREATING, ...(host === null ? {} : { host }) },
    });
    if (!b) throw backupNotFound(id);
    const stored = await this.deps.store.write(id, data, { maxBytes: (b.sizeGb + 1) * 1024 ** 3 * 2 });
    return stored.size;
  }

  /** `GET agentBackupFilePath`: only for a volume being restored from it on the caller's host. */
  async send(host: string | null, id: string): Promise<Readable> {
    const restoring = await this.deps.prisma.volume.findFirst({
      where: {
        restoreBackupId: id,
        status: VolumeStatus.CREATING,
        deletedAt: null,
        ...(host === null ? {} : { host }),
      },
      select: { id: true },
    });
    if (!restoring || !this.deps.store.exists(id)) throw backupNotFound(id);
    return this.deps.store.read(id);
  }
}

/** The agent finished (or failed) a backup: the backup's status and the volume's return. */
export async function finishBackup(
  prisma: PrismaClient,
  r: { backupId: string; ok: boolean; sizeBytes?: number | undefined; message?: string | undefined },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const b = await tx.volumeBackup.findFirst({ where: { id: r.backupId, status: BackupStatus.CREATING } });
    if (!b) return false;
    await tx.volumeBackup.update({
      where: { id: b.id },
      data: r.ok
        ? { status: BackupStatus.AVAILABLE, objectCount: 1 }
        : { status: BackupStatus.ERROR, failReason: (r.message ?? "backup failed").slice(0, 1024) },
    });
    const vol = await tx.volume.findFirst({ where: { id: b.volumeId, status: VolumeStatus.BACKING_UP } });
    if (vol) {
      await tx.volume.update({
        where: { id: vol.id },
        data: { status: vol.previousStatus ?? VolumeStatus.AVAILABLE, previousStatus: null },
      });
    }
    return true;
  });
}
