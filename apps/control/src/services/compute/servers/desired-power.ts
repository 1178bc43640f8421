import type { DesiredPower } from "@zenith/agent-protocol/compute";

/** The power an instance in this vm_state has (to roll a failed power task back). */
export function powerOfVmState(vmState: string): DesiredPower {
  switch (vmState) {
    case "stopped":
      return "stopped";
    case "paused":
      return "paused";
    case "suspended":
      return "suspended";
    default:
      return "running";
  }
}
