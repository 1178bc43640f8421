import type { StatusTone } from "@/lib/compute/instance-status";

/** Neutron's router statuses and the tone each shows in (the same tones as instances and the topology). */
const TONES: Record<string, StatusTone> = {
  ACTIVE: "success",
  BUILD: "busy",
  DOWN: "warning",
  ERROR: "danger",
};

export function routerStatusTone(status: string): StatusTone {
  return TONES[status] ?? "muted";
}

export const ROUTER_STATUSES = ["ACTIVE", "DOWN", "BUILD", "ERROR"] as const;
export type RouterStatus = (typeof ROUTER_STATUSES)[number];

export function isRouterStatus(value: string): value is RouterStatus {
  return (ROUTER_STATUSES as readonly string[]).includes(value);
}
