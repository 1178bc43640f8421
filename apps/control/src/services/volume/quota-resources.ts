import type { Prisma } from "@zenith/db/client";

/**
 * Cinder's quota resources and their upstream defaults (cinder/quota.py,
 * cinder/common/config.py). They live in the shared `quota` /
 * `quota_default` tables under these bare names, which neither Nova's nor
 * Neutron's resources use.
 */
export const VOLUME_QUOTA_DEFAULTS = {
  volumes: 10,
  snapshots: 10,
  gigabytes: 1000,
  backups: 10,
  backup_gigabytes: 1000,
  groups: 10,
  per_volume_gigabytes: -1,
} as const;
export type VolumeQuotaResource = keyof typeof VOLUME_QUOTA_DEFAULTS;
export const VOLUME_QUOTA_RESOURCES = Object.keys(VOLUME_QUOTA_DEFAULTS) as VolumeQuotaResource[];

/** Per-type resources: `volumes_<type name>` and so on, unlimited (-1) unless set, as Cinder's. */
export const PER_TYPE_PREFIXES = ["volumes", "snapshots", "gigabytes"] as const;
export const PER_TYPE_DEFAULT = -1;

export function perTypeResources(typeName: string): string[] {
  return PER_TYPE_PREFIXES.map((prefix) => `${prefix}_${typeName}`);
}

export function isVolumeQuotaResource(name: string): name is VolumeQuotaResource {
  return name in VOLUME_QUOTA_DEFAULTS;
}

/**
 * Moves a type's per-type quota rows to its new name (Cinder's
 * `update_quota_resource` on rename), or drops them when `to` is null (the
 * type is deleted).
 */
export async function renameTypeQuotas(
  tx: Prisma.TransactionClient,
  from: string,
  to: string | null,
): Promise<void> {
  for (const prefix of PER_TYPE_PREFIXES) {
    const oldName = `${prefix}_${from}`;
    if (to === null) {
      await tx.quota.deleteMany({ where: { resource: oldName } });
      await tx.quotaDefault.deleteMany({ where: { resource: oldName } });
    } else {
      const newName = `${prefix}_${to}`;
      await tx.quota.updateMany({ where: { resource: oldName }, data: { resource: newName } });
      await tx.quotaDefault.updateMany({ where: { resource: oldName }, data: { resource: newName } });
    }
  }
}
