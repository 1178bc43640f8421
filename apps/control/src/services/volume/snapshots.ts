import { randomUUID } from "node:crypto";
import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import { afterMarker, NEWEST_FIRST } from "../keyset.ts";
import type { VolumeCaller } from "./caller.ts";
import { reserveVolumeQuota } from "./quota-reserve.ts";
import type { VolumeQuotaService } from "./quotas.ts";
import { findVolume, invalidVolume } from "./volumes/lookup.ts";
import type { VolumePublisher } from "./volumes/publisher.ts";
import { SnapshotStatus, VolumeStatus } from "./volumes/states.ts";

export type SnapshotRow = Prisma.VolumeSnapshotGetPayload<object>;

export interface SnapshotDeps {
  prisma: PrismaClient;
  quotas: VolumeQuotaService;
  publisher: VolumePublisher;
}

export interface NewSnapshot {
  volumeId: string;
  name?: string | null | undefined;
  description?: string | null | undefined;
  force?: boolean | undefined;
  metadata?: Record<string, string> | undefined;
}

export function snapshotNotFound(id: string): ZenithError {
  return ZenithError.notFound(`Snapshot ${id} could not be found.`);
}

function visible(caller: VolumeCaller): Prisma.VolumeSnapshotWhereInput {
  return caller.isAdmin ? { deletedAt: null } : { deletedAt: null, projectId: caller.projectId };
}

/**
 * Volume snapshots (Cinder's snapshots API): point-in-time copies kept by
 * the volume's agent inside the volume (qcow2 internal snapshots), so they
 * live and die with the volume's host. Counted in the `snapshots` and
 * `gigabytes` quotas.
 */
export class SnapshotService {
  constructor(private readonly deps: SnapshotDeps) {}

  async create(caller: VolumeCaller, userId: string, input: NewSnapshot): Promise<SnapshotRow> {
    const { prisma } = this.deps;
    const vol = await findVolume(prisma, caller, input.volumeId);
    const inUseOk = vol.status === VolumeStatus.IN_USE && input.force === true;
    if (vol.status !== VolumeStatus.AVAILABLE && !inUseOk) {
      throw invalidVolume(
        vol.status === VolumeStatus.IN_USE
          ? `Volume ${vol.id} is in-use; pass force=True to snapshot an attached volume.`
          : `Volume ${vol.id} status must be available to snapshot it; it is ${vol.status}.`,
      );
    }
    const type = await prisma.volumeType.findUnique({
      where: { id: vol.volumeTypeId },
      select: { name: true },
    });
    const row = await reserveVolumeQuota(
      prisma,
      this.deps.quotas,
      vol.projectId,
      { typeName: type?.name, snapshots: 1, gigabytes: vol.sizeGb },
      async (tx) => {
        const snap = await tx.volumeSnapshot.create({
          data: {
            id: randomUUID(),
            projectId: vol.projectId,
            userId,
            volumeId: vol.id,
            name: input.name ?? null,
            description: input.description ?? null,
            sizeGb: vol.sizeGb,
            status: SnapshotStatus.CREATING,
            metadata: input.metadata ?? {},
          },
        });
        // The volume's desired record lists its snapshots: a new generation for its agent.
        await tx.volume.update({ where: { id: vol.id }, data: { generation: { increment: 1 } } });
        return snap;
      },
    );
    this.deps.publisher.volumesChanged();
    return row;
  }

  async get(caller: VolumeCaller, id: string): Promise<SnapshotRow> {
    const row = await this.deps.prisma.volumeSnapshot.findFirst({
      where: { AND: [{ id }, visible(caller)] },
    });
    if (!row) throw snapshotNotFound(id);
    return row;
  }

  async list(
    caller: VolumeCaller,
    q: {
      allProjects: boolean;
      volumeId?: string | undefined;
      status?: string | undefined;
      name?: string | undefined;
      limit: number;
      marker?: string | undefined;
    },
  ): Promise<{ items: SnapshotRow[]; next: string | undefined }> {
    const where: Prisma.VolumeSnapshotWhereInput = {
      ...(caller.isAdmin && q.allProjects
        ? { deletedAt: null }
        : { deletedAt: null, projectId: caller.projectId }),
      ...(q.volumeId ? { volumeId: q.volumeId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.name ? { name: q.name } : {}),
    };
    const cursor = afterMarker(q.marker ? await this.get(caller, q.marker) : null);
    const rows = await this.deps.prisma.volumeSnapshot.findMany({
      where: { AND: [where, cursor] },
      orderBy: NEWEST_FIRST,
      take: q.limit,
    });
    // As volumes: a full page links the next one, as Cinder's collection links do.
    return { items: rows, next: q.limit > 0 && rows.length === q.limit ? rows.at(-1)?.id : undefined };
  }

  async update(
    caller: VolumeCaller,
    id: string,
    change: {
      name?: string | null | undefined;
      description?: string | null | undefined;
      metadata?: Record<string, string>;
    },
  ): Promise<SnapshotRow> {
    await this.get(caller, id);
    return this.deps.prisma.volumeSnapshot.update({
      where: { id },
      data: {
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.metadata !== undefined ? { metadata: change.metadata } : {}),
      },
    });
  }

  /** Only available or error snapshots, and none a volume is still being made from (Cinder's rules). */
  async delete(caller: VolumeCaller, id: string, opts: { force?: boolean } = {}): Promise<void> {
    const { prisma } = this.deps;
    const snap = await this.get(caller, id);
    const deletable: string[] = [
      SnapshotStatus.AVAILABLE,
      SnapshotStatus.ERROR,
      SnapshotStatus.ERROR_DELETING,
    ];
    if (!opts.force && !deletable.includes(snap.status)) {
      throw ZenithError.badRequest(`Invalid snapshot: Volume Snapshot status must be available or error.`);
    }
    const making = await prisma.volume.count({
      where: { snapshotId: id, deletedAt: null, status: VolumeStatus.CREATING },
    });
    if (making > 0)
      throw ZenithError.badRequest(`Invalid snapshot: a volume is being created from snapshot ${id}.`);
    await prisma.$transaction(async (tx) => {
      await tx.volumeSnapshot.update({ where: { id }, data: { status: SnapshotStatus.DELETING } });
      await tx.volume.update({ where: { id: snap.volumeId }, data: { generation: { increment: 1 } } });
    });
    this.deps.publisher.volumesChanged();
  }

  async resetStatus(caller: VolumeCaller, id: string, status: string): Promise<void> {
    await this.get(caller, id);
    await this.deps.prisma.volumeSnapshot.update({ where: { id }, data: { status } });
  }
}
