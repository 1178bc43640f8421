import { randomUUID } from "node:crypto";
import { ACTIONS, CREATE_EVENT } from "@zenith/compute-actions/actions";
import type { Prisma } from "@zenith/db/client";

type Tx = Prisma.TransactionClient;

/** Who asked for an action: recorded on `os-instance-actions`. */
export interface Requester {
  requestId: string;
  userId: string;
  projectId: string;
}

/**
 * The compute-side event Nova records for each action (by its Nova name),
 * from the shared action table; the agent's task result finishes it.
 * Lock and unlock happen in the API only.
 */
export const ACTION_EVENTS: Readonly<Record<string, string | undefined>> = Object.fromEntries([
  ["create", CREATE_EVENT],
  ...Object.values(ACTIONS).map((a) => [a.nova, a.event ?? undefined]),
]);

/** Records an action (and, when the compute side has work, its open event). */
export async function recordAction(
  tx: Tx,
  instanceId: string,
  action: string,
  who: Requester,
  host: string | null,
): Promise<string> {
  const id = randomUUID();
  const event = ACTION_EVENTS[action];
  const now = new Date();
  await tx.instanceAction.create({
    data: {
      id,
      instanceId,
      action,
      requestId: who.requestId,
      userId: who.userId,
      projectId: who.projectId,
      startTime: now,
      // API-only actions are over when recorded.
      finishTime: event === undefined ? now : null,
    },
  });
  // A create's build event starts when the scheduler has picked a host.
  if (event !== undefined && action !== "create") {
    await tx.instanceActionEvent.create({ data: { id: randomUUID(), actionId: id, event, host } });
  }
  return id;
}

/** Opens an event on the latest action of that name (the build event once a host is chosen). */
export async function startEvent(
  tx: Tx,
  instanceId: string,
  action: string,
  event: string,
  host: string | null,
): Promise<void> {
  const latest = await tx.instanceAction.findFirst({
    where: { instanceId, action },
    orderBy: { startTime: "desc" },
    select: { id: true },
  });
  if (!latest) return;
  await tx.instanceActionEvent.create({ data: { id: randomUUID(), actionId: latest.id, event, host } });
}

/**
 * Finishes the newest open event of that name for the instance; when it
 * was the action's last open event the action finishes too, and an error
 * marks the action's message "Error" as Nova does.
 */
export async function finishEvent(
  tx: Tx,
  instanceId: string,
  event: string,
  outcome: { ok: boolean; traceback?: string | undefined },
): Promise<void> {
  const open = await tx.instanceActionEvent.findFirst({
    where: { event, finishTime: null, action: { instanceId } },
    orderBy: { startTime: "desc" },
  });
  if (!open) return;
  const now = new Date();
  await tx.instanceActionEvent.update({
    where: { id: open.id },
    data: { finishTime: now, result: outcome.ok ? "Success" : "Error", traceback: outcome.traceback ?? null },
  });
  const stillOpen = await tx.instanceActionEvent.count({
    where: { actionId: open.actionId, finishTime: null },
  });
  if (stillOpen === 0 || !outcome.ok) {
    await tx.instanceAction.update({
      where: { id: open.actionId },
      data: { ...(stillOpen === 0 ? { finishTime: now } : {}), ...(outcome.ok ? {} : { message: "Error" }) },
    });
  }
}

/** Finishes every open event of the instance (it was deleted; nothing else will). */
export async function finishAllEvents(tx: Tx, instanceId: string, ok: boolean): Promise<void> {
  const now = new Date();
  await tx.instanceActionEvent.updateMany({
    where: { finishTime: null, action: { instanceId } },
    data: { finishTime: now, result: ok ? "Success" : "Error" },
  });
  await tx.instanceAction.updateMany({ where: { instanceId, finishTime: null }, data: { finishTime: now } });
}
