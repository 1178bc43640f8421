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

/** Which message (`network.ports.owner.*`) names a port's owner kind in a table. */
export const PORT_OWNER_KEYS = {
  instance: "instance",
  "router-interface": "routerInterface",
  "router-gateway": "routerGateway",
  dhcp: "dhcp",
  "floating-ip": "floatingIp",
  other: "other",
  none: "none",
} as const;

export type PortOwnerKey = (typeof PORT_OWNER_KEYS)[keyof typeof PORT_OWNER_KEYS];

const isOwnerKind = (kind: string): kind is keyof typeof PORT_OWNER_KEYS =>
  Object.hasOwn(PORT_OWNER_KEYS, kind);

/** The message key of a port owner kind; null for a kind the portal does not know (shown as is). */
export function portOwnerKey(kind: string): PortOwnerKey | null {
  return isOwnerKind(kind) ? PORT_OWNER_KEYS[kind] : null;
}
