import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { Instance } from "@zenith/db/generated";
import { parseFlavorSnapshot } from "../flavor-snapshot.ts";
import { releaseResources } from "../scheduler/claims.ts";
import { resourcesOf } from "../scheduler/resources.ts";
import { finishAllEvents } from "./action-log.ts";
import { TaskState, VmState } from "./states.ts";

type Tx = Prisma.TransactionClient;

/**
 * Releases everything an instance holds on its host: its flavor, plus the
 * other flavor while a resize is pending (both are claimed until confirm or
 * revert).
 */
export async function releaseInstanceClaims(tx: Tx, inst: Instance): Promise<void> {
  if (!inst.hostId) return;
  await releaseResources(tx, inst.hostId, resourcesOf(parseFlavorSnapshot(inst.flavor)));
  if (inst.oldFlavor !== null) {
    await releaseResources(tx, inst.hostId, resourcesOf(parseFlavorSnapshot(inst.oldFlavor)), { vm: false });
  }
}

/**
 * Finishes a delete: soft-deletes the row (usage history stays), releases
 * the claims and closes open action events. Guarded by `deleted_at IS NULL`
 * so that the agent's report and a local delete cannot both release. True
 * when this call did it.
 */
export async function completeDelete(prisma: PrismaClient, instanceId: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const inst = await tx.instance.findUnique({ where: { id: instanceId } });
    if (!inst || inst.deletedAt !== null || inst.taskState !== TaskState.DELETING) return false;
    const now = new Date();
    const done = await tx.instance.updateMany({
      where: { id: instanceId, deletedAt: null, taskState: TaskState.DELETING },
      data: {
        deletedAt: now,
        terminatedAt: now,
        vmState: VmState.DELETED,
        taskState: null,
        powerState: 0,
      },
    });
    if (done.count === 0) return false;
    await releaseInstanceClaims(tx, inst);
    await finishAllEvents(tx, instanceId, true);
    return true;
  });
}
