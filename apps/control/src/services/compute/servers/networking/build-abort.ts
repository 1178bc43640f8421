import type { PrismaClient } from "@zenith/db/client";
import type { DesiredPublisher } from "../../agent-hub/publisher.ts";
import { finishEvent } from "../action-log.ts";
import { faultJson } from "../fault.ts";
import { TaskState, VmState } from "../states.ts";
import { releaseInstanceClaims } from "../teardown.ts";

export const BUILD_EVENT = "compute__do_build_and_run_instance";

/** Nova's BuildAbortException text for a network that could not be set up. */
export function networkBuildAbort(instanceId: string, detail?: string): string {
  const reason = detail
    ? `Failed to allocate the network(s): ${detail}`
    : "Failed to allocate the network(s), not rescheduling.";
  return `Build of instance ${instanceId} aborted: ${reason}`;
}

/**
 * Ends a build that cannot finish on `hostId` without a reschedule, as
 * Nova's BuildAbortException does: ERROR with the fault, host and node
 * cleared, the host's claim released, the build event failed, and the
 * agent told to drop its copy. False when the instance moved on meanwhile.
 */
export async function abortBuild(
  deps: { prisma: PrismaClient; publisher: DesiredPublisher },
  instanceId: string,
  hostId: string,
  message: string,
): Promise<boolean> {
  const aborted = await deps.prisma.$transaction(async (tx) => {
    const inst = await tx.instance.findUnique({ where: { id: instanceId } });
    if (!inst || inst.hostId !== hostId || inst.deletedAt !== null) return false;
    if (inst.taskState !== TaskState.SPAWNING) return false;
    const done = await tx.instance.updateMany({
      where: { id: instanceId, hostId, taskState: TaskState.SPAWNING, deletedAt: null },
      data: {
        vmState: VmState.ERROR,
        taskState: null,
        hostId: null,
        fault: faultJson(message),
        generation: { increment: 1 },
      },
    });
    if (done.count === 0) return false;
    await releaseInstanceClaims(tx, inst);
    await finishEvent(tx, instanceId, BUILD_EVENT, { ok: false, traceback: message });
    return true;
  });
  if (aborted) deps.publisher.instanceRemoved(hostId, instanceId);
  return aborted;
}
