/** One resource of the project's network quota use, as the overview draws it. */
export interface NetworkUsageItem {
  key: string;
  title: string;
  used: number;
  limit: number;
}

type Usage = { used: number; limit: number } | undefined;

const ORDER = [
  ["networks", "Networks"],
  ["subnets", "Subnets"],
  ["ports", "Ports"],
  ["routers", "Routers"],
  ["floatingIps", "Floating IPs"],
  ["securityGroups", "Security groups"],
  ["securityGroupRules", "Security group rules"],
] as const;

/** The resources in a fixed order, leaving out those the cloud does not report. */
export function networkUsageItems(
  network: Partial<Record<(typeof ORDER)[number][0], Usage>>,
): NetworkUsageItem[] {
  const out: NetworkUsageItem[] = [];
  for (const [key, title] of ORDER) {
    const u = network[key];
    if (u) out.push({ key, title, used: u.used, limit: u.limit });
  }
  return out;
}
