/**
 * Which driver call moves a guest one step from its power state towards the
 * desired one. Some targets take two steps (suspended → stopped: resume,
 * then power off), since the driver only offers its documented transitions.
 */
import type { DesiredPower } from "@zenith/agent-protocol/compute";
import { PowerState } from "./driver/types.ts";

export type PowerStep = "powerOn" | "powerOff" | "pause" | "unpause" | "suspend" | "resume";

const { RUNNING, PAUSED, SHUTDOWN, CRASHED, SUSPENDED } = PowerState;

export const targetState: Record<DesiredPower, PowerState> = {
  running: RUNNING,
  stopped: SHUTDOWN,
  paused: PAUSED,
  suspended: SUSPENDED,
};

/** The next call, or undefined when there (or when nothing can be done, e.g. NOSTATE while spawning). */
export function nextPowerStep(current: PowerState, desired: DesiredPower): PowerStep | undefined {
  if (current === targetState[desired] || current === PowerState.NOSTATE) return undefined;
  switch (desired) {
    case "running":
      if (current === PAUSED) return "unpause";
      return current === SUSPENDED ? "resume" : "powerOn";
    case "stopped":
      return current === SUSPENDED ? "resume" : "powerOff";
    case "paused":
      if (current === RUNNING) return "pause";
      return current === SUSPENDED ? "resume" : "powerOn";
    case "suspended":
      // Suspend starts from RUNNING or PAUSED; a stopped or crashed guest boots first.
      return current === SHUTDOWN || current === CRASHED ? "powerOn" : "suspend";
  }
}
