import type { Cloud } from "../cloud/clients.ts";

/** The resources the portal edits, in Nova's quota-set keys. */
export const QUOTA_KEYS = [
  "instances",
  "cores",
  "ram",
  "key_pairs",
  "metadata_items",
  "server_groups",
  "server_group_members",
] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];
const CAMEL: Record<QuotaKey, string> = {
  instances: "instances",
  cores: "cores",
  ram: "ram",
  key_pairs: "keyPairs",
  metadata_items: "metadataItems",
  server_groups: "serverGroups",
  server_group_members: "serverGroupMembers",
};

export type QuotaLimits = Partial<Record<string, number>>;

function toDto(set: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of QUOTA_KEYS) {
    const v = set[key];
    if (v !== undefined) out[CAMEL[key]] = v;
  }
  return out;
}

function fromDto(limits: QuotaLimits): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of QUOTA_KEYS) {
    const v = limits[CAMEL[key]];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A project's limits with what it uses (`os-quota-sets/{id}/detail`). */
export async function getQuota(cloud: Cloud, projectId: string) {
  const detail = await (await cloud.nova()).quotas.detail(projectId);
  const out: Record<string, { limit: number; inUse: number; reserved: number }> = {};
  for (const key of QUOTA_KEYS) {
    const d = detail[key];
    if (d) out[CAMEL[key]] = { limit: d.limit, inUse: d.in_use, reserved: d.reserved };
  }
  return { projectId, quota: out };
}

export async function updateQuota(cloud: Cloud, projectId: string, limits: QuotaLimits) {
  const updated = await (await cloud.nova()).quotas.update(projectId, fromDto(limits));
  return { projectId, limits: toDto(updated) };
}

export async function quotaDefaults(cloud: Cloud, projectId: string) {
  return { limits: toDto(await (await cloud.nova()).quotas.defaults(projectId)) };
}

export async function updateQuotaDefaults(cloud: Cloud, limits: QuotaLimits) {
  return { limits: toDto(await (await cloud.nova()).quotas.updateDefaults(fromDto(limits))) };
}
