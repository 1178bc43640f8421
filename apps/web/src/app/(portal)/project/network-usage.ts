/** The network quota resources, in the overview's order; each is named by `usage.quotas.items.<key>`. */
export type NetworkUsageKey = (typeof ORDER)[number];

/** One resource of the project's network quota use, as the overview draws it. */
export interface NetworkUsageItem {
  key: NetworkUsageKey;
  used: number;
  limit: number;
}

type Usage = { used: number; limit: number } | undefined;

const ORDER = [
  "networks",
  "subnets",
  "ports",
  "routers",
  "floatingIps",
  "securityGroups",
  "securityGroupRules",
] as const;

/** The resources in a fixed order, leaving out those the cloud does not report. */
export function networkUsageItems(network: Partial<Record<NetworkUsageKey, Usage>>): NetworkUsageItem[] {
  const out: NetworkUsageItem[] = [];
  for (const key of ORDER) {
    const u = network[key];
    if (u) out.push({ key, used: u.used, limit: u.limit });
  }
  return out;
}
