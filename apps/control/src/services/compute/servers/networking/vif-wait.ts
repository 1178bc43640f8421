import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { DesiredPublisher } from "../../agent-hub/publisher.ts";
import { ACTION_EVENTS, finishEvent } from "../action-log.ts";
import { TaskState, vmStateForPower } from "../states.ts";
import { abortBuild, networkBuildAbort } from "./build-abort.ts";

/** Nova's `vif_plugging_timeout` default (seconds). */
export const DEFAULT_VIF_PLUG_TIMEOUT_S = 300;

export interface VifWaitDeps {
  prisma: PrismaClient;
  logger: Logger;
  publisher: DesiredPublisher;
  /** True when every port of the instance is wired (ACTIVE) on its host. */
  portsWired(instanceId: string): Promise<boolean>;
  /** How long a spawned guest waits for its ports; 0 = no wait (Nova's vif_plugging_timeout). */
  timeoutS?: number | undefined;
  /** How often waiting builds are checked for a timeout (and, as a safety net, for wiring). */
  sweepMs?: number | undefined;
  /** Releases the ports of a build aborted for want of wiring (Nova's _cleanup_allocated_networks). */
  release?: ((instanceId: string) => Promise<void>) | undefined;
}

/**
 * The server stays BUILD until its ports are wired, as Nova waits for
 * `network-vif-plugged` before it calls a build done: the agent's spawn
 * report records `spawned_at`, and the build ends when the last port goes
 * ACTIVE (the network hub calls `portsChanged`), or in ERROR with Nova's
 * "Failed to allocate the network(s)" fault when the timeout passes first.
 */
export class VifWait {
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(private readonly deps: VifWaitDeps) {}

  get timeoutS(): number {
    return this.deps.timeoutS ?? DEFAULT_VIF_PLUG_TIMEOUT_S;
  }

  /** Whether a spawned instance may go ACTIVE now (no ports, no wait, or all wired). */
  async ready(instanceId: string): Promise<boolean> {
    if (this.timeoutS === 0) return true;
    return this.deps.portsWired(instanceId);
  }

  /** Some ports changed state (the hub's hook): finish the builds they were holding. */
  async portsChanged(instanceIds: string[]): Promise<void> {
    for (const id of instanceIds) await this.finishIfReady(id);
  }

  start(): void {
    if (this.timer) return;
    const every = this.deps.sweepMs ?? 5000;
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = true;
      this.sweep()
        .catch((err: unknown) => this.deps.logger.error({ err }, "vif wait sweep failed"))
        .finally(() => {
          this.sweeping = false;
        });
    }, every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Finishes builds whose ports are wired (a missed hook) and aborts the ones past the timeout. */
  async sweep(): Promise<void> {
    const waiting = await this.deps.prisma.instance.findMany({
      where: { deletedAt: null, taskState: TaskState.SPAWNING, spawnedAt: { not: null } },
      select: { id: true, hostId: true, spawnedAt: true },
      take: 1000,
    });
    const deadline = Date.now() - this.timeoutS * 1000;
    for (const w of waiting) {
      if (await this.finishIfReady(w.id)) continue;
      if (w.hostId && w.spawnedAt && w.spawnedAt.getTime() <= deadline) {
        const message = networkBuildAbort(w.id);
        if (await abortBuild(this.deps, w.id, w.hostId, message)) {
          this.deps.logger.warn(
            { instanceId: w.id, timeoutS: this.timeoutS },
            "ports not wired in time; build aborted",
          );
          await this.deps.release?.(w.id);
        }
      }
    }
  }

  /** The spawn was reported and every port is wired: BUILD → the desired power's state. */
  private async finishIfReady(instanceId: string): Promise<boolean> {
    const { prisma, logger } = this.deps;
    const inst = await prisma.instance.findUnique({ where: { id: instanceId } });
    if (
      !inst ||
      inst.deletedAt !== null ||
      inst.taskState !== TaskState.SPAWNING ||
      inst.spawnedAt === null
    ) {
      return false;
    }
    if (!(await this.ready(instanceId))) return false;
    const done = await prisma.$transaction(async (tx) => {
      const updated = await tx.instance.updateMany({
        where: { id: inst.id, generation: inst.generation, taskState: TaskState.SPAWNING, deletedAt: null },
        data: { vmState: vmStateForPower(inst.desiredPower), taskState: null, launchedAt: new Date() },
      });
      if (updated.count === 0) return false;
      const event = ACTION_EVENTS.create;
      if (event) await finishEvent(tx, inst.id, event, { ok: true });
      return true;
    });
    if (done) logger.info({ instanceId }, "ports wired; build finished");
    return done;
  }
}

/** Every port of the instance is ACTIVE (none: nothing to wait for). */
export async function portsActive(prisma: PrismaClient, instanceId: string): Promise<boolean> {
  const notActive = await prisma.port.count({
    where: { deviceId: instanceId, deviceOwner: { startsWith: "compute:" }, status: { not: "ACTIVE" } },
  });
  return notActive === 0;
}
