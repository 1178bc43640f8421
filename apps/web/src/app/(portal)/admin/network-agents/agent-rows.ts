import { formatAge, formatDateTime } from "../../../../lib/compute/format";

/** The agent types a Zenith (or ML2/Linux bridge) cloud reports; the filter offers these. */
export const AGENT_TYPES = ["Linux bridge agent", "DHCP agent", "L3 agent", "Metadata agent"] as const;

export const ALIVE_OPTIONS = [
  { value: "alive", label: "Alive" },
  { value: "down", label: "Down" },
] as const;
export const ADMIN_STATE_OPTIONS = [
  { value: "enabled", label: "Enabled" },
  { value: "disabled", label: "Disabled" },
] as const;

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

/** "12 s ago" with the local absolute time for the tooltip; "Never" before the first heartbeat. */
export function heartbeatText(iso: string | null, now = Date.now()): { relative: string; absolute: string } {
  if (!iso || Number.isNaN(Date.parse(iso))) return { relative: "Never", absolute: "No heartbeat yet" };
  return { relative: `${formatAge(iso, now)} ago`, absolute: formatDateTime(iso) };
}

/** What taking an agent out of service (or back) does, per type, for the confirmation. */
export function toggleEffect(agent: { type: string; adminStateUp: boolean }): string {
  if (!agent.adminStateUp) {
    return "The agent takes part in scheduling again: new networks and routers may be placed on it.";
  }
  switch (agent.type) {
    case "DHCP agent":
      return "New networks get their DHCP server on other hosts. Networks it serves now keep their DHCP.";
    case "L3 agent":
      return "New routers are placed on other hosts. Routers it hosts now keep routing.";
    default:
      return "The agent is marked out of service. What it runs now keeps running.";
  }
}
