import type { Prisma, PrismaClient } from "@zenith/db/client";
import { upsertProjectLimits } from "../quota-rows.ts";
import {
  isVolumeQuotaResource,
  PER_TYPE_DEFAULT,
  PER_TYPE_PREFIXES,
  VOLUME_QUOTA_DEFAULTS,
  VOLUME_QUOTA_RESOURCES,
} from "./quota-resources.ts";

type Db = Prisma.TransactionClient | PrismaClient;

/** Resource name → hard limit (-1 = unlimited): the global resources, then each type's three. */
export type VolumeQuotaLimits = Record<string, number>;
/** Resource name → amount in use, for the same keys. */
export type VolumeQuotaUsage = Record<string, number>;

/**
 * Cinder's quotas: limits (defaults overridden per project) and usage
 * counted from the live (not deleted) volume, snapshot and backup rows, so
 * they can never drift from what exists. Per-type keys exist for every
 * volume type, named after it.
 */
export class VolumeQuotaService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Every resource key this cloud has now: the fixed ones, then `<prefix>_<type>` for each type. */
  async resourceNames(db: Db = this.prisma): Promise<string[]> {
    const types = await db.volumeType.findMany({ select: { name: true }, orderBy: { name: "asc" } });
    return [
      ...VOLUME_QUOTA_RESOURCES,
      ...types.flatMap((t) => PER_TYPE_PREFIXES.map((prefix) => `${prefix}_${t.name}`)),
    ];
  }

  async defaults(db: Db = this.prisma): Promise<VolumeQuotaLimits> {
    const names = await this.resourceNames(db);
    const rows = await db.quotaDefault.findMany({ where: { resource: { in: names } } });
    const limits = baseLimits(names);
    for (const row of rows) limits[row.resource] = row.hardLimit;
    return limits;
  }

  async limits(projectId: string, db: Db = this.prisma): Promise<VolumeQuotaLimits> {
    const names = await this.resourceNames(db);
    const [limits, rows] = await Promise.all([
      this.defaults(db),
      db.quota.findMany({ where: { projectId, resource: { in: names } } }),
    ]);
    for (const row of rows) limits[row.resource] = row.hardLimit;
    return limits;
  }

  async setLimits(projectId: string, values: VolumeQuotaLimits): Promise<VolumeQuotaLimits> {
    await upsertProjectLimits(this.prisma, projectId, values);
    return this.limits(projectId);
  }

  async setDefaults(values: VolumeQuotaLimits): Promise<VolumeQuotaLimits> {
    await this.prisma.$transaction(
      Object.entries(values).map(([resource, hardLimit]) =>
        this.prisma.quotaDefault.upsert({
          where: { resource },
          create: { resource, hardLimit },
          update: { hardLimit },
        }),
      ),
    );
    return this.defaults();
  }

  /** Back to the defaults (`DELETE os-quota-sets/{project}`): only Cinder's rows, not Nova's or Neutron's. */
  async reset(projectId: string): Promise<void> {
    const names = await this.resourceNames();
    await this.prisma.quota.deleteMany({ where: { projectId, resource: { in: names } } });
  }

  /**
   * What the project uses, from the live rows. `gigabytes` counts volumes
   * and snapshots, as Cinder's default (no_snapshot_gb_quota = false).
   */
  async usage(projectId: string, db: Db = this.prisma): Promise<VolumeQuotaUsage> {
    const names = await this.resourceNames(db);
    const used: VolumeQuotaUsage = Object.fromEntries(names.map((n) => [n, 0]));
    const [volumes, snapshots, backups] = await Promise.all([
      db.$queryRaw<Array<{ type: string | null; count: bigint; gb: bigint | null }>>`
        SELECT t.name AS type, count(*) AS count, sum(v.size_gb) AS gb
          FROM volume v LEFT JOIN volume_type t ON t.id = v.volume_type_id
         WHERE v.project_id = ${projectId} AND v.deleted_at IS NULL
         GROUP BY t.name`,
      db.$queryRaw<Array<{ type: string | null; count: bigint; gb: bigint | null }>>`
        SELECT t.name AS type, count(*) AS count, sum(s.size_gb) AS gb
          FROM volume_snapshot s
          JOIN volume v ON v.id = s.volume_id
          LEFT JOIN volume_type t ON t.id = v.volume_type_id
         WHERE s.project_id = ${projectId} AND s.deleted_at IS NULL
         GROUP BY t.name`,
      db.$queryRaw<Array<{ count: bigint; gb: bigint | null }>>`
        SELECT count(*) AS count, sum(size_gb) AS gb
          FROM volume_backup
         WHERE project_id = ${projectId} AND deleted_at IS NULL`,
    ]);
    const add = (key: string, amount: number) => {
      if (key in used) used[key] = (used[key] ?? 0) + amount;
    };
    for (const row of volumes) {
      add("volumes", Number(row.count));
      add("gigabytes", Number(row.gb ?? 0));
      if (row.type !== null) {
        add(`volumes_${row.type}`, Number(row.count));
        add(`gigabytes_${row.type}`, Number(row.gb ?? 0));
      }
    }
    for (const row of snapshots) {
      add("snapshots", Number(row.count));
      add("gigabytes", Number(row.gb ?? 0));
      if (row.type !== null) {
        add(`snapshots_${row.type}`, Number(row.count));
        add(`gigabytes_${row.type}`, Number(row.gb ?? 0));
      }
    }
    const backup = backups[0];
    add("backups", Number(backup?.count ?? 0));
    add("backup_gigabytes", Number(backup?.gb ?? 0));
    return used;
  }
}

function baseLimits(names: readonly string[]): VolumeQuotaLimits {
  return Object.fromEntries(
    names.map((name) => [name, isVolumeQuotaResource(name) ? VOLUME_QUOTA_DEFAULTS[name] : PER_TYPE_DEFAULT]),
  );
}
