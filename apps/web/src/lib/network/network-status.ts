import type { StatusTone } from "@/lib/compute/instance-status";

/** Neutron network and port statuses: ACTIVE, BUILD, DOWN, ERROR. */
const TONES: Record<string, StatusTone> = {
  ACTIVE: "success",
  BUILD: "busy",
  DOWN: "muted",
  ERROR: "danger",
};

export const networkStatusTone = (status: string): StatusTone => TONES[status] ?? "muted";

export function networkStatusLabel(status: string): string {
  const lower = status.toLowerCase().replace(/_/g, " ");
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** How a port's owner reads in a table. */
export const PORT_OWNER_LABELS: Record<string, string> = {
  instance: "Instance",
  "router-interface": "Router interface",
  "router-gateway": "Router gateway",
  dhcp: "DHCP",
  "floating-ip": "Floating IP",
  other: "Other",
  none: "Unattached",
};
