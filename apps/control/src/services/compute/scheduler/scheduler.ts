import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { DesiredPublisher } from "../agent-hub/publisher.ts";
import { parseFlavorSnapshot } from "../flavor-snapshot.ts";
import { finishEvent, startEvent } from "../servers/action-log.ts";
import { NO_VALID_HOST } from "../servers/errors.ts";
import { faultJson } from "../servers/fault.ts";
import { TaskState, VmState } from "../servers/states.ts";
import { claimResources, releaseResources } from "./claims.ts";
import { passesFilters } from "./filters.ts";
import { resourcesOf } from "./resources.ts";
import { type PlacementStrategy, rankHosts } from "./weighers.ts";

/** Nova's scheduler max_attempts: the first try plus two reschedules. */
export const MAX_SCHEDULE_ATTEMPTS = 3;

const BUILD_EVENT = "compute__do_build_and_run_instance";
/** Attempts at one placement whose database work fails, and the pause before the next (times the attempt). */
const PLACE_TRIES = 3;
const PLACE_RETRY_MS = 500;
/** The fault of a placement that failed for want of the database, not of a host. */
const SCHEDULING_FAILED =
  "The scheduler could not complete the placement (its database did not answer in time). Delete the server and create it again.";

export interface SchedulerDeps {
  prisma: PrismaClient;
  logger: Logger;
  publisher: DesiredPublisher;
  strategy?: PlacementStrategy;
  /**
   * Runs once an instance is placed, before its desired state goes out
   * (its ports are made and bound then). False: the build was aborted.
   */
  afterPlace?: ((instanceId: string, hostId: string, host: string) => Promise<boolean>) | undefined;
}

/**
 * Places instances waiting in task_state `scheduling` on a host: filter,
 * weigh, then claim atomically on the best candidate, falling back to the
 * next when a concurrent claim took the room. Without any host the
 * instance goes to ERROR with Nova's NoValidHost fault.
 */
export class Scheduler {
  private readonly strategy: PlacementStrategy;

  constructor(private readonly deps: SchedulerDeps) {
    this.strategy = deps.strategy ?? "spread";
  }

  /** Places one instance; never throws (a failure is the instance's ERROR state). */
  /**
   * `hypervisor_type` per image, kept briefly: a launch of hundreds asks the
   * same image hundreds of times, and one more query per placement is what
   * tipped 5,000 launches on PGlite over (bench/compute.mjs). A property
   * changed in Glance is seen by launches after at most IMAGE_TTL_MS.
   */
  private readonly imageHypervisor = new Map<string, { value: string | null; at: number }>();

  private async hypervisorOf(imageId: string | null): Promise<string | null> {
    if (imageId === null) return null;
    const cached = this.imageHypervisor.get(imageId);
    if (cached && Date.now() - cached.at < IMAGE_TTL_MS) return cached.value;
    const value = await wantedHypervisor(this.deps.prisma, imageId);
    if (this.imageHypervisor.size > 1000) this.imageHypervisor.clear();
    this.imageHypervisor.set(imageId, { value, at: Date.now() });
    return value;
  }

  async place(instanceId: string): Promise<void> {
    const log = this.deps.logger.child({ instanceId });
    // A placement that throws is the database's failure (a transaction that could not start in
    // time under a burst of builds), not a lack of hosts: tried again, since a placement commits
    // whole or not at all and the next attempt re-reads the instance.
    for (let attempt = 1; ; attempt++) {
      try {
        const placed = await this.tryPlace(instanceId);
        if (placed === "none") await this.fail(instanceId, NO_VALID_HOST);
        return;
      } catch (err) {
        if (attempt < PLACE_TRIES) {
          log.warn({ err, attempt }, "scheduling failed; trying again");
          await new Promise((resolve) => setTimeout(resolve, PLACE_RETRY_MS * attempt));
          continue;
        }
        log.error({ err }, "scheduling failed");
        await this.fail(instanceId, SCHEDULING_FAILED).catch((e: unknown) =>
          log.error({ err: e }, "could not record the scheduling failure"),
        );
        return;
      }
    }
  }

  private async tryPlace(instanceId: string): Promise<"placed" | "none" | "gone"> {
    const { prisma, logger } = this.deps;
    const inst = await prisma.instance.findUnique({ where: { id: instanceId } });
    if (!inst || inst.deletedAt !== null || inst.taskState !== TaskState.SCHEDULING) return "gone";
    if (inst.scheduleAttempts >= MAX_SCHEDULE_ATTEMPTS) return "none";
    const need = resourcesOf(parseFlavorSnapshot(inst.flavor));
    const request = {
      resources: need,
      availabilityZone: inst.availabilityZone,
      hypervisorType: await this.hypervisorOf(inst.imageId),
      excludeHostIds: inst.triedHosts,
    };
    const now = new Date();
    const hosts = await prisma.computeHost.findMany();
    const candidates = rankHosts(
      hosts.filter((h) => passesFilters(h, request, now)),
      this.strategy,
    );
    for (const host of candidates) {
      const outcome = await prisma.$transaction(async (tx) => {
        if (!(await claimResources(tx, host.id, need))) return "full" as const;
        const moved = await tx.instance.updateMany({
          where: { id: instanceId, deletedAt: null, taskState: TaskState.SCHEDULING, hostId: null },
          data: {
            hostId: host.id,
            taskState: TaskState.SPAWNING,
            availabilityZone: inst.availabilityZone ?? host.availabilityZone,
            scheduleAttempts: { increment: 1 },
            triedHosts: { push: host.id },
            generation: { increment: 1 },
          },
        });
        if (moved.count === 0) {
          // Deleted (or placed by someone else) meanwhile: give the room back.
          await releaseResources(tx, host.id, need);
          return "gone" as const;
        }
        await startEvent(tx, instanceId, "create", BUILD_EVENT, host.host);
        return "placed" as const;
      });
      if (outcome === "full") continue;
      if (outcome === "placed") {
        logger.info({ instanceId, hostId: host.id, host: host.host }, "instance placed");
        const go = this.deps.afterPlace ? await this.deps.afterPlace(instanceId, host.id, host.host) : true;
        if (go) this.deps.publisher.instanceChanged(instanceId);
      }
      return outcome;
    }
    return "none";
  }

  /**
   * A spawn failed on `hostId`: take the instance off that host (releasing
   * its claim), and place it on a host not tried yet, up to
   * MAX_SCHEDULE_ATTEMPTS; then ERROR with NoValidHost as Nova does.
   */
  async reschedule(instanceId: string, hostId: string, message: string): Promise<void> {
    const { prisma, logger } = this.deps;
    const moved = await prisma.$transaction(async (tx) => {
      const inst = await tx.instance.findUnique({ where: { id: instanceId } });
      if (!inst || inst.hostId !== hostId || inst.taskState !== TaskState.SPAWNING || inst.deletedAt) {
        return false;
      }
      const done = await tx.instance.updateMany({
        where: { id: instanceId, hostId, taskState: TaskState.SPAWNING, deletedAt: null },
        data: { hostId: null, taskState: TaskState.SCHEDULING, generation: { increment: 1 } },
      });
      if (done.count === 0) return false;
      await releaseResources(tx, hostId, resourcesOf(parseFlavorSnapshot(inst.flavor)));
      await finishEvent(tx, instanceId, BUILD_EVENT, { ok: false, traceback: message });
      return true;
    });
    if (!moved) return;
    logger.warn({ instanceId, hostId, message }, "spawn failed; rescheduling");
    this.deps.publisher.instanceRemoved(hostId, instanceId);
    await this.place(instanceId);
  }

  /** Instances left in `scheduling` (say, by a restart mid-create) are placed again. */
  async resumePending(): Promise<void> {
    const pending = await this.deps.prisma.instance.findMany({
      where: { deletedAt: null, taskState: TaskState.SCHEDULING, hostId: null },
      select: { id: true },
    });
    for (const { id } of pending) await this.place(id);
  }

  private async fail(instanceId: string, message: string): Promise<void> {
    const { prisma, logger } = this.deps;
    const failed = await prisma.instance.updateMany({
      where: { id: instanceId, deletedAt: null, taskState: TaskState.SCHEDULING },
      data: { vmState: VmState.ERROR, taskState: null, fault: faultJson(message) },
    });
    if (failed.count === 0) return;
    logger.warn({ instanceId }, "no valid host found");
    await prisma.$transaction(async (tx) => {
      await startEvent(tx, instanceId, "create", "conductor_schedule_and_build_instances", null);
      await finishEvent(tx, instanceId, "conductor_schedule_and_build_instances", {
        ok: false,
        traceback: message,
      });
    });
  }
}

const IMAGE_TTL_MS = 30_000;

/** The boot image's `hypervisor_type` property (lower-cased), read at scheduling time as Nova's request spec does. */
async function wantedHypervisor(prisma: PrismaClient, imageId: string | null): Promise<string | null> {
  if (imageId === null) return null;
  const image = await prisma.image.findUnique({ where: { id: imageId }, select: { properties: true } });
  const props = image?.properties;
  if (typeof props !== "object" || props === null || Array.isArray(props)) return null;
  const value = (props as Record<string, unknown>).hypervisor_type;
  return typeof value === "string" && value !== "" ? value.toLowerCase() : null;
}
