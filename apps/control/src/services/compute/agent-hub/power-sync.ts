/**
 * Nova's power-state sync (`_sync_instance_power_state`), for reports of
 * a guest whose power changed by itself: a guest found off while it should
 * run is stopped in the database too, and a crashed one (the hypervisor
 * stopped it: KVM internal error, kernel panic, disk error) goes to ERROR
 * with a fault saying why, never staying ACTIVE with a frozen guest.
 */
import { type ActualInstance, PowerState } from "@zenith/agent-protocol/compute";
import type { Prisma } from "@zenith/db/client";
import type { Instance } from "@zenith/db/generated";
import { crashMessage, faultJson } from "../servers/fault.ts";
import { VmState } from "../servers/states.ts";

/** vm_states whose guest should be alive. */
const ALIVE: ReadonlySet<string> = new Set([VmState.ACTIVE, VmState.PAUSED, VmState.RESIZED]);

export interface PowerSync {
  data: Prisma.InstanceUpdateManyMutationInput;
  /** Desired state changed too: push it. */
  publish?: boolean;
}

/** The error a crashed guest puts its server in; desired power stays, so a hard reboot or rebuild brings it back. */
export function crashedData(actual: ActualInstance): Prisma.InstanceUpdateManyMutationInput {
  return { vmState: VmState.ERROR, taskState: null, fault: faultJson(crashMessage(actual.hypervisorState)) };
}

/** True when a report shows the guest crashed where it should be alive in `vmState`. */
export function crashedWhileAlive(vmState: unknown, actual: ActualInstance): boolean {
  return actual.powerState === PowerState.CRASHED && typeof vmState === "string" && ALIVE.has(vmState);
}

/** For an instance with no task: what its reported power state changes, if anything. */
export function syncPower(inst: Instance, actual: ActualInstance): PowerSync | null {
  if (crashedWhileAlive(inst.vmState, actual)) return { data: crashedData(actual) };
  if (inst.vmState === VmState.ACTIVE && actual.powerState === PowerState.SHUTDOWN) {
    return {
      data: { vmState: VmState.STOPPED, desiredPower: "stopped", generation: { increment: 1 } },
      publish: true,
    };
  }
  return null;
}
