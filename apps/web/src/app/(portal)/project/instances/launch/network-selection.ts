/**
 * The launch wizard's Networks step without React: the ordered list of
 * interfaces (networks or existing ports; the first becomes the guest's
 * first NIC), its default, moves, and the quota check that can block the
 * Launch button.
 */

import type { useTranslations } from "next-intl";

/** The step's rules' messages, in the reader's language (`compute.launch.rules`). */
export type NetworkRulesT = ReturnType<typeof useTranslations<"compute.launch.rules">>;

export type NicChoice = { kind: "network"; id: string } | { kind: "port"; id: string };

export interface Usage {
  used: number;
  limit: number;
}

/** Most Neutron deployments cap ports per project; -1 means unlimited. */
function left(quota: Usage): number {
  return quota.limit < 0 ? Number.POSITIVE_INFINITY : Math.max(0, quota.limit - quota.used);
}

export const MAX_NICS = 16;

/**
 * The list to start from: the network named in the URL (the topology
 * diagram links with `?network=<id>`) when it is usable, otherwise the
 * project's only network when there is exactly one, otherwise nothing.
 */
export function defaultNics(
  networks: readonly { id: string; shared: boolean }[],
  preselectedId?: string,
): NicChoice[] {
  if (preselectedId && networks.some((n) => n.id === preselectedId)) {
    return [{ kind: "network", id: preselectedId }];
  }
  const own = networks.filter((n) => !n.shared);
  const only = own.length === 1 ? own[0] : networks.length === 1 ? networks[0] : undefined;
  return only ? [{ kind: "network", id: only.id }] : [];
}

/** Moves the item at `index` by `delta` (-1 up, +1 down); out of range leaves the list as is. */
export function moveNic(list: readonly NicChoice[], index: number, delta: -1 | 1): NicChoice[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item) next.splice(target, 0, item);
  return next;
}

/** Adds a network (it may appear twice: two NICs on one network) or a port (only once). */
export function addNic(list: readonly NicChoice[], choice: NicChoice): NicChoice[] {
  if (list.length >= MAX_NICS) return [...list];
  if (choice.kind === "port" && list.some((c) => c.kind === "port" && c.id === choice.id)) return [...list];
  return [...list, choice];
}

export function removeNic(list: readonly NicChoice[], index: number): NicChoice[] {
  return list.filter((_, i) => i !== index);
}

/** What the BFF's `networks` takes: the list in order, or `"none"` for an instance without networking. */
export function toLaunchNetworks(list: readonly NicChoice[], withoutNetwork = false) {
  if (withoutNetwork) return "none" as const;
  return list.map((c) => (c.kind === "port" ? { portId: c.id } : { networkId: c.id }));
}

/** Why the chosen interfaces cannot launch `count` instances, or null (shown on the step and by Launch). */
export function nicsProblem(
  list: readonly NicChoice[],
  count: number,
  networksExist: boolean,
  t: NetworkRulesT,
  withoutNetwork = false,
): string | null {
  if (withoutNetwork) return null;
  if (list.length === 0) return networksExist ? t("chooseNic") : t("noNetwork");
  if (count > 1 && list.some((c) => c.kind === "port")) return t("portOneInstance");
  return null;
}

/** New ports this launch makes: one per network choice per instance (chosen ports exist already). */
export function portsNeeded(list: readonly NicChoice[], count: number, withoutNetwork = false): number {
  if (withoutNetwork) return 0;
  return list.filter((c) => c.kind === "network").length * Math.max(1, count);
}

/** The quota line of the step, e.g. "4 of 50 ports used; this launch needs 2." */
export function portQuotaLine(quota: Usage | null, needed: number, t: NetworkRulesT): string {
  if (!quota) return t("noPortQuota");
  if (quota.limit < 0) return t("portsUnlimited", { used: quota.used, needed });
  return t("portsUsed", { used: quota.used, limit: quota.limit, needed });
}

/**
 * Why Launch is disabled for quota, or null: the instance quota first,
 * then the ports the chosen networks would create.
 */
export function quotaBlockedReason(
  instances: Usage,
  ports: Usage | null,
  list: readonly NicChoice[],
  count: number,
  t: NetworkRulesT,
  withoutNetwork = false,
): string | null {
  const n = Math.max(1, count);
  const instancesLeft = left(instances);
  if (instancesLeft < n) {
    return instancesLeft === 0
      ? t("instanceQuotaUsedUp")
      : t("instanceQuotaLow", { left: instancesLeft, count: n });
  }
  if (ports) {
    const needed = portsNeeded(list, n, withoutNetwork);
    const portsLeft = left(ports);
    if (needed > portsLeft) {
      return t("portQuotaLow", { needed, left: portsLeft });
    }
  }
  return null;
}
