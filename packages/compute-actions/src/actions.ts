import type { TaskName } from "@zenith/agent-protocol/compute";
import { TaskState, VmState } from "./states.ts";

/** Every instance action the portal offers and the control plane serves, by one name each. */
export const ACTION_NAMES = [
  "start",
  "stop",
  "reboot",
  "hardReboot",
  "pause",
  "unpause",
  "suspend",
  "resume",
  "lock",
  "unlock",
  "rebuild",
  "resize",
  "confirmResize",
  "revertResize",
  "createImage",
  "delete",
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

/** The policy rules of the actions (nova/policies/*.py). */
export type ActionPolicy =
  | "os_compute_api:servers:start"
  | "os_compute_api:servers:stop"
  | "os_compute_api:servers:reboot"
  | "os_compute_api:os-pause-server:pause"
  | "os_compute_api:os-pause-server:unpause"
  | "os_compute_api:os-suspend-server:suspend"
  | "os_compute_api:os-suspend-server:resume"
  | "os_compute_api:os-lock-server:lock"
  | "os_compute_api:os-lock-server:unlock"
  | "os_compute_api:servers:rebuild"
  | "os_compute_api:servers:resize"
  | "os_compute_api:servers:confirm_resize"
  | "os_compute_api:servers:revert_resize"
  | "os_compute_api:servers:create_image"
  | "os_compute_api:servers:delete";

/** "Any state": Nova's `check_instance_state(vm_state=None)` / `task_state=None`. */
export const ANY = "any";

export interface ActionDescriptor {
  /** Nova's name in "Cannot '<action>' instance …" and in os-instance-actions. */
  nova: string;
  /** The policy rule the API checks. */
  policy: ActionPolicy;
  /** Allowed vm_states. */
  vmStates: readonly string[] | typeof ANY;
  /** Allowed task_states (null: no task running). */
  taskStates: readonly (string | null)[] | typeof ANY;
  /** Locked instances refuse non-admins (Nova's `check_instance_lock`). */
  checkLock: boolean;
  /** The instance-action event the compute side records; null for API-only actions. */
  event: string | null;
  /** The task_state while the action runs; null when none is set. */
  taskState: string | null;
  /** The agent task that carries the action out; null for API-only actions. */
  agentTask: TaskName | null;
}

const NO_TASK = [null] as const;

/**
 * The table, after nova/compute/api.py's `check_instance_state` decorators.
 * Zenith is stricter than Nova in one place: a hard reboot may interrupt
 * only a reboot (Nova also allows it over pausing, unpausing, suspending
 * and resuming), because Zenith's agent finishes those tasks' events.
 */
export const ACTIONS: Readonly<Record<ActionName, ActionDescriptor>> = {
  start: {
    nova: "start",
    policy: "os_compute_api:servers:start",
    vmStates: [VmState.STOPPED],
    taskStates: NO_TASK,
    checkLock: true,
    event: "compute_start_instance",
    taskState: TaskState.POWERING_ON,
    agentTask: "power",
  },
  stop: {
    nova: "stop",
    policy: "os_compute_api:servers:stop",
    vmStates: [VmState.ACTIVE, VmState.ERROR],
    taskStates: NO_TASK,
    checkLock: true,
    event: "compute_stop_instance",
    taskState: TaskState.POWERING_OFF,
    agentTask: "power",
  },
  reboot: {
    nova: "reboot",
    policy: "os_compute_api:servers:reboot",
    // vm_states.ALLOW_SOFT_REBOOT
    vmStates: [VmState.ACTIVE],
    taskStates: NO_TASK,
    checkLock: true,
    event: "compute_reboot_instance",
    taskState: TaskState.REBOOTING,
    agentTask: "reboot",
  },
  hardReboot: {
    nova: "reboot",
    policy: "os_compute_api:servers:reboot",
    // vm_states.ALLOW_HARD_REBOOT
    vmStates: [VmState.ACTIVE, VmState.STOPPED, VmState.PAUSED, VmState.SUSPENDED, VmState.ERROR],
    taskStates: [null, TaskState.REBOOTING, TaskState.REBOOTING_HARD],
    checkLock: true,
    event: "compute_reboot_instance",
    taskState: TaskState.REBOOTING_HARD,
    agentTask: "reboot",
  },
  pause: {
    nova: "pause",
    policy: "os_compute_api:os-pause-server:pause",
    vmStates: [VmState.ACTIVE],
    taskStates: NO_TASK,
    checkLock: true,
    event: "compute_pause_instance",
    taskState: TaskState.PAUSING,
    agentTask: "power",
  },
  unpause: {
    nova: "unpause",
    policy: "os_compute_api:os-pause-server:unpause",
    vmStates: [VmState.PAUSED],
    taskStates: NO_TASK,
    checkLock: true,
    event: "compute_unpause_instance",
    taskState: TaskState.UNPAUSING,
    agentTask: "power",
  },
  suspend: {
    nova: "suspend",
    policy: "os_compute_api:os-suspend-server:suspend",
    vmStates: [VmState.ACTIVE],
    taskStates: NO_TASK,
    checkLock: true,
    event: "compute_suspend_instance",
    taskState: TaskState.SUSPENDING,
    agentTask: "power",
  },
  resume: {
    nova: "resume",
    policy: "os_compute_api:os-suspend-server:resume",
    vmStates: [VmState.SUSPENDED],
    taskStates: NO_TASK,
    checkLock: true,
    event: "compute_resume_instance",
    taskState: TaskState.RESUMING,
    agentTask: "power",
  },
  lock: {
    nova: "lock",
    policy: "os_compute_api:os-lock-server:lock",
    vmStates: ANY,
    taskStates: ANY,
    checkLock: false,
    event: null,
    taskState: null,
    agentTask: null,
  },
  unlock: {
    nova: "unlock",
    policy: "os_compute_api:os-lock-server:unlock",
    vmStates: ANY,
    taskStates: ANY,
    checkLock: false,
    event: null,
    taskState: null,
    agentTask: null,
  },
  rebuild: {
    nova: "rebuild",
    policy: "os_compute_api:servers:rebuild",
    vmStates: [VmState.ACTIVE, VmState.STOPPED, VmState.ERROR],
    taskStates: NO_TASK,
    checkLock: true,
    event: "compute_rebuild_instance",
    taskState: TaskState.REBUILDING,
    agentTask: "rebuild",
  },
  resize: {
    nova: "resize",
    policy: "os_compute_api:servers:resize",
    vmStates: [VmState.ACTIVE, VmState.STOPPED],
    taskStates: NO_TASK,
    checkLock: true,
    event: "compute_finish_resize",
    taskState: TaskState.RESIZE_PREP,
    agentTask: "resize",
  },
  confirmResize: {
    nova: "confirmResize",
    policy: "os_compute_api:servers:confirm_resize",
    vmStates: [VmState.RESIZED],
    taskStates: NO_TASK,
    checkLock: true,
    event: "compute_confirm_resize",
    taskState: TaskState.RESIZE_CONFIRMING,
    agentTask: "confirmResize",
  },
  revertResize: {
    nova: "revertResize",
    policy: "os_compute_api:servers:revert_resize",
    vmStates: [VmState.RESIZED],
    taskStates: NO_TASK,
    checkLock: true,
    event: "compute_finish_revert_resize",
    taskState: TaskState.RESIZE_REVERTING,
    agentTask: "revertResize",
  },
  createImage: {
    nova: "createImage",
    policy: "os_compute_api:servers:create_image",
    vmStates: [VmState.ACTIVE, VmState.STOPPED, VmState.PAUSED, VmState.SUSPENDED],
    taskStates: NO_TASK,
    // Nova does not lock-check snapshots.
    checkLock: false,
    event: "compute_snapshot_instance",
    taskState: TaskState.IMAGE_SNAPSHOT,
    agentTask: "snapshot",
  },
  delete: {
    nova: "delete",
    policy: "os_compute_api:servers:delete",
    vmStates: ANY,
    // Nova deletes in any state; a second delete while one runs is accepted and changes nothing.
    taskStates: ANY,
    checkLock: true,
    event: "compute_terminate_instance",
    taskState: TaskState.DELETING,
    agentTask: "destroy",
  },
};

/** The build event of `create`, which is not an action on an existing instance. */
export const CREATE_EVENT = "compute__do_build_and_run_instance";

/** What the state check looks at. */
export interface InstanceState {
  vmState: string;
  taskState: string | null;
  locked: boolean;
}

export type Refusal =
  | { reason: "locked" }
  | { reason: "vm_state"; value: string }
  | { reason: "task_state"; value: string | null };

/** Nova's `check_instance_lock` then `check_instance_state`: why the action is refused, or null. */
export function refusal(
  action: Pick<ActionDescriptor, "vmStates" | "taskStates" | "checkLock">,
  state: InstanceState,
  admin: boolean,
): Refusal | null {
  if (action.checkLock && state.locked && !admin) return { reason: "locked" };
  if (action.vmStates !== ANY && !action.vmStates.includes(state.vmState)) {
    return { reason: "vm_state", value: state.vmState };
  }
  if (action.taskStates !== ANY && !action.taskStates.includes(state.taskState)) {
    return { reason: "task_state", value: state.taskState };
  }
  return null;
}

/**
 * The actions a user can take on an instance now. Lock is offered only on
 * an unlocked instance and unlock only on a locked one: Nova accepts the
 * others too, but they change nothing.
 */
export function availableActions(state: InstanceState, admin: boolean): ActionName[] {
  return ACTION_NAMES.filter((name) => {
    if (name === "lock" && state.locked) return false;
    if (name === "unlock" && !state.locked) return false;
    return refusal(ACTIONS[name], state, admin) === null;
  });
}

/** The action whose task is running, found by its task_state (to name its event). */
export function actionOfTask(taskState: string | null): ActionDescriptor | undefined {
  if (taskState === null) return undefined;
  return Object.values(ACTIONS).find((a) => a.taskState === taskState);
}

/** The event recorded for a Nova action name (`reboot` for both reboots), or undefined. */
export function eventOfNovaAction(nova: string): string | undefined {
  if (nova === "create") return CREATE_EVENT;
  return Object.values(ACTIONS).find((a) => a.nova === nova)?.event ?? undefined;
}
