import { humanize } from "./instance-actions";

export type StatusTone = "success" | "busy" | "warning" | "danger" | "muted";

const TONES: Record<string, StatusTone> = {
  ACTIVE: "success",
  BUILD: "busy",
  REBOOT: "busy",
  HARD_REBOOT: "busy",
  REBUILD: "busy",
  RESIZE: "busy",
  MIGRATING: "busy",
  PASSWORD: "busy",
  VERIFY_RESIZE: "warning",
  SHUTOFF: "muted",
  PAUSED: "muted",
  SUSPENDED: "muted",
  SHELVED: "muted",
  SHELVED_OFFLOADED: "muted",
  DELETED: "muted",
  SOFT_DELETED: "muted",
  ERROR: "danger",
  UNKNOWN: "danger",
};

export function statusTone(status: string): StatusTone {
  return TONES[status] ?? "muted";
}

/** "VERIFY_RESIZE" → "Verify resize". */
export function statusLabel(status: string): string {
  return humanize(status);
}

/** Nova's statuses, for the status filter. */
export const INSTANCE_STATUSES = [
  "ACTIVE",
  "BUILD",
  "SHUTOFF",
  "PAUSED",
  "SUSPENDED",
  "REBOOT",
  "HARD_REBOOT",
  "REBUILD",
  "RESIZE",
  "VERIFY_RESIZE",
  "ERROR",
] as const;

export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export function isInstanceStatus(value: string): value is InstanceStatus {
  return (INSTANCE_STATUSES as readonly string[]).includes(value);
}

/** Glance image statuses in a transition: the list refreshes until they settle. */
export const IMAGE_TRANSITIONAL = new Set(["queued", "saving", "importing", "uploading", "pending_delete"]);

export function imageStatusTone(status: string): StatusTone {
  if (status === "active") return "success";
  if (status === "killed" || status === "deleted") return "danger";
  if (status === "deactivated") return "muted";
  return "busy";
}
