import { type ActualInstance, PowerState } from "@zenith/agent-protocol/compute";
import type { Logger } from "@zenith/core/logger";
import { Prisma, type PrismaClient } from "@zenith/db/client";
import type { Instance } from "@zenith/db/generated";
import { parseFlavorSnapshot } from "../flavor-snapshot.ts";
import { releaseResources } from "../scheduler/claims.ts";
import { resourcesOf } from "../scheduler/resources.ts";
import { ACTION_EVENTS, finishEvent } from "../servers/action-log.ts";
import { crashMessage } from "../servers/fault.ts";
import { TaskState, VmState, vmStateForPower } from "../servers/states.ts";
import { completeDelete } from "../servers/teardown.ts";
import { crashedData, crashedWhileAlive, syncPower } from "./power-sync.ts";
import type { DesiredPublisher } from "./publisher.ts";

export interface ReconcilerDeps {
  prisma: PrismaClient;
  logger: Logger;
  publisher: DesiredPublisher;
  /** A delete finished: the instance's ports are released. */
  onDeleted?: ((instanceId: string) => Promise<void>) | undefined;
  /** Attachments the report shows plugged or unplugged (the volume side's bookkeeping). */
  volumes?:
    | { instanceReported(instanceId: string, actual: ActualInstance["volumes"]): Promise<void> }
    | undefined;
  /** Holds finished spawns in BUILD until their ports are wired (VifWait). */
  vif?:
    | { ready(instanceId: string): Promise<boolean>; portsChanged(instanceIds: string[]): Promise<void> }
    | undefined;
}

/** A task the report shows finished: the new states and the action event it closes. */
interface Transition {
  data: Prisma.InstanceUpdateManyMutationInput;
  event?: string | undefined;
  /** The task ended with the guest crashed: its event is an Error with this traceback. */
  failure?: string;
  /** A resize was confirmed or reverted: the other flavor's claim goes back. */
  releaseOldFlavor?: boolean;
  /** Desired state changed too (power sync): push it. */
  publish?: boolean;
  /** The spawn is done but the ports are not wired: the build waits (holdForPorts). */
  waitsForPorts?: boolean;
}

const POWER_TASKS: Record<string, { power: number; action: string } | undefined> = {
  [TaskState.POWERING_OFF]: { power: PowerState.SHUTDOWN, action: "stop" },
  [TaskState.POWERING_ON]: { power: PowerState.RUNNING, action: "start" },
  [TaskState.PAUSING]: { power: PowerState.PAUSED, action: "pause" },
  [TaskState.UNPAUSING]: { power: PowerState.RUNNING, action: "unpause" },
  [TaskState.SUSPENDING]: { power: PowerState.SUSPENDED, action: "suspend" },
  [TaskState.RESUMING]: { power: PowerState.RUNNING, action: "resume" },
};

/**
 * Moves vm_state/task_state from what an agent reports. A task is done when
 * the agent has applied the instance's current generation (or counter) and
 * the observed state matches; stale reports (sent before the agent saw the
 * latest desired state) change nothing but power_state.
 */
export function transitionFor(inst: Instance, actual: ActualInstance): Transition | null {
  const transition = taskTransition(inst, actual);
  // A task that settles with a crashed guest (e.g. a spawn whose guest froze at once) ends in ERROR, not ACTIVE.
  if (
    transition &&
    transition.data.taskState === null &&
    crashedWhileAlive(transition.data.vmState, actual)
  ) {
    return crashedTask(transition.event, actual, transition);
  }
  // A power task that should leave the guest alive, finished (the agent's pass is done) with it crashed.
  const power = POWER_TASKS[inst.taskState ?? ""];
  const wantsAlive = power?.power === PowerState.RUNNING || power?.power === PowerState.PAUSED;
  const passDone = actual.applied.generation >= inst.generation;
  if (!transition && power && wantsAlive && passDone && actual.powerState === PowerState.CRASHED) {
    return crashedTask(ACTION_EVENTS[power.action], actual);
  }
  return transition;
}

/** The task's end when the guest crashed: ERROR with the fault, and its action event an Error saying why. */
function crashedTask(event: string | undefined, actual: ActualInstance, base?: Transition): Transition {
  const data = { ...base?.data, ...crashedData(actual) };
  return { ...base, data, event, failure: crashMessage(actual.hypervisorState) };
}

function taskTransition(inst: Instance, actual: ActualInstance): Transition | null {
  const current = actual.applied.generation >= inst.generation;
  const settled = vmStateForPower(inst.desiredPower);
  const done = (event: string | undefined, extra: Prisma.InstanceUpdateManyMutationInput = {}) => ({
    data: { vmState: settled, taskState: null, ...extra },
    event,
  });
  const power = POWER_TASKS[inst.taskState ?? ""];
  if (power) {
    return current && actual.powerState === power.power ? done(ACTION_EVENTS[power.action]) : null;
  }
  switch (inst.taskState) {
    case TaskState.SPAWNING:
      return current ? done(ACTION_EVENTS.create, { launchedAt: new Date() }) : null;
    case TaskState.REBOOTING:
    case TaskState.REBOOTING_HARD:
      return actual.applied.rebootSeq >= inst.rebootSeq ? done(ACTION_EVENTS.reboot) : null;
    case TaskState.REBUILDING:
      return actual.applied.rebuildSeq >= inst.rebuildSeq ? done(ACTION_EVENTS.rebuild) : null;
    case TaskState.RESIZE_PREP:
      return actual.applied.resizeSeq >= inst.resizeSeq && actual.resizePending
        ? { data: { vmState: VmState.RESIZED, taskState: null }, event: ACTION_EVENTS.resize }
        : null;
    case TaskState.RESIZE_CONFIRMING:
    case TaskState.RESIZE_REVERTING:
      if (actual.resizePending || actual.applied.resizeSeq < inst.resizeSeq) return null;
      return {
        ...done(
          ACTION_EVENTS[inst.taskState === TaskState.RESIZE_CONFIRMING ? "confirmResize" : "revertResize"],
          {
            oldFlavor: Prisma.DbNull,
          },
        ),
        releaseOldFlavor: true,
      };
    case null:
      return current ? syncPower(inst, actual) : null;
    default:
      return null;
  }
}

/** Applies agents' reports of actual instance state to the database. */
export class Reconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  /**
   * A spawn the agent finished stays BUILD while the instance's ports are
   * not wired yet: only `spawned_at` is recorded, and VifWait ends the
   * build when the network hub reports the ports ACTIVE (or the wait times out).
   */
  private async holdForPorts(inst: Instance, transition: Transition | null): Promise<Transition | null> {
    const finishesSpawn =
      inst.taskState === TaskState.SPAWNING &&
      transition !== null &&
      transition.data.taskState === null &&
      transition.data.vmState !== VmState.ERROR;
    if (!finishesSpawn || !this.deps.vif || (await this.deps.vif.ready(inst.id))) return transition;
    return inst.spawnedAt === null ? { data: { spawnedAt: new Date() }, waitsForPorts: true } : null;
  }

  async apply(hostId: string, actual: ActualInstance): Promise<void> {
    const { prisma, logger, publisher } = this.deps;
    const inst = await prisma.instance.findUnique({ where: { id: actual.uuid } });
    // Not ours (any more): the full desired state tells the agent it is an orphan.
    if (!inst || inst.hostId !== hostId || inst.deletedAt !== null) return;
    if (inst.taskState === TaskState.DELETING) {
      if (!actual.exists && (await completeDelete(prisma, inst.id))) {
        logger.info({ instanceId: inst.id, hostId }, "instance deleted");
        await this.deps.onDeleted?.(inst.id);
      }
      return;
    }
    if (!actual.exists) return;
    await this.deps.volumes?.instanceReported(inst.id, actual.volumes);
    const transition = await this.holdForPorts(inst, transitionFor(inst, actual));
    const changed = await prisma.$transaction(async (tx) => {
      const updated = await tx.instance.updateMany({
        // Only if nothing changed since we read it; a newer desired state waits for a newer report.
        where: { id: inst.id, generation: inst.generation, taskState: inst.taskState, deletedAt: null },
        data: { powerState: actual.powerState, ...(transition?.data ?? {}) },
      });
      if (updated.count === 0 || !transition) return false;
      if (transition.releaseOldFlavor && inst.oldFlavor !== null && inst.hostId) {
        await releaseResources(tx, inst.hostId, resourcesOf(parseFlavorSnapshot(inst.oldFlavor)), {
          vm: false,
        });
      }
      if (transition.event) {
        const outcome = transition.failure ? { ok: false, traceback: transition.failure } : { ok: true };
        await finishEvent(tx, inst.id, transition.event, outcome);
      }
      return true;
    });
    if (!changed || !transition) return;
    if (transition.waitsForPorts) {
      logger.info({ instanceId: inst.id, hostId }, "guest spawned; waiting for its ports to be wired");
      // The ports may have gone ACTIVE while spawned_at was being written.
      await this.deps.vif?.portsChanged([inst.id]);
      return;
    }
    if (transition.data.vmState === VmState.ERROR) {
      logger.warn(
        {
          instanceId: inst.id,
          hostId,
          powerState: actual.powerState,
          hypervisorState: actual.hypervisorState,
        },
        "guest crashed; instance set to ERROR",
      );
    }
    logger.info(
      { instanceId: inst.id, hostId, from: [inst.vmState, inst.taskState], to: transition.data.vmState },
      "instance state converged",
    );
    if (transition.publish) publisher.instanceChanged(inst.id);
  }
}
