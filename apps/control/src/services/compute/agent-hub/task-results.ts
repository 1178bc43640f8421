import type { TaskName } from "@zenith/agent-protocol/compute";
import { ACTIONS, actionOfTask } from "@zenith/compute-actions/actions";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { Scheduler } from "../scheduler/scheduler.ts";
import { finishEvent } from "../servers/action-log.ts";
import { powerOfVmState } from "../servers/desired-power.ts";
import { faultJson } from "../servers/fault.ts";
import { TaskState, VmState } from "../servers/states.ts";
import type { DesiredPublisher } from "./publisher.ts";

const SNAPSHOT_EVENT = ACTIONS.createImage.event ?? "compute_snapshot_instance";

export interface TaskResultDeps {
  prisma: PrismaClient;
  logger: Logger;
  scheduler: Scheduler;
  publisher: DesiredPublisher;
}

export interface TaskOutcome {
  uuid: string;
  task: TaskName;
  ok: boolean;
  message?: string | undefined;
  imageId?: string | undefined;
}

/**
 * Outcomes of agent tasks. Successes are mostly visible in reports already
 * (state is converged from reports, not results); failures are where
 * results matter: a failed spawn reschedules, other failures clear the
 * task, record the fault and mark the action event Error.
 */
export class TaskResults {
  constructor(private readonly deps: TaskResultDeps) {}

  async apply(hostId: string, result: TaskOutcome): Promise<void> {
    const { prisma, logger } = this.deps;
    const log = logger.child({ instanceId: result.uuid, hostId, task: result.task });
    if (result.task === "snapshot") return this.snapshotDone(hostId, result);
    if (result.ok) return;
    const inst = await prisma.instance.findUnique({ where: { id: result.uuid } });
    if (!inst || inst.hostId !== hostId || inst.deletedAt !== null) return;
    const message = result.message ?? `${result.task} failed`;
    log.warn({ message }, "agent task failed");
    if (result.task === "spawn") {
      await this.deps.scheduler.reschedule(inst.id, hostId, message);
      return;
    }
    // The action whose task was running names the event to fail.
    const running = actionOfTask(inst.taskState);
    const event = running?.event ?? undefined;
    // Power tasks fail back to where they were (Nova reverts the task
    // state); reboot, rebuild, resize and delete failures leave the
    // instance in ERROR, as upstream.
    const powerTask = running?.agentTask === "power";
    await prisma.$transaction(async (tx) => {
      const updated = await tx.instance.updateMany({
        where: { id: inst.id, generation: inst.generation, deletedAt: null },
        data: powerTask
          ? {
              taskState: null,
              fault: faultJson(message),
              desiredPower: powerOfVmState(inst.vmState),
              generation: { increment: 1 },
            }
          : { taskState: null, vmState: VmState.ERROR, fault: faultJson(message) },
      });
      if (updated.count > 0 && event)
        await finishEvent(tx, inst.id, event, { ok: false, traceback: message });
    });
    if (powerTask) this.deps.publisher.instanceChanged(inst.id);
  }

  /**
   * The snapshot task ended. Bytes arrive separately (`PUT` on the agent
   * image endpoint, which makes the image active); a failure deletes the
   * image as Nova does.
   */
  private async snapshotDone(hostId: string, result: TaskOutcome): Promise<void> {
    const { prisma, logger } = this.deps;
    await prisma.$transaction(async (tx) => {
      await tx.instance.updateMany({
        where: { id: result.uuid, hostId, taskState: TaskState.IMAGE_SNAPSHOT, deletedAt: null },
        data: { taskState: null, generation: { increment: 1 } },
      });
      if (!result.ok && result.imageId) {
        await tx.image.updateMany({
          where: { id: result.imageId, status: { in: ["queued", "saving"] } },
          data: { status: "deleted", deletedAt: new Date() },
        });
      }
      await finishEvent(tx, result.uuid, SNAPSHOT_EVENT, {
        ok: result.ok,
        traceback: result.message,
      });
    });
    if (!result.ok)
      logger.warn({ instanceId: result.uuid, hostId, imageId: result.imageId }, "snapshot failed");
    this.deps.publisher.instanceChanged(result.uuid);
  }
}
