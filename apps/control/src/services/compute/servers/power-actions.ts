import { ZenithError } from "@zenith/core/errors";
import type { Caller } from "./caller.ts";
import { TaskState, VmState } from "./states.ts";
import { type TransitionDeps, transition } from "./transition.ts";

const HARD_REBOOT_TASKS = [null, TaskState.REBOOTING, TaskState.REBOOTING_HARD] as const;

/**
 * Power actions, each a change of desired power (or the reboot counter)
 * with Nova's allowed states; the agent's report ends the task.
 */
export class PowerActions {
  constructor(private readonly deps: TransitionDeps) {}

  stop(caller: Caller, id: string) {
    return transition(this.deps, caller, id, {
      action: "stop",
      record: "stop",
      vmStates: [VmState.ACTIVE, VmState.ERROR],
      needsHost: true,
      data: () => ({ desiredPower: "stopped", taskState: TaskState.POWERING_OFF }),
    });
  }

  start(caller: Caller, id: string) {
    return transition(this.deps, caller, id, {
      action: "start",
      record: "start",
      vmStates: [VmState.STOPPED],
      needsHost: true,
      data: () => ({ desiredPower: "running", taskState: TaskState.POWERING_ON }),
    });
  }

  pause(caller: Caller, id: string) {
    return transition(this.deps, caller, id, {
      action: "pause",
      record: "pause",
      vmStates: [VmState.ACTIVE],
      needsHost: true,
      data: () => ({ desiredPower: "paused", taskState: TaskState.PAUSING }),
    });
  }

  unpause(caller: Caller, id: string) {
    return transition(this.deps, caller, id, {
      action: "unpause",
      record: "unpause",
      vmStates: [VmState.PAUSED],
      needsHost: true,
      data: () => ({ desiredPower: "running", taskState: TaskState.UNPAUSING }),
    });
  }

  suspend(caller: Caller, id: string) {
    return transition(this.deps, caller, id, {
      action: "suspend",
      record: "suspend",
      vmStates: [VmState.ACTIVE],
      needsHost: true,
      data: () => ({ desiredPower: "suspended", taskState: TaskState.SUSPENDING }),
    });
  }

  resume(caller: Caller, id: string) {
    return transition(this.deps, caller, id, {
      action: "resume",
      record: "resume",
      vmStates: [VmState.SUSPENDED],
      needsHost: true,
      data: () => ({ desiredPower: "running", taskState: TaskState.RESUMING }),
    });
  }

  /**
   * Soft reboots need an ACTIVE server; hard reboots also recover stopped,
   * paused, suspended and errored ones (and may interrupt a reboot), and
   * leave the server running, as Nova's ALLOW_HARD_REBOOT.
   */
  async reboot(caller: Caller, id: string, type: "SOFT" | "HARD") {
    const hard = type === "HARD";
    return transition(this.deps, caller, id, {
      action: "reboot",
      record: "reboot",
      vmStates: hard
        ? [VmState.ACTIVE, VmState.STOPPED, VmState.PAUSED, VmState.SUSPENDED, VmState.ERROR]
        : [VmState.ACTIVE],
      taskStates: hard ? HARD_REBOOT_TASKS : [null],
      needsHost: true,
      data: () => ({
        rebootSeq: { increment: 1 },
        rebootType: type,
        desiredPower: "running",
        taskState: hard ? TaskState.REBOOTING_HARD : TaskState.REBOOTING,
      }),
    });
  }

  /** Lock and unlock are API-only: no desired state changes, no host needed, no state check. */
  lock(caller: Caller, id: string, reason: string | null) {
    return transition(this.deps, caller, id, {
      action: "lock",
      record: "lock",
      checkLock: false,
      taskStates: [null, ...Object.values(TaskState)],
      desired: false,
      data: () => ({ locked: true, lockedBy: caller.admin ? "admin" : "owner", lockedReason: reason }),
    });
  }

  unlock(caller: Caller, id: string) {
    return transition(this.deps, caller, id, {
      action: "unlock",
      record: "unlock",
      checkLock: false,
      taskStates: [null, ...Object.values(TaskState)],
      desired: false,
      data: (inst) => {
        // An admin's lock is the admin's to lift (unlock_override).
        if (inst.lockedBy === "admin" && !caller.admin) {
          throw new ZenithError(
            "FORBIDDEN",
            "Policy doesn't allow os_compute_api:os-lock-server:unlock:unlock_override to be performed.",
          );
        }
        return { locked: false, lockedBy: null, lockedReason: null };
      },
    });
  }
}
