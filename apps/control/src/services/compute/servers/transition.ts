import { type ActionDescriptor, refusal } from "@zenith/compute-actions/actions";
import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { DesiredPublisher } from "../agent-hub/publisher.ts";
import { recordAction } from "./action-log.ts";
import { type Caller, requesterOf } from "./caller.ts";
import { instanceLocked, invalidState } from "./errors.ts";
import { findServer, type InstanceWithHost } from "./lookup.ts";

type Tx = Prisma.TransactionClient;

/** Who may act when: an action's row of the shared table, or the same columns for non-actions (metadata). */
export type StateRule = Pick<ActionDescriptor, "nova" | "vmStates" | "taskStates" | "checkLock">;

export interface TransitionSpec {
  rule: StateRule;
  /** Records `rule.nova` in os-instance-actions; not for changes that are not actions. */
  record?: boolean;
  /** The agent must act: host-less instances cannot. */
  needsHost?: boolean;
  /** Desired state changes (bumps generation and pushes to the agent). */
  desired?: boolean;
  data: (inst: InstanceWithHost) => Prisma.InstanceUpdateManyMutationInput;
  /** More writes in the same transaction (quota, claims, images). */
  extra?: (tx: Tx, inst: InstanceWithHost) => Promise<void>;
}

export interface TransitionDeps {
  prisma: PrismaClient;
  publisher: DesiredPublisher;
}

/** Nova's `check_instance_lock` + `check_instance_state`, in that order. */
export function checkAllowed(
  caller: Caller,
  inst: InstanceWithHost,
  spec: Pick<TransitionSpec, "rule" | "needsHost">,
): void {
  const refused = refusal(spec.rule, inst, caller.admin);
  if (refused?.reason === "locked") throw instanceLocked(inst.id);
  if (refused) throw invalidState(spec.rule.nova, inst.id, refused.reason, refused.value);
  if (spec.needsHost && !inst.hostId) throw new ZenithError("CONFLICT", `Instance ${inst.id} is not ready`);
}

/**
 * Runs one server action: checks lock and state, then writes the new state
 * conditionally on the state it checked (a concurrent action loses with
 * 409 instead of both applying), records the instance action, and pushes
 * the new desired state to the host's agent.
 */
export async function transition(
  deps: TransitionDeps,
  caller: Caller,
  id: string,
  spec: TransitionSpec,
): Promise<InstanceWithHost> {
  const inst = await findServer(deps.prisma, caller, id);
  checkAllowed(caller, inst, spec);
  const desired = spec.desired ?? true;
  await deps.prisma.$transaction(async (tx) => {
    const updated = await tx.instance.updateMany({
      where: {
        id,
        deletedAt: null,
        vmState: inst.vmState,
        taskState: inst.taskState,
        generation: inst.generation,
      },
      data: { ...spec.data(inst), ...(desired ? { generation: { increment: 1 } } : {}) },
    });
    if (updated.count === 0) {
      throw new ZenithError("CONFLICT", `Cannot '${spec.rule.nova}' instance ${id}: it changed meanwhile`);
    }
    if (spec.record ?? true) {
      await recordAction(
        tx,
        id,
        spec.rule.nova,
        requesterOf(caller, inst.projectId),
        inst.host?.host ?? null,
      );
    }
    if (spec.extra) await spec.extra(tx, inst);
  });
  if (desired) deps.publisher.instanceChanged(id);
  return inst;
}
