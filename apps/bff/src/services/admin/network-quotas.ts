import type { NetworkQuotaDetails } from "@zenith/api-client/neutron";
import type { Cloud } from "../cloud/clients.ts";

/** The Neutron quota resources the portal shows, in the BFF's camelCase. */
export const NETWORK_QUOTA_FIELDS = [
  "networks",
  "subnets",
  "ports",
  "routers",
  "floatingIps",
  "securityGroups",
  "securityGroupRules",
] as const;
export type NetworkQuotaField = (typeof NETWORK_QUOTA_FIELDS)[number];

/** BFF field → Neutron's key in `/v2.0/quotas/{project}`. */
export const NEUTRON_QUOTA_KEY: Record<NetworkQuotaField, string> = {
  networks: "network",
  subnets: "subnet",
  ports: "port",
  routers: "router",
  floatingIps: "floatingip",
  securityGroups: "security_group",
  securityGroupRules: "security_group_rule",
};

export type NetworkQuotaLimits = Partial<Record<NetworkQuotaField, number>>;
export type NetworkQuotaUsage = Partial<Record<NetworkQuotaField, { used: number; limit: number }>>;

/** Limits (-1 = unlimited) keyed the BFF's way; resources the cloud does not report are left out. */
export function limitsFromNeutron(quota: Record<string, number>): NetworkQuotaLimits {
  const out: NetworkQuotaLimits = {};
  for (const field of NETWORK_QUOTA_FIELDS) {
    const v = quota[NEUTRON_QUOTA_KEY[field]];
    if (v !== undefined) out[field] = v;
  }
  return out;
}

export function limitsToNeutron(limits: NetworkQuotaLimits): Record<string, number> {
  const out: Record<string, number> = {};
  for (const field of NETWORK_QUOTA_FIELDS) {
    const v = limits[field];
    if (v !== undefined) out[NEUTRON_QUOTA_KEY[field]] = v;
  }
  return out;
}

export function usageFromDetails(details: NetworkQuotaDetails): NetworkQuotaUsage {
  const out: NetworkQuotaUsage = {};
  for (const field of NETWORK_QUOTA_FIELDS) {
    const d = details[NEUTRON_QUOTA_KEY[field]];
    if (d) out[field] = { used: d.used, limit: d.limit };
  }
  return out;
}

/** A project's network limits with what it uses (`/quotas/{project}/details`). */
export async function getNetworkQuota(cloud: Cloud, projectId: string) {
  const details = await (await cloud.neutron()).quotas.details(projectId);
  return { projectId, quota: usageFromDetails(details) };
}

export async function updateNetworkQuota(cloud: Cloud, projectId: string, limits: NetworkQuotaLimits) {
  const updated = await (await cloud.neutron()).quotas.update(projectId, limitsToNeutron(limits));
  return { projectId, limits: limitsFromNeutron(updated) };
}
