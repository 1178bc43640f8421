import { VmState } from "@zenith/compute-actions/states";
import type { Prisma } from "@zenith/db/client";

// The state names live with the action table, which the BFF shares.
export { TaskState, VmState } from "@zenith/compute-actions/states";

interface StateMapEntry {
  fallback: string;
  tasks: Record<string, string>;
}

/**
 * Nova's `_STATE_MAP` (nova/api/openstack/common.py): the API status is the
 * vm_state's default unless the task_state has a more specific one.
 */
const STATE_MAP: Record<string, StateMapEntry> = {
  active: {
    fallback: "ACTIVE",
    tasks: {
      rebooting: "REBOOT",
      reboot_pending: "REBOOT",
      reboot_started: "REBOOT",
      rebooting_hard: "HARD_REBOOT",
      reboot_pending_hard: "HARD_REBOOT",
      reboot_started_hard: "HARD_REBOOT",
      updating_password: "PASSWORD",
      rebuilding: "REBUILD",
      rebuild_block_device_mapping: "REBUILD",
      rebuild_spawning: "REBUILD",
      migrating: "MIGRATING",
      resize_prep: "RESIZE",
      resize_migrating: "RESIZE",
      resize_migrated: "RESIZE",
      resize_finish: "RESIZE",
    },
  },
  building: { fallback: "BUILD", tasks: {} },
  stopped: {
    fallback: "SHUTOFF",
    tasks: {
      resize_prep: "RESIZE",
      resize_migrating: "RESIZE",
      resize_migrated: "RESIZE",
      resize_finish: "RESIZE",
      rebuilding: "REBUILD",
      rebuild_block_device_mapping: "REBUILD",
      rebuild_spawning: "REBUILD",
    },
  },
  resized: { fallback: "VERIFY_RESIZE", tasks: { resize_reverting: "REVERT_RESIZE" } },
  paused: { fallback: "PAUSED", tasks: { migrating: "MIGRATING" } },
  suspended: { fallback: "SUSPENDED", tasks: {} },
  rescued: { fallback: "RESCUE", tasks: {} },
  error: {
    fallback: "ERROR",
    tasks: { rebuilding: "REBUILD", rebuild_block_device_mapping: "REBUILD", rebuild_spawning: "REBUILD" },
  },
  deleted: { fallback: "DELETED", tasks: {} },
  soft_deleted: { fallback: "SOFT_DELETED", tasks: {} },
  shelved: { fallback: "SHELVED", tasks: {} },
  shelved_offloaded: { fallback: "SHELVED_OFFLOADED", tasks: {} },
};

/** The API `status` of an instance. */
export function serverStatus(vmState: string, taskState: string | null): string {
  const entry = STATE_MAP[vmState];
  if (!entry) return "UNKNOWN";
  return (taskState !== null ? entry.tasks[taskState] : undefined) ?? entry.fallback;
}

/**
 * The inverse for `?status=` (Nova's `task_and_vm_state_from_status`): the
 * (vm_state, task_state) combinations showing that status, as a where
 * clause; null when no combination does (the listing is then empty).
 */
export function statusWhere(status: string): Prisma.InstanceWhereInput | null {
  const wanted = status.toUpperCase();
  const or: Prisma.InstanceWhereInput[] = [];
  for (const [vmState, entry] of Object.entries(STATE_MAP)) {
    const specific = Object.entries(entry.tasks);
    const matching = specific.filter(([, s]) => s === wanted).map(([t]) => t);
    if (matching.length > 0) or.push({ vmState, taskState: { in: matching } });
    if (entry.fallback === wanted) {
      const others = specific.filter(([, s]) => s !== wanted).map(([t]) => t);
      // Every task state shows the fallback when none has a status of its own (building: spawning,
      // networking…). Prisma reads an empty `{}` inside OR as false, not true: no task clause then.
      or.push(
        others.length > 0
          ? { vmState, OR: [{ taskState: null }, { taskState: { notIn: others } }] }
          : { vmState },
      );
    }
  }
  return or.length > 0 ? { OR: or } : null;
}

/** The vm_state an instance settles in once its power matches the desired one. */
export function vmStateForPower(power: string): VmState {
  switch (power) {
    case "stopped":
      return VmState.STOPPED;
    case "paused":
      return VmState.PAUSED;
    case "suspended":
      return VmState.SUSPENDED;
    default:
      return VmState.ACTIVE;
  }
}
