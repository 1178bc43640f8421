/**
 * The heart of the agent: keeps the last desired state and the applied
 * counters per instance (persisted, see state-store.ts) and converges each
 * instance towards it, one pass at a time per instance, several instances
 * at once. Every pending task is a difference between desired and applied,
 * so restarts of the agent or of the control plane lose nothing.
 */
import { join } from "node:path";
import type {
  ActualInstance,
  AgentMessage,
  DesiredInstance,
  DesiredMessage,
  TaskName,
} from "@zenith/agent-protocol/compute";
import { StateStore } from "@zenith/agent-runtime/state-store";
import { KeyedWorkers } from "@zenith/agent-runtime/workers";
import type { Logger } from "@zenith/core/logger";
import { type ConvergeContext, convergeInstance, errorMessage, type Outcome, readInfo } from "./converge.ts";
import type { ComputeDriver, InstanceSummary } from "./driver/types.ts";
import { PowerState } from "./driver/types.ts";
import type { ControlEndpoint } from "./images.ts";
import { type InstanceRecord, ZInstanceRecord, zeroCounters } from "./instance-record.ts";

export interface ReconcilerOptions {
  driver: ComputeDriver;
  endpoint: ControlEndpoint;
  /** Holds `state.json` and the snapshot temp files. */
  stateDir: string;
  /** Hands a message to the connection (dropped while disconnected: the next hello carries the state). */
  send: (msg: AgentMessage) => void;
  logger: Logger;
  /** Instances converged at the same time. Default 8. */
  concurrency?: number;
  /** How often guests' power states are compared with what was reported. Default 10 s. */
  powerSyncMs?: number;
}

/** How often applying a desired state asks the driver for its instances before giving up. */
const LIST_ATTEMPTS = 5;

/** Counters of an instance found running without a record: assume done, since repeating a rebuild loses data. */
const adoptedCounters = (d: DesiredInstance) => ({
  generation: 0,
  rebootSeq: d.rebootSeq,
  rebuildSeq: d.rebuildSeq,
  resizeSeq: d.resize.seq,
});

export class Reconciler {
  private records = new Map<string, InstanceRecord>();
  /** Local guests a full desired state did not mention: destroyed without reports. */
  private readonly orphans = new Set<string>();
  /** Generation whose pass failed (already reported): retried on a newer generation or a full state. */
  private readonly failedAt = new Map<string, number>();
  /** The last state reported per instance, so the power sync reports drift only. */
  private readonly reported = new Map<string, string>();
  private readonly workers: KeyedWorkers;
  private readonly store: StateStore<InstanceRecord>;
  private readonly log: Logger;
  /** Desired messages are applied one after another, in arrival order. */
  private inbox: Promise<void> = Promise.resolve();
  private syncTimer: NodeJS.Timeout | undefined;
  private syncing = false;

  constructor(private readonly options: ReconcilerOptions) {
    this.log = options.logger;
    this.store = new StateStore(join(options.stateDir, "state.json"), this.log, ZInstanceRecord);
    this.workers = new KeyedWorkers(options.concurrency ?? 8, (uuid) => this.pass(uuid));
  }

  async start(): Promise<void> {
    this.records = await this.store.load();
    this.log.info({ instances: this.records.size }, "state loaded");
    // Carry on towards the last desired state at once: the control plane may be down for a while.
    for (const uuid of this.records.keys()) this.workers.kick(uuid);
    this.syncTimer = setInterval(() => void this.syncPower(), this.options.powerSyncMs ?? 10_000);
  }

  /** Stops starting work and waits for running steps; guests are left as they are. */
  async stop(): Promise<void> {
    clearInterval(this.syncTimer);
    await this.inbox;
    await this.workers.close();
  }

  /** Resolves when all received messages are applied and no pass runs (tests, shutdown). */
  async idle(): Promise<void> {
    await this.inbox;
    await this.workers.idle();
  }

  onDesired(msg: DesiredMessage): void {
    this.inbox = this.inbox
      .then(() => this.applyDesired(msg))
      .catch((err: unknown) => this.log.error({ err }, "cannot apply desired state"));
  }

  /** The actual state of every local instance and of every desired one (absent ones as `exists: false`). */
  async actualInstances(): Promise<ActualInstance[]> {
    const local = await this.options.driver.listInstances();
    const uuids = new Set(local.map((i) => i.uuid));
    for (const [uuid, rec] of this.records) if (rec.desired !== null) uuids.add(uuid);
    const actual = await Promise.all([...uuids].map((uuid) => this.actual(uuid)));
    for (const a of actual) this.reported.set(a.uuid, JSON.stringify(a));
    return actual;
  }

  private async applyDesired(msg: DesiredMessage): Promise<void> {
    // A desired state is never dropped: without the driver's list (a stalled hypervisor) it still
    // applies; only adoption and the orphan check wait for a message that comes with a list.
    const listed = await this.listLocal().catch((err: unknown) => {
      this.log.warn({ err }, "listing local instances failed; applying the desired state without it");
      return null;
    });
    const local = new Set((listed ?? []).map((i) => i.uuid));
    if (msg.full) this.failedAt.clear();
    for (const d of msg.instances) this.applyInstance(d, local.has(d.uuid), msg.full);
    for (const uuid of msg.deleted) {
      const rec = this.records.get(uuid) ?? { desired: null, applied: zeroCounters(), snapshots: {} };
      rec.desired = null;
      this.records.set(uuid, rec);
      this.orphans.delete(uuid);
    }
    if (msg.full) {
      const named = new Set([...msg.instances.map((i) => i.uuid), ...msg.deleted]);
      for (const uuid of [...this.records.keys()]) if (!named.has(uuid)) this.records.delete(uuid);
      for (const uuid of listed === null ? [] : local) {
        if (named.has(uuid)) continue;
        this.log.warn({ instance: uuid }, "orphan: on this host but not in the desired state; destroying it");
        this.orphans.add(uuid);
      }
    }
    await this.persist();
    // A delta wakes only what it names; a full state re-checks everything (and confirms it with reports).
    const touched = msg.full
      ? [...this.records.keys(), ...this.orphans]
      : [...msg.instances.map((i) => i.uuid), ...msg.deleted];
    for (const uuid of touched) this.workers.kick(uuid);
  }

  /**
   * The driver's instances, asked again a few times when the question fails
   * (a guest caught mid-start): a desired-state message must not be lost to
   * a passing error, since nothing sends it again before the next reconnect.
   */
  private async listLocal(): Promise<InstanceSummary[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.driver.listInstances();
      } catch (err) {
        if (attempt >= LIST_ATTEMPTS) throw err;
        this.log.warn({ err, attempt }, "listing local instances failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  private applyInstance(d: DesiredInstance, present: boolean, full: boolean): void {
    const log = this.log.child({ instance: d.uuid });
    let rec = this.records.get(d.uuid);
    if (rec === undefined) {
      if (present)
        log.info("adopting an instance the state file does not know; pending counters taken as done");
      rec = { desired: d, applied: present ? adoptedCounters(d) : zeroCounters(), snapshots: {} };
      this.records.set(d.uuid, rec);
    }
    if (rec.desired?.generation !== d.generation) this.failedAt.delete(d.uuid);
    rec.desired = d;
    this.orphans.delete(d.uuid);
    // Remember only snapshots still asked for: the control plane drops one once it has the result.
    const wanted = new Set(d.snapshots.map((s) => s.imageId));
    rec.snapshots = Object.fromEntries(Object.entries(rec.snapshots).filter(([id]) => wanted.has(id)));
    // A full state follows a (re)connect: results sent before it may have been lost with the old connection.
    if (!full) return;
    for (const [imageId, done] of Object.entries(rec.snapshots)) {
      const outcome: Outcome = done.ok
        ? { ok: true }
        : { ok: false, message: done.message ?? "snapshot failed" };
      this.result(d.uuid, "snapshot", outcome, imageId);
    }
  }

  private async pass(uuid: string): Promise<void> {
    const log = this.log.child({ instance: uuid });
    try {
      const rec = this.records.get(uuid);
      if (rec === undefined) {
        if (this.orphans.delete(uuid)) await this.options.driver.destroy(uuid);
        return;
      }
      const d = rec.desired;
      if (d === null) return await this.destroy(uuid, rec, log);
      if (this.failedAt.get(uuid) === d.generation) return;
      if (!(await convergeInstance(this.context(uuid, log), rec, d))) this.failedAt.set(uuid, d.generation);
    } catch (err) {
      log.error({ err }, "convergence pass failed");
    }
  }

  private async destroy(uuid: string, rec: InstanceRecord, log: Logger): Promise<void> {
    log.info({ task: "destroy" }, "task started");
    const outcome = await this.options.driver.destroy(uuid).then(
      (): Outcome => ({ ok: true }),
      (err: unknown): Outcome => ({ ok: false, message: errorMessage(err) }),
    );
    // Forget it only if no newer message wants it back meanwhile.
    if (outcome.ok && this.records.get(uuid) === rec && rec.desired === null) this.records.delete(uuid);
    await this.persist();
    this.sendReport([await this.actual(uuid, rec)]);
    this.result(uuid, "destroy", outcome);
    log[outcome.ok ? "info" : "warn"]({ task: "destroy", ...outcome }, "task finished");
  }

  private context(uuid: string, log: Logger): ConvergeContext {
    return {
      driver: this.options.driver,
      endpoint: this.options.endpoint,
      tmpDir: join(this.options.stateDir, "tmp"),
      log,
      commit: async () => {
        await this.persist();
        this.sendReport([await this.actual(uuid)]);
      },
      result: (task, outcome, imageId) => this.result(uuid, task, outcome, imageId),
    };
  }

  private async actual(uuid: string, rec = this.records.get(uuid)): Promise<ActualInstance> {
    const info = await readInfo(this.options.driver, uuid);
    return {
      uuid,
      powerState: info?.powerState ?? PowerState.NOSTATE,
      ...(info?.runState === undefined ? {} : { hypervisorState: info.runState }),
      exists: info !== undefined,
      applied: { ...(rec?.applied ?? zeroCounters()) },
      resizePending: info?.resizePending ?? false,
      ports: info?.interfaces.map((i) => i.portId) ?? [],
      volumes: info?.volumes.map((v) => ({ attachmentId: v.attachmentId, device: v.device })) ?? [],
    };
  }

  private sendReport(instances: ActualInstance[]): void {
    for (const a of instances) this.reported.set(a.uuid, JSON.stringify(a));
    if (instances.length > 0) this.options.send({ type: "report", instances });
  }

  private result(uuid: string, task: TaskName, outcome: Outcome, imageId?: string): void {
    this.options.send({
      type: "taskResult",
      uuid,
      task,
      ok: outcome.ok,
      ...(outcome.ok ? {} : { message: outcome.message }),
      ...(imageId === undefined ? {} : { imageId }),
    });
  }

  private persist(): Promise<void> {
    return this.store.save(() => this.records);
  }

  /**
   * Reports drift only (a guest that shut itself down shows SHUTDOWN); it
   * never corrects it: the control plane decides, as Nova's power sync does.
   */
  private async syncPower(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    try {
      const drifted: ActualInstance[] = [];
      for (const [uuid, rec] of [...this.records]) {
        if (rec.desired === null || this.workers.busy(uuid)) continue;
        const a = await this.actual(uuid, rec);
        if (this.reported.get(uuid) !== JSON.stringify(a)) drifted.push(a);
      }
      if (drifted.length > 0) this.log.info({ instances: drifted.map((a) => a.uuid) }, "power state drift");
      this.sendReport(drifted);
    } catch (err) {
      this.log.warn({ err }, "power state sync failed");
    } finally {
      this.syncing = false;
    }
  }
}
