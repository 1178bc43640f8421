import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import { upsertProjectLimits } from "../quota-rows.ts";

/**
 * Glance's unified-limits resources and Zenith's defaults (Glance has no
 * defaults of its own: an operator registers them in Keystone). Sizes are
 * MiB, as Glance counts them. Per-project values live in the same quota
 * tables as Nova's, under these names; -1 is unlimited.
 */
export const IMAGE_QUOTA_DEFAULTS = {
  /** Images a project owns (not deleted). */
  image_count_total: 1000,
  /** MiB of image data a project owns. */
  image_size_total: 1024 * 1024,
  /** MiB in the import staging area: Zenith has no staging (no image import), so nothing counts here. */
  image_stage_total: 1024 * 1024,
  /** A project's images receiving data at once. */
  image_count_uploading: 10,
} as const;
export type ImageQuotaResource = keyof typeof IMAGE_QUOTA_DEFAULTS;
export type ImageQuotaLimits = Record<ImageQuotaResource, number>;

const MIB = 1024 * 1024;
const UPLOADING = ["saving", "uploading", "importing"];

type Db = Prisma.TransactionClient | PrismaClient;

function isImageResource(name: string): name is ImageQuotaResource {
  return Object.hasOwn(IMAGE_QUOTA_DEFAULTS, name);
}

/** The owner's image-quota lock, held until the transaction ends. */
async function lock(tx: Prisma.TransactionClient, projectId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`image-quota:${projectId}`}))`;
}

/** The 413 of an upload cut at the project's remaining `image_size_total`. */
export function sizeQuotaExceeded(projectId: string, limitMib: number): ZenithError {
  return new ZenithError(
    "PAYLOAD_TOO_LARGE",
    `Denying attempt to upload image because it exceeds the quota: project ${projectId} may store ${limitMib} MiB of images (image_size_total)`,
  );
}

/** oslo.limit's words, which Glance passes on in its 413. */
function overLimit(
  projectId: string,
  resource: string,
  limit: number,
  used: number,
  delta: number,
): ZenithError {
  return new ZenithError(
    "PAYLOAD_TOO_LARGE",
    `Project ${projectId} is over a limit for [Resource ${resource} is over limit of ${limit} due to current usage ${used} and delta ${delta}]`,
  );
}

/**
 * Image quotas (Glance's `image_count_total`, `image_size_total`,
 * `image_count_uploading`), checked on create and upload under a
 * per-project lock so concurrent requests cannot overshoot a count.
 */
export class ImageQuotas {
  constructor(private readonly prisma: PrismaClient) {}

  async limits(projectId: string, db: Db = this.prisma): Promise<ImageQuotaLimits> {
    const names = Object.keys(IMAGE_QUOTA_DEFAULTS);
    const [defaults, own] = await Promise.all([
      db.quotaDefault.findMany({ where: { resource: { in: names } } }),
      db.quota.findMany({ where: { projectId, resource: { in: names } } }),
    ]);
    const limits: ImageQuotaLimits = { ...IMAGE_QUOTA_DEFAULTS };
    for (const row of [...defaults, ...own])
      if (isImageResource(row.resource)) limits[row.resource] = row.hardLimit;
    return limits;
  }

  /** Sets a project's limits (the admin's lever until Keystone's limits API exists here). */
  async setLimits(projectId: string, values: Partial<ImageQuotaLimits>): Promise<void> {
    await upsertProjectLimits(this.prisma, projectId, values);
  }

  /** Glance's `GET /v2/info/usage`: each resource's limit and use (sizes in whole MiB). */
  async usage(projectId: string): Promise<Record<ImageQuotaResource, { limit: number; usage: number }>> {
    const db = this.prisma;
    const live = { ownerId: projectId, deletedAt: null };
    const [limits, count, uploading, sum] = await Promise.all([
      this.limits(projectId),
      db.image.count({ where: live }),
      db.image.count({ where: { ...live, status: { in: UPLOADING } } }),
      db.image.aggregate({ where: live, _sum: { size: true } }),
    ]);
    return {
      image_size_total: {
        limit: limits.image_size_total,
        usage: Math.floor(Number(sum._sum.size ?? 0n) / MIB),
      },
      image_count_total: { limit: limits.image_count_total, usage: count },
      image_stage_total: { limit: limits.image_stage_total, usage: 0 },
      image_count_uploading: { limit: limits.image_count_uploading, usage: uploading },
    };
  }

  /** Runs `fn` holding the owner's image-quota lock, in one transaction. */
  locked<T>(projectId: string, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await lock(tx, projectId);
        return fn(tx);
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
  }

  /**
   * One more image for the owner (create): 413 past `image_count_total`.
   * Takes the owner's lock in `tx` (re-entrant), so the caller's insert in
   * the same transaction cannot race another create.
   */
  async checkCreate(tx: Prisma.TransactionClient, projectId: string): Promise<void> {
    await lock(tx, projectId);
    const limit = (await this.limits(projectId, tx)).image_count_total;
    if (limit < 0) return;
    const used = await tx.image.count({ where: { ownerId: projectId, deletedAt: null } });
    if (used + 1 > limit) throw overLimit(projectId, "image_count_total", limit, used, 1);
  }

  /**
   * One more upload for the owner: 413 past `image_count_uploading`, or
   * when `image_size_total` is already used up. Returns how many bytes the
   * upload may still bring (the stream is cut there, as Glance's limiting
   * reader does), or Infinity.
   */
  async checkUpload(tx: Prisma.TransactionClient, projectId: string): Promise<number> {
    const limits = await this.limits(projectId, tx);
    const uploading = limits.image_count_uploading;
    if (uploading >= 0) {
      const used = await tx.image.count({
        where: { ownerId: projectId, deletedAt: null, status: { in: UPLOADING } },
      });
      if (used + 1 > uploading) throw overLimit(projectId, "image_count_uploading", uploading, used, 1);
    }
    const size = limits.image_size_total;
    if (size < 0) return Number.POSITIVE_INFINITY;
    const sum = await tx.image.aggregate({
      where: { ownerId: projectId, deletedAt: null },
      _sum: { size: true },
    });
    const usedBytes = Number(sum._sum.size ?? 0n);
    const remaining = size * MIB - usedBytes;
    if (remaining <= 0) throw overLimit(projectId, "image_size_total", size, Math.ceil(usedBytes / MIB), 0);
    return remaining;
  }
}
