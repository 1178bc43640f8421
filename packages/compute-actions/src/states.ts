/** Nova's vm_states (nova/compute/vm_states.py), the ones Zenith uses. */
export const VmState = {
  BUILDING: "building",
  ACTIVE: "active",
  STOPPED: "stopped",
  PAUSED: "paused",
  SUSPENDED: "suspended",
  RESIZED: "resized",
  ERROR: "error",
  DELETED: "deleted",
} as const;
export type VmState = (typeof VmState)[keyof typeof VmState];

/** Nova's task_states (nova/compute/task_states.py), the ones Zenith uses. */
export const TaskState = {
  SCHEDULING: "scheduling",
  SPAWNING: "spawning",
  REBOOTING: "rebooting",
  REBOOTING_HARD: "rebooting_hard",
  POWERING_OFF: "powering-off",
  POWERING_ON: "powering-on",
  PAUSING: "pausing",
  UNPAUSING: "unpausing",
  SUSPENDING: "suspending",
  RESUMING: "resuming",
  REBUILDING: "rebuilding",
  RESIZE_PREP: "resize_prep",
  RESIZE_CONFIRMING: "resize_confirming",
  RESIZE_REVERTING: "resize_reverting",
  IMAGE_SNAPSHOT: "image_snapshot",
  DELETING: "deleting",
} as const;
export type TaskState = (typeof TaskState)[keyof typeof TaskState];

/**
 * The vm_state behind an API status, for clouds whose policy hides
 * `OS-EXT-STS:vm_state`: the fallback of Nova's `_STATE_MAP`, which is
 * exact whenever no task runs (and every action but delete, lock and
 * unlock needs "no task").
 */
const VM_STATE_OF_STATUS: Record<string, string> = {
  ACTIVE: VmState.ACTIVE,
  BUILD: VmState.BUILDING,
  SHUTOFF: VmState.STOPPED,
  PAUSED: VmState.PAUSED,
  SUSPENDED: VmState.SUSPENDED,
  VERIFY_RESIZE: VmState.RESIZED,
  ERROR: VmState.ERROR,
  DELETED: VmState.DELETED,
  RESCUE: "rescued",
  SHELVED: "shelved",
  SHELVED_OFFLOADED: "shelved_offloaded",
  SOFT_DELETED: "soft_deleted",
};

export function vmStateOfStatus(status: string): string | null {
  return VM_STATE_OF_STATUS[status.toUpperCase()] ?? null;
}
