import { ACTIONS } from "@zenith/compute-actions/actions";
import type { Logger } from "@zenith/core/logger";
import { isHostUp } from "../host-liveness.ts";
import type { Caller } from "./caller.ts";
import { findServer } from "./lookup.ts";
import { completeDelete } from "./teardown.ts";
import { type TransitionDeps, transition } from "./transition.ts";

/**
 * DELETE /servers/{id}: task `deleting` now; done when the host's agent
 * reports the VM destroyed. Without a host, or with its compute service
 * down, the delete is local and immediate, as Nova's `_local_delete` (the
 * agent destroys the orphan when it comes back).
 */
export class DeleteAction {
  constructor(
    private readonly deps: TransitionDeps & {
      logger: Logger;
      /** The delete finished: the instance's ports are released. */
      onDeleted?: ((instanceId: string) => Promise<void>) | undefined;
    },
  ) {}

  async delete(caller: Caller, id: string): Promise<void> {
    const { prisma, logger } = this.deps;
    const current = await findServer(prisma, caller, id);
    if (current.taskState === ACTIONS.delete.taskState) {
      // Asked again: finish locally if the host went away meanwhile.
      if (!current.host || !isHostUp(current.host)) await this.finishLocally(id, current.hostId);
      return;
    }
    const inst = await transition(this.deps, caller, id, {
      rule: ACTIONS.delete,
      data: () => ({ taskState: ACTIONS.delete.taskState }),
    });
    logger.info({ instanceId: id, hostId: inst.hostId }, "delete requested");
    // Otherwise transition() has pushed the delete to the agent.
    if (!inst.host || !isHostUp(inst.host)) await this.finishLocally(id, inst.hostId);
  }

  private async finishLocally(id: string, hostId: string | null): Promise<void> {
    if (!(await completeDelete(this.deps.prisma, id))) return;
    if (hostId) this.deps.publisher.instanceRemoved(hostId, id);
    await this.deps.onDeleted?.(id);
  }
}
