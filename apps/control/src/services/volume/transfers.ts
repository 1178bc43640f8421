import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { VolumeCaller } from "./caller.ts";
import { reserveVolumeQuota } from "./quota-reserve.ts";
import type { VolumeQuotaService } from "./quotas.ts";
import { findVolume, invalidVolume } from "./volumes/lookup.ts";
import { VolumeStatus } from "./volumes/states.ts";

export type TransferRow = Prisma.VolumeTransferGetPayload<object>;

export function transferNotFound(id: string): ZenithError {
  return ZenithError.notFound(`Transfer ${id} could not be found.`);
}

/** Cinder's transfer key: 16 hex characters, shown once; only a salted sha256 is kept. */
function hashKey(salt: string, key: string): string {
  return createHash("sha256").update(`${salt}${key}`).digest("hex");
}

/**
 * Volume transfers between projects (Cinder's os-volume-transfer): the
 * owner offers an available volume (it waits `awaiting-transfer`) and gets
 * a one-time auth key; any project that presents the transfer id and key
 * takes the volume (and its snapshots unless `no_snapshots`), within its
 * own quota. The key is never stored.
 */
export class TransferService {
  constructor(private readonly deps: { prisma: PrismaClient; quotas: VolumeQuotaService }) {}

  async create(
    caller: VolumeCaller,
    input: { volumeId: string; name?: string | null | undefined; noSnapshots?: boolean | undefined },
  ): Promise<{ transfer: TransferRow; authKey: string }> {
    const { prisma } = this.deps;
    const vol = await findVolume(prisma, caller, input.volumeId);
    if (vol.status !== VolumeStatus.AVAILABLE) {
      throw invalidVolume(`status must be available to transfer; volume ${vol.id} is ${vol.status}.`);
    }
    const authKey = randomBytes(8).toString("hex");
    const salt = randomBytes(8).toString("hex");
    const transfer = await prisma.$transaction(async (tx) => {
      const { count } = await tx.volume.updateMany({
        where: { id: vol.id, status: VolumeStatus.AVAILABLE, deletedAt: null },
        data: { status: VolumeStatus.AWAITING_TRANSFER },
      });
      if (count === 0) throw invalidVolume(`Volume ${vol.id} changed status meanwhile; try again.`);
      return tx.volumeTransfer.create({
        data: {
          id: randomUUID(),
          volumeId: vol.id,
          projectId: vol.projectId,
          name: input.name ?? null,
          salt,
          cryptHash: hashKey(salt, authKey),
          noSnapshots: input.noSnapshots ?? false,
        },
      });
    });
    return { transfer, authKey };
  }

  /** The caller's own transfers (admins: every project's with allProjects). */
  list(caller: VolumeCaller, allProjects: boolean): Promise<TransferRow[]> {
    return this.deps.prisma.volumeTransfer.findMany({
      where: caller.isAdmin && allProjects ? {} : { projectId: caller.projectId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 1000,
    });
  }

  async get(caller: VolumeCaller, id: string): Promise<TransferRow> {
    const row = await this.deps.prisma.volumeTransfer.findFirst({
      where: { id, ...(caller.isAdmin ? {} : { projectId: caller.projectId }) },
    });
    if (!row) throw transferNotFound(id);
    return row;
  }

  async delete(caller: VolumeCaller, id: string): Promise<void> {
    const t = await this.get(caller, id);
    await this.deps.prisma.$transaction(async (tx) => {
      await tx.volumeTransfer.delete({ where: { id: t.id } });
      await tx.volume.updateMany({
        where: { id: t.volumeId, status: VolumeStatus.AWAITING_TRANSFER },
        data: { status: VolumeStatus.AVAILABLE },
      });
    });
  }

  /** Any project with the id and key takes the volume; a wrong key is Cinder's 400 (not 404: the id was right). */
  async accept(caller: VolumeCaller, userId: string, id: string, authKey: string): Promise<TransferRow> {
    const { prisma } = this.deps;
    const t = await prisma.volumeTransfer.findUnique({ where: { id } });
    if (!t) throw transferNotFound(id);
    const expected = Buffer.from(t.cryptHash, "hex");
    const given = Buffer.from(hashKey(t.salt, authKey), "hex");
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw ZenithError.badRequest(
        `Invalid auth key: Attempt to transfer ${t.volumeId} with invalid auth key.`,
      );
    }
    const vol = await prisma.volume.findUnique({ where: { id: t.volumeId } });
    if (!vol || vol.deletedAt !== null) throw transferNotFound(id);
    const snapshots = t.noSnapshots
      ? []
      : await prisma.volumeSnapshot.findMany({ where: { volumeId: vol.id, deletedAt: null } });
    const type = await prisma.volumeType.findUnique({
      where: { id: vol.volumeTypeId },
      select: { name: true },
    });
    await reserveVolumeQuota(
      prisma,
      this.deps.quotas,
      caller.projectId,
      {
        typeName: type?.name,
        volumes: 1,
        snapshots: snapshots.length,
        gigabytes: vol.sizeGb + snapshots.reduce((n, s) => n + s.sizeGb, 0),
        volumeSizeGb: vol.sizeGb,
      },
      async (tx) => {
        const gone = await tx.volumeTransfer.deleteMany({ where: { id } });
        if (gone.count === 0) throw transferNotFound(id);
        await tx.volume.update({
          where: { id: vol.id },
          data: { projectId: caller.projectId, userId, status: VolumeStatus.AVAILABLE },
        });
        if (snapshots.length > 0) {
          await tx.volumeSnapshot.updateMany({
            where: { id: { in: snapshots.map((s) => s.id) } },
            data: { projectId: caller.projectId, userId },
          });
        }
      },
    );
    return t;
  }
}
