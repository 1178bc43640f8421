import type { TTopologyTone } from "../../../routers/network/topology/topology.types.ts";

/**
 * Statuses that mean "on its way" across Nova servers, Neutron networks,
 * ports and routers: drawn like a build. Anything not listed and not
 * ACTIVE/ERROR (DOWN, SHUTOFF, PAUSED, SUSPENDED, SHELVED, …) is down.
 */
const IN_PROGRESS = new Set([
  "BUILD",
  "ALLOCATING",
  "PENDING_CREATE",
  "PENDING_UPDATE",
  "PENDING_DELETE",
  "REBOOT",
  "HARD_REBOOT",
  "REBUILD",
  "RESIZE",
  "VERIFY_RESIZE",
  "REVERT_RESIZE",
  "MIGRATING",
  "PASSWORD",
]);

/** Nova's UNKNOWN means the host stopped reporting: shown as a fault, not as stopped. */
const FAULTS = new Set(["ERROR", "UNKNOWN"]);

/**
 * The one status → colour mapping of the diagram. A task in progress
 * (`spawning`, `rebooting`, `deleting`, …) draws as build whatever the
 * status, except that an error stays an error.
 */
export function toneOf(status: string, taskState?: string | null): TTopologyTone {
  const s = status.toUpperCase();
  if (FAULTS.has(s)) return "error";
  if (taskState) return "build";
  if (s === "ACTIVE") return "active";
  if (IN_PROGRESS.has(s)) return "build";
  return "down";
}
