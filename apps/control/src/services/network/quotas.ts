import type { Prisma, PrismaClient } from "@zenith/db/client";
import { upsertProjectLimits } from "../quota-rows.ts";
import { overQuota } from "./errors.ts";

/** Neutron's quota resources and their upstream defaults (neutron/conf/quota.py). */
export const NETWORK_QUOTA_DEFAULTS = {
  network: 100,
  subnet: 100,
  port: 500,
  router: 10,
  floatingip: 50,
  security_group: 10,
  security_group_rule: 100,
} as const;
export type NetworkQuotaResource = keyof typeof NETWORK_QUOTA_DEFAULTS;
export const NETWORK_QUOTA_RESOURCES = Object.keys(NETWORK_QUOTA_DEFAULTS) as NetworkQuotaResource[];
export type NetworkQuotaLimits = Record<NetworkQuotaResource, number>;

type Db = Prisma.TransactionClient | PrismaClient;

/** How many of each resource a project holds, counted from the live tables. */
const COUNTERS: Record<NetworkQuotaResource, (db: Db, projectId: string) => Promise<number>> = {
  network: (db, projectId) => db.network.count({ where: { projectId } }),
  subnet: (db, projectId) => db.subnet.count({ where: { projectId } }),
  port: (db, projectId) => db.port.count({ where: { projectId } }),
  router: (db, projectId) => db.router.count({ where: { projectId } }),
  floatingip: (db, projectId) => db.floatingIp.count({ where: { projectId } }),
  security_group: (db, projectId) => db.securityGroup.count({ where: { projectId } }),
  security_group_rule: (db, projectId) => db.securityGroupRule.count({ where: { projectId } }),
};

export function isNetworkQuotaResource(name: string): name is NetworkQuotaResource {
  return name in NETWORK_QUOTA_DEFAULTS;
}

/**
 * Network quotas, in the `quota` table compute and image share (Neutron's
 * resource names do not collide with theirs); defaults in `quota_default`
 * override upstream's. -1 is unlimited.
 */
export class NetworkQuotas {
  constructor(private readonly prisma: PrismaClient) {}

  async defaults(db: Db = this.prisma): Promise<NetworkQuotaLimits> {
    const rows = await db.quotaDefault.findMany({ where: { resource: { in: NETWORK_QUOTA_RESOURCES } } });
    const limits: NetworkQuotaLimits = { ...NETWORK_QUOTA_DEFAULTS };
    for (const row of rows) if (isNetworkQuotaResource(row.resource)) limits[row.resource] = row.hardLimit;
    return limits;
  }

  async limits(projectId: string, db: Db = this.prisma): Promise<NetworkQuotaLimits> {
    const [limits, rows] = await Promise.all([
      this.defaults(db),
      db.quota.findMany({ where: { projectId, resource: { in: NETWORK_QUOTA_RESOURCES } } }),
    ]);
    for (const row of rows) if (isNetworkQuotaResource(row.resource)) limits[row.resource] = row.hardLimit;
    return limits;
  }

  async usage(projectId: string, db: Db = this.prisma): Promise<NetworkQuotaLimits> {
    const counts = await Promise.all(NETWORK_QUOTA_RESOURCES.map((r) => COUNTERS[r](db, projectId)));
    return Object.fromEntries(
      NETWORK_QUOTA_RESOURCES.map((r, i) => [r, counts[i] ?? 0]),
    ) as NetworkQuotaLimits;
  }

  async setLimits(projectId: string, values: Partial<NetworkQuotaLimits>): Promise<NetworkQuotaLimits> {
    await upsertProjectLimits(this.prisma, projectId, values);
    return this.limits(projectId);
  }

  /** Back to the defaults (`DELETE /v2.0/quotas/{project}`); compute and image limits stay. */
  async reset(projectId: string): Promise<void> {
    await this.prisma.quota.deleteMany({ where: { projectId, resource: { in: NETWORK_QUOTA_RESOURCES } } });
  }

  /** Projects with a network limit of their own (what `GET /v2.0/quotas` lists). */
  async projectsWithLimits(): Promise<string[]> {
    const rows = await this.prisma.quota.findMany({
      where: { resource: { in: NETWORK_QUOTA_RESOURCES } },
      select: { projectId: true },
      distinct: ["projectId"],
      orderBy: { projectId: "asc" },
      take: 10_000,
    });
    return rows.map((r) => r.projectId);
  }

  /**
   * The check every create runs inside its transaction, before writing the
   * rows that consume `count` of `resource` (routers, floating IPs and
   * security groups call it too). A bounded limit takes a per-project,
   * per-resource lock held until the transaction ends, so racing creates
   * cannot overshoot it; an unlimited one (-1) takes none and never
   * serializes. Throws Neutron's 409 OverQuota.
   */
  async check(
    tx: Prisma.TransactionClient,
    projectId: string,
    resource: NetworkQuotaResource,
    count = 1,
  ): Promise<void> {
    const limit = (await this.limits(projectId, tx))[resource];
    if (limit < 0 || count <= 0) return;
    if (count > limit) throw overQuota([resource]);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`neutron-quota:${projectId}:${resource}`}))`;
    const used = await COUNTERS[resource](tx, projectId);
    if (used + count > limit) throw overQuota([resource]);
  }
}
