import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { VolumeCaller } from "../caller.ts";

type Db = Prisma.TransactionClient | PrismaClient;

/** What every volume read includes: the attachments rendered in its body and its type's name. */
export const VOLUME_INCLUDE = {
  attachments: { orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.VolumeInclude;
export type VolumeRow = Prisma.VolumeGetPayload<{ include: typeof VOLUME_INCLUDE }>;

export function volumeNotFound(id: string): ZenithError {
  return ZenithError.notFound(`Volume ${id} could not be found.`);
}

/** Live volumes the caller may see: its project's, every project's for admins. */
export function visibleVolumes(caller: VolumeCaller): Prisma.VolumeWhereInput {
  return caller.isAdmin ? { deletedAt: null } : { deletedAt: null, projectId: caller.projectId };
}

/** One live volume the caller may see, or 404 (another project's volume does not exist for it). */
export async function findVolume(db: Db, caller: VolumeCaller, id: string): Promise<VolumeRow> {
  const row = await db.volume.findFirst({
    where: { AND: [{ id }, visibleVolumes(caller)] },
    include: VOLUME_INCLUDE,
  });
  if (!row) throw volumeNotFound(id);
  return row;
}

/** Cinder's 400 InvalidVolume for an operation the volume's status does not allow. */
export function invalidVolume(message: string): ZenithError {
  return ZenithError.badRequest(`Invalid volume: ${message}`);
}

/** Type names for rendering (`volume_type` is the name; soft-deleted volumes may name a type that is gone). */
export async function typeNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.volumeType.findMany({
    where: { id: { in: unique } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, r.name]));
}
