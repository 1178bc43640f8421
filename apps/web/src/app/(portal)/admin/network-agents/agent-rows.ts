import type { useTranslations } from "next-intl";
import { type Formatter, formatAge, formatDateTime } from "../../../../i18n/format";

/** The network agents page's messages in the reader's language (`admin.networkAgents`). */
export type AgentsT = ReturnType<typeof useTranslations<"admin.networkAgents">>;

/** The agent types a Zenith (or ML2/Linux bridge) cloud reports; the filter offers these. */
export const AGENT_TYPES = ["Linux bridge agent", "DHCP agent", "L3 agent", "Metadata agent"] as const;

const TYPE_KEYS = {
  "Linux bridge agent": "linuxBridge",
  "DHCP agent": "dhcp",
  "L3 agent": "l3",
  "Metadata agent": "metadata",
} as const;

const isKnownType = (type: string): type is (typeof AGENT_TYPES)[number] => type in TYPE_KEYS;

/** Neutron's agent type ("DHCP agent") in the reader's language; a type newer than this list reads as Neutron names it. */
export function agentTypeLabel(t: AgentsT, type: string): string {
  return isKnownType(type) ? t(`types.${TYPE_KEYS[type]}`) : type;
}

/** The filters' options, labelled in the reader's language. */
export function agentFilterOptions(t: AgentsT) {
  return {
    types: AGENT_TYPES.map((type) => ({ value: type, label: agentTypeLabel(t, type) })),
    alive: [
      { value: "alive", label: t("aliveValue") },
      { value: "down", label: t("down") },
    ],
    adminState: [
      { value: "enabled", label: t("adminStates.enabled") },
      { value: "disabled", label: t("adminStates.disabled") },
    ],
  };
}

export interface AgentFilterValues {
  type: string;
  alive: string;
  adminState: string;
}

/** The select values as the list procedure's exact filters (an empty select filters nothing). */
export function agentFilterInput(values: AgentFilterValues): {
  type?: string;
  alive?: boolean;
  adminStateUp?: boolean;
} {
  return {
    ...(values.type ? { type: values.type } : {}),
    ...(values.alive === "alive" ? { alive: true } : values.alive === "down" ? { alive: false } : {}),
    ...(values.adminState === "enabled"
      ? { adminStateUp: true }
      : values.adminState === "disabled"
        ? { adminStateUp: false }
        : {}),
  };
}

/** "12 sec ago" with the absolute time for the tooltip; "Never" before the first heartbeat. */
export function heartbeatText(
  t: AgentsT,
  format: Formatter,
  iso: string | null,
  now = Date.now(),
): { relative: string; absolute: string } {
  if (!iso || Number.isNaN(Date.parse(iso))) return { relative: t("never"), absolute: t("noHeartbeat") };
  return {
    relative: t("heartbeatAgo", { age: formatAge(format, iso, now) }),
    absolute: formatDateTime(format, iso),
  };
}

/** What taking an agent out of service (or back) does, per type, for the confirmation. */
export function toggleEffect(t: AgentsT, agent: { type: string; adminStateUp: boolean }): string {
  if (!agent.adminStateUp) return t("effects.enable");
  switch (agent.type) {
    case "DHCP agent":
      return t("effects.dhcp");
    case "L3 agent":
      return t("effects.l3");
    default:
      return t("effects.other");
  }
}
