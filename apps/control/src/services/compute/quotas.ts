import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import { upsertProjectLimits } from "../quota-rows.ts";

/** Nova's quota resources and their upstream defaults (nova/conf/quota.py). */
export const QUOTA_DEFAULTS = {
  instances: 10,
  cores: 20,
  ram: 51200,
  key_pairs: 100,
  metadata_items: 128,
  injected_files: 5,
  injected_file_content_bytes: 10240,
  injected_file_path_bytes: 255,
  server_groups: 10,
  server_group_members: 10,
} as const;
export type QuotaResource = keyof typeof QUOTA_DEFAULTS;
export const QUOTA_RESOURCES = Object.keys(QUOTA_DEFAULTS) as QuotaResource[];
export type QuotaLimits = Record<QuotaResource, number>;

export interface ComputeUsage {
  instances: number;
  cores: number;
  ram: number;
}

type Tx = Prisma.TransactionClient;

/**
 * Quota limits (defaults overridden per project; -1 = unlimited) and usage
 * counted from live instances. `reserve` checks and writes under a
 * per-project lock inside one transaction, so concurrent launches can never
 * overshoot a limit.
 */
export class QuotaService {
  constructor(private readonly prisma: PrismaClient) {}

  async defaults(db: Tx | PrismaClient = this.prisma): Promise<QuotaLimits> {
    const rows = await db.quotaDefault.findMany();
    const limits: QuotaLimits = { ...QUOTA_DEFAULTS };
    for (const row of rows) if (isResource(row.resource)) limits[row.resource] = row.hardLimit;
    return limits;
  }

  async limits(projectId: string, db: Tx | PrismaClient = this.prisma): Promise<QuotaLimits> {
    const [limits, rows] = await Promise.all([
      this.defaults(db),
      db.quota.findMany({ where: { projectId } }),
    ]);
    for (const row of rows) if (isResource(row.resource)) limits[row.resource] = row.hardLimit;
    return limits;
  }

  async setDefaults(values: Partial<QuotaLimits>): Promise<QuotaLimits> {
    await this.prisma.$transaction(
      Object.entries(values).map(([resource, hardLimit]) =>
        this.prisma.quotaDefault.upsert({
          where: { resource },
          create: { resource, hardLimit: hardLimit ?? 0 },
          update: { hardLimit: hardLimit ?? 0 },
        }),
      ),
    );
    return this.defaults();
  }

  async setLimits(projectId: string, values: Partial<QuotaLimits>): Promise<QuotaLimits> {
    await upsertProjectLimits(this.prisma, projectId, values);
    return this.limits(projectId);
  }

  /** Back to the defaults (`DELETE os-quota-sets/{project}`). */
  async reset(projectId: string): Promise<void> {
    await this.prisma.quota.deleteMany({ where: { projectId } });
  }

  /** Instances, vCPUs and RAM in use by a project's live (not deleted) instances. */
  async usage(projectId: string, db: Tx | PrismaClient = this.prisma): Promise<ComputeUsage> {
    const rows = await db.$queryRaw<Array<{ instances: bigint; cores: bigint | null; ram: bigint | null }>>`
      SELECT count(*) AS instances,
             sum((flavor->>'vcpus')::int) AS cores,
             sum((flavor->>'ram')::int) AS ram
        FROM instance
       WHERE project_id = ${projectId} AND deleted_at IS NULL`;
    const row = rows[0];
    return {
      instances: Number(row?.instances ?? 0),
      cores: Number(row?.cores ?? 0),
      ram: Number(row?.ram ?? 0),
    };
  }

  /**
   * Runs `fn` in a transaction holding the project's quota lock after
   * checking that `delta` fits; `fn` writes the rows that consume it.
   * Throws Nova's 403 "Quota exceeded for cores: Requested 4, but already
   * used 18 of 20 cores" otherwise.
   */
  async reserve<T>(projectId: string, delta: Partial<ComputeUsage>, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`quota:${projectId}`}))`;
        const [limits, used] = await Promise.all([this.limits(projectId, tx), this.usage(projectId, tx)]);
        for (const resource of ["instances", "cores", "ram"] as const) {
          const want = delta[resource] ?? 0;
          const limit = limits[resource];
          if (want > 0 && limit >= 0 && used[resource] + want > limit) {
            throw new ZenithError(
              "OVER_LIMIT",
              `Quota exceeded for ${resource}: Requested ${want}, but already used ${used[resource]} of ${limit} ${resource}`,
            );
          }
        }
        return fn(tx);
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
  }
}

function isResource(name: string): name is QuotaResource {
  return name in QUOTA_DEFAULTS;
}
