import type { ComputeUsage, QuotaLimits, QuotaResource } from "../../services/compute/quotas.ts";
import { atLeast, type Microversion } from "./microversion.ts";

/** Quotas nova-network used to have: shown as -1 (unlimited) until 2.36 removed them. */
const NETWORK_QUOTAS = ["fixed_ips", "floating_ips", "security_group_rules", "security_groups"] as const;
const INJECTED = ["injected_files", "injected_file_content_bytes", "injected_file_path_bytes"] as const;
const SERVER_GROUPS = ["server_groups", "server_group_members"] as const;
const CORE: QuotaResource[] = ["instances", "cores", "ram", "key_pairs", "metadata_items"];

type NetworkQuota = (typeof NETWORK_QUOTAS)[number];
export type QuotaField = QuotaResource | NetworkQuota;

/**
 * The quota keys a microversion shows. Project sets: network quotas go at
 * 2.36, injected files at 2.57. Class sets gained server groups at 2.50.
 */
export function quotaFields(mv: Microversion, kind: "project" | "class"): QuotaField[] {
  const fields: QuotaField[] = [...CORE];
  const networkGone = kind === "project" ? atLeast(mv, 2, 36) : atLeast(mv, 2, 50);
  if (!networkGone) fields.push(...NETWORK_QUOTAS);
  if (!atLeast(mv, 2, 57)) fields.push(...INJECTED);
  if (kind === "project" || atLeast(mv, 2, 50)) fields.push(...SERVER_GROUPS);
  return fields.sort();
}

export function isNetworkQuota(field: string): field is NetworkQuota {
  return (NETWORK_QUOTAS as readonly string[]).includes(field);
}

function limitOf(limits: QuotaLimits, field: QuotaField): number {
  return isNetworkQuota(field) ? -1 : limits[field];
}

export function renderQuotaSet(
  limits: QuotaLimits,
  mv: Microversion,
  kind: "project" | "class",
  id?: string,
): Record<string, number | string> {
  const body: Record<string, number | string> = id === undefined ? {} : { id };
  for (const field of quotaFields(mv, kind)) body[field] = limitOf(limits, field);
  return body;
}

/** `/detail`: in_use counted from live instances; key pairs are per user, so 0 at project level as Nova. */
export function renderQuotaDetail(limits: QuotaLimits, used: ComputeUsage, mv: Microversion, id: string) {
  const body: Record<string, unknown> = { id };
  for (const field of quotaFields(mv, "project")) {
    const inUse = field === "instances" || field === "cores" || field === "ram" ? used[field] : 0;
    body[field] = { in_use: inUse, limit: limitOf(limits, field), reserved: 0 };
  }
  return body;
}

/** `GET /limits` absolute limits: 2.36 drops network ones, 2.39 maxImageMeta, 2.57 personality. */
export function renderAbsoluteLimits(limits: QuotaLimits, used: ComputeUsage, mv: Microversion) {
  return {
    ...(atLeast(mv, 2, 39) ? {} : { maxImageMeta: limits.metadata_items }),
    ...(atLeast(mv, 2, 57)
      ? {}
      : { maxPersonality: limits.injected_files, maxPersonalitySize: limits.injected_file_content_bytes }),
    ...(atLeast(mv, 2, 36) ? {} : { maxSecurityGroupRules: -1, maxSecurityGroups: -1 }),
    maxServerMeta: limits.metadata_items,
    maxTotalCores: limits.cores,
    ...(atLeast(mv, 2, 36) ? {} : { maxTotalFloatingIps: -1 }),
    maxTotalInstances: limits.instances,
    maxTotalKeypairs: limits.key_pairs,
    maxTotalRAMSize: limits.ram,
    maxServerGroups: limits.server_groups,
    maxServerGroupMembers: limits.server_group_members,
    totalCoresUsed: used.cores,
    totalInstancesUsed: used.instances,
    totalRAMUsed: used.ram,
    ...(atLeast(mv, 2, 36) ? {} : { totalSecurityGroupsUsed: 0, totalFloatingIpsUsed: 0 }),
    totalServerGroupsUsed: 0,
  };
}
