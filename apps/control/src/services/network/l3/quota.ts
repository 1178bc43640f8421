import type { Prisma } from "@zenith/db/client";
import { overQuota } from "./faults.ts";

type Tx = Prisma.TransactionClient;

/** Neutron's defaults (neutron/conf/quota.py) for the resources this part creates. */
export const L3_QUOTA_DEFAULTS = {
  router: 10,
  floatingip: 50,
  security_group: 10,
  security_group_rule: 100,
} as const;
export type L3QuotaResource = keyof typeof L3_QUOTA_DEFAULTS;

/** A project's limit (its own row, else the cloud default row, else Neutron's default); -1 is unlimited. */
export async function limitOf(tx: Tx, projectId: string, resource: L3QuotaResource): Promise<number> {
  const own = await tx.quota.findUnique({ where: { projectId_resource: { projectId, resource } } });
  if (own) return own.hardLimit;
  const cloud = await tx.quotaDefault.findUnique({ where: { resource } });
  return cloud?.hardLimit ?? L3_QUOTA_DEFAULTS[resource];
}

async function usageOf(tx: Tx, projectId: string, resource: L3QuotaResource): Promise<number> {
  switch (resource) {
    case "router":
      return tx.router.count({ where: { projectId } });
    case "floatingip":
      return tx.floatingIp.count({ where: { projectId } });
    case "security_group":
      return tx.securityGroup.count({ where: { projectId } });
    case "security_group_rule":
      return tx.securityGroupRule.count({ where: { projectId } });
  }
}

/**
 * Takes the project's lock for this resource (held until the transaction
 * ends, so concurrent creations cannot overshoot) and refuses with 409
 * OverQuota unless `adding` more fit.
 */
export async function claimQuota(
  tx: Tx,
  projectId: string,
  resource: L3QuotaResource,
  adding = 1,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`neutron-quota:${projectId}:${resource}`}))`;
  const limit = await limitOf(tx, projectId, resource);
  if (limit < 0) return;
  if ((await usageOf(tx, projectId, resource)) + adding > limit) throw overQuota(resource);
}
