import { ACTIONS } from "@zenith/compute-actions/actions";
import { ZenithError } from "@zenith/core/errors";
import type { Caller } from "./caller.ts";
import { type TransitionDeps, transition } from "./transition.ts";

/**
 * Power actions, each a change of desired power (or the reboot counter)
 * with the allowed states and running task of the shared action table;
 * the agent's report ends the task.
 */
export class PowerActions {
  constructor(private readonly deps: TransitionDeps) {}

  private power(
    caller: Caller,
    id: string,
    name: "stop" | "start" | "pause" | "unpause" | "suspend" | "resume",
  ) {
    const rule = ACTIONS[name];
    const desiredPower = DESIRED_POWER[name];
    return transition(this.deps, caller, id, {
      rule,
      needsHost: true,
      data: () => ({ desiredPower, taskState: rule.taskState }),
    });
  }

  stop(caller: Caller, id: string) {
    return this.power(caller, id, "stop");
  }

  start(caller: Caller, id: string) {
    return this.power(caller, id, "start");
  }

  pause(caller: Caller, id: string) {
    return this.power(caller, id, "pause");
  }

  unpause(caller: Caller, id: string) {
    return this.power(caller, id, "unpause");
  }

  suspend(caller: Caller, id: string) {
    return this.power(caller, id, "suspend");
  }

  resume(caller: Caller, id: string) {
    return this.power(caller, id, "resume");
  }

  /** Hard reboots also recover stopped, paused, suspended and errored servers, and leave them running. */
  async reboot(caller: Caller, id: string, type: "SOFT" | "HARD") {
    const rule = type === "HARD" ? ACTIONS.hardReboot : ACTIONS.reboot;
    return transition(this.deps, caller, id, {
      rule,
      needsHost: true,
      data: () => ({
        rebootSeq: { increment: 1 },
        rebootType: type,
        desiredPower: "running",
        taskState: rule.taskState,
      }),
    });
  }

  /** Lock and unlock are API-only: no desired state changes, no host needed, no state check. */
  lock(caller: Caller, id: string, reason: string | null) {
    return transition(this.deps, caller, id, {
      rule: ACTIONS.lock,
      desired: false,
      data: () => ({ locked: true, lockedBy: caller.admin ? "admin" : "owner", lockedReason: reason }),
    });
  }

  unlock(caller: Caller, id: string) {
    return transition(this.deps, caller, id, {
      rule: ACTIONS.unlock,
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

/** The power each power action asks of the agent. */
const DESIRED_POWER = {
  stop: "stopped",
  start: "running",
  pause: "paused",
  unpause: "running",
  suspend: "suspended",
  resume: "running",
} as const;
