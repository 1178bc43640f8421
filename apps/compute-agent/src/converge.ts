/**
 * One convergence pass for one instance: the steps that move it from what
 * is to what should be, in an order where each step's precondition holds
 * (a pending resize is resolved before a rebuild, a reboot before power).
 * Each step persists what it applied, reports the actual state and sends a
 * task result; the first failure ends the pass, and its counter stays
 * applied (the failure was reported; a new request bumps the counter again).
 */
import type { DesiredInstance, TaskName } from "@zenith/agent-protocol/compute";
import type { Logger } from "@zenith/core/logger";
import type { ComputeDriver, InstanceInfo, NetworkInterface, VolumeConnectionInput } from "./driver/types.ts";
import { isDriverError, PowerState } from "./driver/types.ts";
import { type ControlEndpoint, imageSourceFor, takeSnapshot } from "./images.ts";
import type { InstanceRecord } from "./instance-record.ts";
import { nextPowerStep } from "./power.ts";

export type Outcome = { ok: true } | { ok: false; message: string };

export interface ConvergeContext {
  driver: ComputeDriver;
  endpoint: ControlEndpoint;
  /** Where snapshots are written before upload. */
  tmpDir: string;
  log: Logger;
  /** Persists the records, then reports the instance's actual state. */
  commit(): Promise<void>;
  result(task: TaskName, outcome: Outcome, imageId?: string): void;
}

type Step = (ctx: ConvergeContext, rec: InstanceRecord, d: DesiredInstance) => Promise<boolean>;

type DesiredVolume = DesiredInstance["volumes"][number];
const GIB = 1024 ** 3;

/** A desired volume as the driver takes it; undefined while its volume host has not exported it. */
export function volumeOf(v: DesiredVolume): VolumeConnectionInput | undefined {
  if (v.connection === null) return undefined;
  return {
    attachmentId: v.attachmentId,
    volumeId: v.volumeId,
    bootIndex: v.bootIndex,
    readOnly: v.readOnly,
    connection: { driver: "nbd", ...v.connection },
  };
}

/** A desired port as the driver's NIC. */
export function interfaceOf(port: DesiredInstance["ports"][number]): NetworkInterface {
  return { portId: port.id, macAddress: port.mac, mtu: port.mtu, device: port.device };
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function readInfo(driver: ComputeDriver, uuid: string): Promise<InstanceInfo | undefined> {
  try {
    return await driver.getInfo(uuid);
  } catch (err) {
    if (isDriverError(err, "InstanceNotFound")) return undefined;
    throw err;
  }
}

async function attempt(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return { ok: true };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

/** Runs one task, records it (`apply`, on success and failure alike), commits and reports. */
async function task(
  ctx: ConvergeContext,
  name: TaskName,
  run: () => Promise<unknown>,
  apply: () => void = () => {},
): Promise<boolean> {
  ctx.log.info({ task: name }, "task started");
  const outcome = await attempt(run);
  if (outcome.ok) ctx.log.info({ task: name }, "task done");
  else ctx.log.warn({ task: name, err: outcome.message }, "task failed");
  apply();
  await ctx.commit();
  ctx.result(name, outcome);
  return outcome.ok;
}

const spawnIfAbsent: Step = async (ctx, rec, d) => {
  const info = await readInfo(ctx.driver, d.uuid);
  if (info && info.powerState !== PowerState.NOSTATE) return true;
  if (info) {
    // Passes are serialised, so NOSTATE here is a spawn an earlier agent process left unfinished.
    ctx.log.warn("instance left half-spawned by an earlier run; destroying it to spawn again");
    await ctx.driver.destroy(d.uuid);
  }
  const boot = d.volumes.find((v) => v.bootIndex === 0);
  if (boot !== undefined && boot.connection === null) {
    // Not a failure: the volume host exports it soon, and that change of the desired state wakes us again.
    ctx.log.info({ attachment: boot.attachmentId }, "spawn waits for the boot volume's export");
    return false;
  }
  const run = async () => {
    if (d.image === null && boot === undefined)
      throw new Error("an instance needs an image or a boot volume");
    if (boot !== undefined && !ctx.driver.capabilities.supportsVolumeAttach) {
      throw new Error("booting from a volume is not supported by this host");
    }
    try {
      await ctx.driver.spawn({
        uuid: d.uuid,
        name: d.hostname || d.name || d.uuid,
        flavor: d.flavor,
        image: d.image === null ? null : imageSourceFor(ctx.endpoint, d.image),
        ...(d.userData === null ? {} : { userData: d.userData }),
        metadata: d.metadata,
        networkInterfaces: d.ports.map(interfaceOf),
        // Exported data volumes go on the first start too; the others are hot-plugged once exported.
        volumes: ctx.driver.capabilities.supportsVolumeAttach ? connectedVolumes(d) : [],
      });
    } catch (err) {
      // The contract says a failed spawn leaves nothing; make sure, so the control plane can reschedule.
      if (!isDriverError(err, "InstanceExists")) await ctx.driver.destroy(d.uuid).catch(() => {});
      throw err;
    }
  };
  // A fresh guest already has the current flavor and image: nothing older is pending.
  return task(ctx, "spawn", run, () => {
    rec.applied = {
      ...rec.applied,
      rebootSeq: d.rebootSeq,
      rebuildSeq: d.rebuildSeq,
      resizeSeq: d.resize.seq,
    };
  });
};

const resize: Step = async (ctx, rec, d) => {
  if (d.resize.seq <= rec.applied.resizeSeq) return true;
  const apply = () => {
    rec.applied = { ...rec.applied, resizeSeq: d.resize.seq };
  };
  // Pending already: only our own earlier pass (cut off before it persisted) can have started it.
  if ((await ctx.driver.getInfo(d.uuid)).resizePending) return task(ctx, "resize", async () => {}, apply);
  return task(ctx, "resize", () => ctx.driver.resize(d.uuid, d.flavor), apply);
};

const finishResize: Step = async (ctx, _rec, d) => {
  if (d.resize.finish === "wait" || !(await ctx.driver.getInfo(d.uuid)).resizePending) return true;
  if (d.resize.finish === "confirm")
    return task(ctx, "confirmResize", () => ctx.driver.confirmResize(d.uuid));
  return task(ctx, "revertResize", () => ctx.driver.revertResize(d.uuid));
};

const rebuild: Step = async (ctx, rec, d) => {
  if (d.rebuildSeq <= rec.applied.rebuildSeq) return true;
  const run = async () => {
    if (d.image === null) throw new Error("rebuild needs an image");
    await ctx.driver.rebuild(d.uuid, imageSourceFor(ctx.endpoint, d.image));
  };
  return task(ctx, "rebuild", run, () => {
    rec.applied = { ...rec.applied, rebuildSeq: d.rebuildSeq };
  });
};

const reboot: Step = async (ctx, rec, d) => {
  if (d.rebootSeq <= rec.applied.rebootSeq) return true;
  const run = async () => {
    const { powerState } = await ctx.driver.getInfo(d.uuid);
    // A soft reboot needs a running guest to ask; otherwise power-cycle, as Nova falls back to hard.
    const type = d.rebootType === "SOFT" && powerState !== PowerState.RUNNING ? "HARD" : d.rebootType;
    await ctx.driver.reboot(d.uuid, type);
  };
  return task(ctx, "reboot", run, () => {
    rec.applied = { ...rec.applied, rebootSeq: d.rebootSeq };
  });
};

/** At most two calls are ever needed (suspended → resume → power off); the bound stops a guest that keeps changing underneath. */
const power: Step = async (ctx, _rec, d) => {
  let moved = false;
  for (let i = 0; i < 3; i++) {
    const { powerState } = await ctx.driver.getInfo(d.uuid);
    const next = nextPowerStep(powerState, d.power);
    if (next === undefined) break;
    moved = true;
    ctx.log.info({ step: next, to: d.power }, "power transition");
    const outcome = await attempt(() => ctx.driver[next](d.uuid));
    await ctx.commit();
    if (!outcome.ok) {
      ctx.log.warn({ task: "power", err: outcome.message }, "task failed");
      ctx.result("power", outcome);
      return false;
    }
  }
  if (moved) ctx.result("power", { ok: true });
  return true;
};

/**
 * NICs: ports the guest lacks are hot-plugged (or added to a stopped
 * guest's definition), ports no longer wanted are unplugged, compared
 * with what the driver says the guest has (its own record survives agent
 * restarts). A suspended guest is left for a later pass: its devices are
 * frozen in the saved memory image. No task result: the control plane
 * reads the outcome from the reported `ports`.
 */
const interfaces: Step = async (ctx, _rec, d) => {
  if (!ctx.driver.capabilities.supportsInterfaceAttach) return true;
  const info = await ctx.driver.getInfo(d.uuid);
  if (info.powerState === PowerState.SUSPENDED) return true;
  const wanted = new Set(d.ports.map((p) => p.id));
  const present = new Set(info.interfaces.map((i) => i.portId));
  const unplug = info.interfaces.filter((i) => !wanted.has(i.portId));
  const plug = d.ports.filter((p) => !present.has(p.id));
  if (unplug.length === 0 && plug.length === 0) return true;
  const outcome = await attempt(async () => {
    for (const vif of unplug) {
      ctx.log.info({ port: vif.portId }, "detaching interface");
      await ctx.driver.detachInterface(d.uuid, vif.portId);
    }
    for (const port of plug) {
      ctx.log.info({ port: port.id, device: port.device }, "attaching interface");
      await ctx.driver.attachInterface(d.uuid, interfaceOf(port));
    }
  });
  await ctx.commit();
  if (!outcome.ok) ctx.log.warn({ err: outcome.message }, "interfaces not converged");
  return outcome.ok;
};

/** The desired volumes the host can attach now (exported), in the desired order. */
function connectedVolumes(d: DesiredInstance): VolumeConnectionInput[] {
  return d.volumes.flatMap((v) => volumeOf(v) ?? []);
}

/**
 * Volumes, as NICs: exported data volumes the guest lacks are hot-plugged
 * (or added to a stopped guest's definition), attachments no longer wanted
 * are unplugged, compared with what the driver says the guest has. A volume
 * not exported yet waits; the boot volume is the root disk and only spawn
 * takes it. No task result: the control plane reads `volumes` in reports.
 */
const volumes: Step = async (ctx, _rec, d) => {
  if (!ctx.driver.capabilities.supportsVolumeAttach) return true;
  const info = await ctx.driver.getInfo(d.uuid);
  if (info.powerState === PowerState.SUSPENDED) return true;
  const wanted = new Set(d.volumes.map((v) => v.attachmentId));
  const present = new Set(info.volumes.map((v) => v.attachmentId));
  const unplug = info.volumes.filter((v) => !wanted.has(v.attachmentId) && v.bootIndex !== 0);
  const plug = connectedVolumes(d).filter((v) => !present.has(v.attachmentId) && v.bootIndex !== 0);
  // Volumes extended while attached: the guest's disk grows to the size the volume host has now.
  const grow = d.volumes.filter(
    (v) => v.sizeGb !== undefined && v.bootIndex !== 0 && present.has(v.attachmentId),
  );
  if (grow.length > 0) {
    const grown = await attempt(async () => {
      for (const v of grow) await ctx.driver.growVolume(d.uuid, v.attachmentId, (v.sizeGb ?? 0) * GIB);
    });
    if (!grown.ok) ctx.log.warn({ err: grown.message }, "volume not grown in the guest yet");
  }
  if (unplug.length === 0 && plug.length === 0) return true;
  const outcome = await attempt(async () => {
    for (const v of unplug) {
      ctx.log.info({ attachment: v.attachmentId, device: v.device }, "detaching volume");
      await ctx.driver.detachVolume(d.uuid, v.attachmentId);
    }
    for (const v of plug) {
      const { device } = await ctx.driver.attachVolume(d.uuid, v);
      ctx.log.info({ attachment: v.attachmentId, volume: v.volumeId, device }, "volume attached");
    }
  });
  await ctx.commit();
  if (!outcome.ok) ctx.log.warn({ err: outcome.message }, "volumes not converged");
  return outcome.ok;
};

const snapshots: Step = async (ctx, rec, d) => {
  for (const { imageId } of d.snapshots) {
    if (rec.snapshots[imageId]) continue;
    const outcome = await attempt(() => takeSnapshot(ctx.driver, ctx.endpoint, ctx.tmpDir, d.uuid, imageId));
    ctx.log[outcome.ok ? "info" : "warn"]({ task: "snapshot", imageId, ...outcome }, "snapshot finished");
    rec.snapshots[imageId] = outcome.ok ? { ok: true } : outcome;
    await ctx.commit();
    ctx.result("snapshot", outcome, imageId);
  }
  // A failed snapshot is final for its image (reported); it does not hold back the instance.
  return true;
};

const steps: Step[] = [
  spawnIfAbsent,
  resize,
  finishResize,
  rebuild,
  reboot,
  // Before power (a guest about to be suspended takes its NICs and disks first) and after (one just resumed).
  interfaces,
  volumes,
  power,
  interfaces,
  volumes,
  snapshots,
];

/** True when every step succeeded; `rec.applied.generation` records the pass either way. */
export async function convergeInstance(
  ctx: ConvergeContext,
  rec: InstanceRecord,
  d: DesiredInstance,
): Promise<boolean> {
  let ok = true;
  for (const step of steps) {
    ok = await step(ctx, rec, d);
    if (!ok) break;
  }
  rec.applied = { ...rec.applied, generation: d.generation };
  await ctx.commit();
  return ok;
}
