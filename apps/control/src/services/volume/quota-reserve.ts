import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { VolumeQuotaService } from "./quotas.ts";

/** What an operation is about to add to a project. */
export interface VolumeQuotaDelta {
  /** The type of the new volume or snapshot: its `volumes_<type>` / `gigabytes_<type>` / `snapshots_<type>` are checked too. */
  typeName?: string | undefined;
  volumes?: number;
  snapshots?: number;
  /** GiB of new volumes and snapshots (Cinder's `gigabytes` counts both). */
  gigabytes?: number;
  backups?: number;
  backup_gigabytes?: number;
  /** Size of the one new volume, checked against `per_volume_gigabytes`. */
  volumeSizeGb?: number;
}

type Tx = Prisma.TransactionClient;

/** Cinder's QuotaError family: 413 `overLimit`, with upstream's messages. */
function exceeded(resource: string, limit: number, used: number, requested: number): ZenithError {
  const [base] = resource.split("_");
  let message: string;
  if (resource === "backup_gigabytes") {
    message = `Requested backup exceeds allowed Backup gigabytes quota. Requested ${requested}G, quota is ${limit}G and ${used}G has been consumed.`;
  } else if (base === "gigabytes") {
    message = `Requested volume or snapshot exceeds allowed ${resource} quota. Requested ${requested}G, quota is ${limit}G and ${used}G has been consumed.`;
  } else if (base === "volumes") {
    message = `Maximum number of volumes allowed (${limit}) exceeded for quota '${resource}'.`;
  } else if (base === "snapshots") {
    message = `Maximum number of snapshots allowed (${limit}) exceeded for quota '${resource}'.`;
  } else {
    message = `Maximum number of backups allowed (${limit}) exceeded`;
  }
  return new ZenithError("PAYLOAD_TOO_LARGE", message);
}

/**
 * Runs `fn` (which writes the rows that consume the quota) in a
 * transaction holding the project's volume-quota lock, after checking that
 * `delta` fits every limit it touches. Usage is counted from the rows
 * themselves inside the lock, so concurrent creates can never overshoot
 * and nothing needs reconciling later (no reservations table).
 */
export async function reserveVolumeQuota<T>(
  prisma: PrismaClient,
  quotas: VolumeQuotaService,
  projectId: string,
  delta: VolumeQuotaDelta,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`cinder-quota:${projectId}`}))`;
      const [limits, used] = await Promise.all([quotas.limits(projectId, tx), quotas.usage(projectId, tx)]);
      const perVolume = limits.per_volume_gigabytes ?? -1;
      if (delta.volumeSizeGb !== undefined && perVolume >= 0 && delta.volumeSizeGb > perVolume) {
        throw new ZenithError(
          "PAYLOAD_TOO_LARGE",
          `Requested volume size ${delta.volumeSizeGb}G is larger than maximum allowed limit ${perVolume}G.`,
        );
      }
      const wants: Array<[string, number]> = [];
      for (const key of ["volumes", "snapshots", "gigabytes", "backups", "backup_gigabytes"] as const) {
        const amount = delta[key] ?? 0;
        if (amount <= 0) continue;
        wants.push([key, amount]);
        if (delta.typeName !== undefined && key !== "backups" && key !== "backup_gigabytes") {
          wants.push([`${key}_${delta.typeName}`, amount]);
        }
      }
      for (const [resource, amount] of wants) {
        const limit = limits[resource];
        const inUse = used[resource] ?? 0;
        if (limit !== undefined && limit >= 0 && inUse + amount > limit) {
          throw exceeded(resource, limit, inUse, amount);
        }
      }
      return fn(tx);
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
