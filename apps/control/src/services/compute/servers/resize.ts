import { ACTIONS } from "@zenith/compute-actions/actions";
import { ZenithError } from "@zenith/core/errors";
import { type FlavorSnapshot, parseFlavorSnapshot } from "../flavor-snapshot.ts";
import type { QuotaService } from "../quotas.ts";
import { claimExtra } from "../scheduler/claims.ts";
import { resourcesOf } from "../scheduler/resources.ts";
import { recordAction } from "./action-log.ts";
import { findUsableFlavor, snapshotOf } from "./boot-sources.ts";
import { type Caller, requesterOf } from "./caller.ts";
import { NO_VALID_HOST } from "./errors.ts";
import { findServer } from "./lookup.ts";
import { checkAllowed, type TransitionDeps, transition } from "./transition.ts";

/**
 * Resize in place on the instance's host. The new flavor is claimed next to
 * the old one until confirm (old released) or revert (new released), and
 * quota counts the new flavor from the start, as Nova's resize does.
 */
export class ResizeActions {
  constructor(private readonly deps: TransitionDeps & { quotas: QuotaService }) {}

  async resize(caller: Caller, id: string, flavorRef: string) {
    const { prisma, quotas } = this.deps;
    const inst = await findServer(prisma, caller, id);
    checkAllowed(caller, inst, { rule: ACTIONS.resize, needsHost: true });
    const current = parseFlavorSnapshot(inst.flavor);
    const flavor = await findUsableFlavor(prisma, caller, flavorRef);
    if (flavor.id === current.id)
      throw ZenithError.badRequest("When resizing, instances must change flavor!");
    if (flavor.diskGb < current.disk)
      throw ZenithError.badRequest("Resize error: Unable to resize disk down.");
    const next = snapshotOf(flavor);
    const delta = {
      cores: Math.max(0, next.vcpus - current.vcpus),
      ram: Math.max(0, next.ram - current.ram),
    };
    return quotas
      .reserve(inst.projectId, delta, async (tx) => {
        // Inside the quota transaction: the new flavor is written before the lock is released.
        const hostId = inst.hostId;
        if (!hostId || !(await claimExtra(tx, hostId, resourcesOf(next)))) {
          throw ZenithError.badRequest(NO_VALID_HOST);
        }
        const updated = await tx.instance.updateMany({
          where: { id, deletedAt: null, vmState: inst.vmState, taskState: null, generation: inst.generation },
          data: {
            flavor: next,
            flavorId: flavor.id,
            oldFlavor: current,
            taskState: ACTIONS.resize.taskState,
            resizeSeq: { increment: 1 },
            generation: { increment: 1 },
          },
        });
        if (updated.count === 0)
          throw new ZenithError("CONFLICT", `Cannot 'resize' instance ${id}: it changed meanwhile`);
        await recordAction(
          tx,
          id,
          ACTIONS.resize.nova,
          requesterOf(caller, inst.projectId),
          inst.host?.host ?? null,
        );
      })
      .then(() => {
        this.deps.publisher.instanceChanged(id);
        return inst;
      });
  }

  confirm(caller: Caller, id: string) {
    return transition(this.deps, caller, id, {
      rule: ACTIONS.confirmResize,
      needsHost: true,
      data: () => ({ taskState: ACTIONS.confirmResize.taskState }),
    });
  }

  /** Swaps the flavors back at once, so `oldFlavor` names the claim to release when the agent is done. */
  revert(caller: Caller, id: string) {
    return transition(this.deps, caller, id, {
      rule: ACTIONS.revertResize,
      needsHost: true,
      data: (inst) => {
        if (inst.oldFlavor === null) throw ZenithError.badRequest("Instance has not been resized.");
        const old: FlavorSnapshot = parseFlavorSnapshot(inst.oldFlavor);
        return {
          flavor: old,
          flavorId: old.id,
          oldFlavor: parseFlavorSnapshot(inst.flavor),
          taskState: ACTIONS.revertResize.taskState,
        };
      },
    });
  }
}
