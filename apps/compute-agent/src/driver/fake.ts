/**
 * `FakeDriver`: an in-memory hypervisor with the exact semantics of the
 * `ComputeDriver` contract (after Nova's `nova/virt/fake.py`). It enforces
 * call order and power-state transitions so that code tested against it
 * behaves the same against qemu; `test/driver-suite.ts` holds it to that.
 */

import { rm, writeFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { FakeTap } from "@zenith/agent-runtime/fake-taps";
import { createLogger, type Logger } from "@zenith/core/logger";
import { CAPABILITY_GATES } from "./capabilities.ts";
import type { HostUsage, InstanceCounters } from "./counters.ts";
import { nextDevice } from "./devices.ts";
import { DriverError, isDriverError } from "./errors.ts";
import type { Fault } from "./fake-faults.ts";
import { consoleStream, type FakeDisk, powerDownLog, readImage, snapshotPayload } from "./fake-guest.ts";
import {
  bootGuest,
  closeConsoles,
  diskOf,
  type FakeInstance,
  haltGuest,
  instanceInfo,
  newInstance,
  pauseGuest,
  requireAttachable,
  requireNoResize,
  requireState,
  runningMs,
  startGuest,
  takenDevices,
  unpauseGuest,
} from "./fake-instance.ts";
import {
  fakeCpuNs,
  fakeCpuRate,
  fakeDiskCounters,
  fakeLoadOf,
  fakeMemoryMb,
  fakeNicCounters,
  loadProfile,
} from "./fake-meter.ts";
import { FakeTaps } from "./fake-taps.ts";
import {
  bootVolumeOf,
  type ConsoleKind,
  type DriverCapabilities,
  type FlavorInput,
  flavorSchema,
  type HostResources,
  type InstanceInfo,
  type InstanceSummary,
  type NetworkInterface,
  networkInterfaceSchema,
  PowerState,
  type RebootType,
  type SnapshotResult,
  tapOf,
  type VolumeAttachment,
  type VolumeConnection,
  type VolumeConnectionInput,
  volumeConnectionSchema,
} from "./schemas.ts";
import type {
  ComputeDriver,
  ConsoleEndpoint,
  ConsoleOutputOptions,
  DriverOperation,
  ImageSource,
  PowerOffOptions,
  SnapshotSink,
  SpawnSpec,
} from "./types.ts";
import { parseSpawnSpec } from "./types.ts";

export {
  type FailOptions,
  type Fault,
  type FaultContext,
  failOn,
  failTimes,
  type HangFault,
  hangOn,
} from "./fake-faults.ts";

export interface FakeDriverOptions {
  /** Overrides of the reported host totals. */
  host?: Partial<HostResources>;
  /** Switch features off to exercise callers' (and the suite's) unsupported paths. Default: all on. */
  capabilities?: Partial<DriverCapabilities>;
  faults?: Fault[];
  /** Simulated time each operation takes, for all or per operation. Default 0. */
  latencyMs?: number | Partial<Record<DriverOperation, number>>;
  /** The driver's deadline per call; past it the call rejects with `Timeout`. Default: none. */
  deadlineMs?: number;
  /** Clock for uptime and CPU time. */
  now?: () => number;
  /** Mirror the simulated taps here for the host's fake network driver (`@zenith/agent-runtime/fake-taps`). */
  tapDir?: string;
  logger?: Logger;
}

const defaultHost: HostResources = {
  vcpus: 8,
  memoryMb: 16384,
  diskGb: 200,
  hypervisorType: "fake",
  hypervisorVersion: 1_000_000,
  cpuInfo: {
    arch: "x86_64",
    model: "fake",
    vendor: "Zenith",
    topology: { sockets: 1, cores: 8, threads: 1 },
    features: [],
  },
};

const allCapabilities: DriverCapabilities = {
  supportsPause: true,
  supportsSuspend: true,
  supportsSnapshot: true,
  supportsResize: true,
  supportsRebuild: true,
  supportsSerialConsole: true,
  supportsGraphicConsole: true,
  supportsVolumeAttach: true,
  supportsInterfaceAttach: true,
};

const { RUNNING, PAUSED, SHUTDOWN, CRASHED, SUSPENDED } = PowerState;

/** Decides synchronously whether an operation may run and returns its effect. */
type Decide<T> = (inst: FakeInstance) => () => T | Promise<T>;

const noop = () => {};

const attachmentOf = (v: VolumeConnection, device: string): VolumeAttachment => ({
  attachmentId: v.attachmentId,
  volumeId: v.volumeId,
  bootIndex: v.bootIndex,
  device,
});

/** The root disk of an instance booted from a volume: the volume names it (its bytes are the volume host's). */
const volumeDisk = (volumeId: string): FakeDisk => ({
  imageId: `volume:${volumeId}`,
  imageSha256: "",
  imageBytes: 0,
});

function requireLocalRoot(inst: FakeInstance, what: string): void {
  if ([...inst.volumes.values()].some((v) => v.bootIndex === 0)) {
    throw new DriverError(
      "InvalidRequest",
      `cannot ${what} instance ${inst.uuid}: its root disk is a volume (Cinder owns it)`,
      { uuid: inst.uuid },
    );
  }
}

export class FakeDriver implements ComputeDriver {
  readonly capabilities: DriverCapabilities;
  private readonly host: HostResources;
  private readonly faults: Fault[];
  private readonly options: FakeDriverOptions;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly instances = new Map<string, FakeInstance>();
  private readonly tapDevices: FakeTaps;
  private ready = false;

  constructor(options: FakeDriverOptions = {}) {
    this.options = options;
    this.capabilities = { ...allCapabilities, ...options.capabilities };
    this.host = { ...defaultHost, ...options.host };
    this.faults = [...(options.faults ?? [])];
    this.now = options.now ?? Date.now;
    this.log = options.logger ?? createLogger("fake-driver", "silent");
    this.tapDevices = new FakeTaps(options.tapDir);
  }

  /** The host's simulated tap devices: one per guest NIC, as the qemu driver creates real ones. */
  taps(): FakeTap[] {
    return this.tapDevices.list();
  }

  /** Adds a fault after construction (e.g. once setup is done); returns its removal. */
  inject(fault: Fault): () => void {
    this.faults.push(fault);
    return () => {
      const i = this.faults.indexOf(fault);
      if (i >= 0) this.faults.splice(i, 1);
    };
  }

  /** Simulates the guest shutting itself down (`poweroff` inside it): the drift a reconciler must notice. */
  externalPowerOff(uuid: string): void {
    const inst = this.find(uuid);
    requireState(inst, "power off externally", [RUNNING, PAUSED]);
    haltGuest(inst, SHUTDOWN, powerDownLog);
  }

  /** Simulates a guest crash (kernel panic, QEMU killed). */
  externalCrash(uuid: string): void {
    const inst = this.find(uuid);
    requireState(inst, "crash", [RUNNING, PAUSED]);
    haltGuest(inst, CRASHED, "[   42.000000] Kernel panic - not syncing: fake crash\n");
  }

  async init(): Promise<void> {
    await this.run("init", undefined, () => {
      this.ready = true;
    });
  }

  async close(): Promise<void> {
    if (!this.ready) return;
    this.ready = false;
    for (const inst of this.instances.values()) closeConsoles(inst);
  }

  async hostResources(): Promise<HostResources> {
    this.enter("hostResources");
    return this.run("hostResources", undefined, () => structuredClone(this.host));
  }

  async listInstances(): Promise<InstanceSummary[]> {
    this.enter("listInstances");
    return this.run("listInstances", undefined, () =>
      [...this.instances.values()].map((i) => ({ uuid: i.uuid, name: i.name, powerState: i.powerState })),
    );
  }

  async getInfo(uuid: string): Promise<InstanceInfo> {
    return this.read("getInfo", uuid, (inst) => instanceInfo(inst, this.now()));
  }

  /** Synthetic counters (`fake-meter.ts`) of every guest with a process, deterministic per uuid and instant. */
  async readCounters(): Promise<InstanceCounters[]> {
    this.enter("readCounters");
    return this.run("readCounters", undefined, () => {
      const now = this.now();
      return this.withProcess().map((inst) => {
        const { vcpus, memoryMb } = inst.flavor;
        const profile = loadProfile(inst.uuid, vcpus, inst.load);
        const runningS = runningMs(inst, now) / 1000;
        const devices = new Set([
          "vda",
          ...[...inst.volumes.values()].map((v) => v.device.slice("/dev/".length)),
        ]);
        return {
          uuid: inst.uuid,
          powerState: inst.powerState,
          vcpus,
          cpuNs: fakeCpuNs(profile, vcpus, runningS),
          memoryMb: fakeMemoryMb(profile, memoryMb, runningS),
          disks: [...devices].sort().map((d) => fakeDiskCounters(inst.uuid, d, profile.busy, runningS)),
          nics: [...inst.interfaces.values()].map((vif) =>
            fakeNicCounters(inst.uuid, tapOf(vif), profile.busy, runningS),
          ),
        };
      });
    });
  }

  /** The host's use as its guests' synthetic load adds up: CPU and memory follow them, disk their root disks. */
  async hostUsage(): Promise<HostUsage> {
    this.enter("hostUsage");
    return this.run("hostUsage", undefined, () => {
      const now = this.now();
      const GiB = 1024 ** 3;
      let vcpusBusy = 0.2; // the host's own services
      let memoryUsed = Math.min(2 * GiB, (this.host.memoryMb * 1024 ** 2) / 10);
      let diskUsed = 0.03 * this.host.diskGb * GiB;
      for (const inst of this.instances.values()) diskUsed += 0.4 * inst.flavor.rootGb * GiB;
      for (const inst of this.withProcess()) {
        const { vcpus, memoryMb } = inst.flavor;
        const profile = loadProfile(inst.uuid, vcpus, inst.load);
        const runningS = runningMs(inst, now) / 1000;
        if (inst.powerState === RUNNING) vcpusBusy += fakeCpuRate(profile, vcpus, runningS);
        memoryUsed += fakeMemoryMb(profile, memoryMb, runningS) * 1024 ** 2;
      }
      const memoryTotal = this.host.memoryMb * 1024 ** 2;
      const diskTotal = this.host.diskGb * GiB;
      return {
        cpuUtilPercent: Math.min(100, (100 * vcpusBusy) / this.host.vcpus),
        memoryTotalBytes: memoryTotal,
        memoryUsedBytes: Math.min(memoryTotal, Math.round(memoryUsed)),
        diskTotalBytes: diskTotal,
        diskUsedBytes: Math.min(diskTotal, Math.round(diskUsed)),
        runningInstances: [...this.instances.values()].filter((i) => i.powerState === RUNNING).length,
      };
    });
  }

  /** Guests whose process exists (running, paused): what metering reads. */
  private withProcess(): FakeInstance[] {
    return [...this.instances.values()].filter((i) => i.startedAt !== undefined && i.busy !== "spawn");
  }

  async spawn(spec: SpawnSpec): Promise<void> {
    this.enter("spawn");
    const { spec: parsed, image } = parseSpawnSpec(spec);
    const { uuid } = parsed;
    if (this.instances.has(uuid)) {
      throw new DriverError("InstanceExists", `instance ${uuid} exists`, { uuid });
    }
    this.tapDevices.check(uuid, parsed.networkInterfaces);
    // Reserve the uuid synchronously so a concurrent spawn of it sees InstanceExists.
    const inst = newInstance(uuid, parsed.name, parsed.flavor, fakeLoadOf(parsed.metadata));
    inst.busy = "spawn";
    this.instances.set(uuid, inst);
    try {
      await this.run("spawn", uuid, async () => {
        const bootVolume = bootVolumeOf(parsed.volumes);
        // Booted from a volume, the root disk is the volume: a kernel-only image lends no disk.
        const disk =
          bootVolume !== undefined
            ? volumeDisk(bootVolume.volumeId)
            : image === null
              ? undefined
              : await readImage(image).catch((cause: unknown) => {
                  throw new DriverError("SpawnFailed", `cannot read image ${image.id}`, { uuid, cause });
                });
        // A timed-out spawn has been cleaned up already; a late finish must not resurrect it.
        if (this.instances.get(uuid) !== inst) return;
        inst.disk = disk;
        // The boot volume first (it is /dev/vda), then data volumes in order after the flavor's own disks.
        for (const v of [...parsed.volumes].sort(
          (a, b) => Number(b.bootIndex === 0) - Number(a.bootIndex === 0),
        )) {
          const device = v.bootIndex === 0 ? "/dev/vda" : nextDevice(takenDevices(inst));
          inst.volumes.set(v.attachmentId, attachmentOf(v, device));
        }
        for (const vif of parsed.networkInterfaces) {
          inst.interfaces.set(vif.portId, vif);
          await this.tapDevices.add(uuid, vif);
        }
        inst.busy = undefined;
        bootGuest(inst, this.now());
      });
    } catch (err) {
      // A failed spawn leaves nothing behind.
      if (this.instances.get(uuid) === inst) {
        this.instances.delete(uuid);
        for (const vif of inst.interfaces.values()) await this.tapDevices.remove(vif);
      }
      throw isDriverError(err)
        ? err
        : new DriverError("SpawnFailed", `spawn of ${uuid} failed`, { uuid, cause: err });
    }
  }

  async destroy(uuid: string): Promise<void> {
    this.enter("destroy");
    if (!this.instances.has(uuid)) {
      await this.run("destroy", uuid, noop);
      return;
    }
    await this.change("destroy", uuid, (inst) => async () => {
      closeConsoles(inst);
      this.instances.delete(inst.uuid);
      for (const vif of inst.interfaces.values()) await this.tapDevices.remove(vif);
    });
  }

  async reboot(uuid: string, type: RebootType): Promise<void> {
    if (type === "SOFT") {
      await this.change("reboot", uuid, (inst) => {
        requireState(inst, "soft reboot", [RUNNING]);
        return () => bootGuest(inst, this.now());
      });
      return;
    }
    await this.change("reboot", uuid, (inst) => {
      requireState(inst, "hard reboot", [RUNNING, PAUSED, SHUTDOWN, CRASHED, SUSPENDED]);
      return () => {
        haltGuest(inst, SHUTDOWN, "");
        bootGuest(inst, this.now());
      };
    });
  }

  async powerOff(uuid: string, options: PowerOffOptions = {}): Promise<void> {
    const { timeoutS } = options;
    if (timeoutS !== undefined && !(timeoutS >= 0)) {
      throw new DriverError("InvalidRequest", `timeoutS must be >= 0, got ${timeoutS}`, { uuid });
    }
    await this.change("powerOff", uuid, (inst) => {
      if (inst.powerState === SHUTDOWN) return noop;
      requireState(inst, "power off", [RUNNING, PAUSED, CRASHED]);
      return () => haltGuest(inst, SHUTDOWN, inst.powerState === CRASHED ? "" : powerDownLog);
    });
  }

  async powerOn(uuid: string): Promise<void> {
    await this.change("powerOn", uuid, (inst) => {
      if (inst.powerState === RUNNING) return noop;
      requireState(inst, "power on", [SHUTDOWN, CRASHED]);
      return () => bootGuest(inst, this.now());
    });
  }

  async pause(uuid: string): Promise<void> {
    await this.change("pause", uuid, (inst) => {
      if (inst.powerState === PAUSED) return noop;
      requireState(inst, "pause", [RUNNING]);
      return () => pauseGuest(inst, this.now());
    });
  }

  async unpause(uuid: string): Promise<void> {
    await this.change("unpause", uuid, (inst) => {
      if (inst.powerState === RUNNING) return noop;
      requireState(inst, "unpause", [PAUSED]);
      return () => unpauseGuest(inst, this.now());
    });
  }

  async suspend(uuid: string): Promise<void> {
    await this.change("suspend", uuid, (inst) => {
      if (inst.powerState === SUSPENDED) return noop;
      requireState(inst, "suspend", [RUNNING, PAUSED]);
      return () => haltGuest(inst, SUSPENDED, "");
    });
  }

  async resume(uuid: string): Promise<void> {
    await this.change("resume", uuid, (inst) => {
      if (inst.powerState === RUNNING) return noop;
      requireState(inst, "resume", [SUSPENDED]);
      // The guest's memory comes back, so no new boot log; the process is new.
      return () => startGuest(inst, this.now());
    });
  }

  async rebuild(uuid: string, image: ImageSource): Promise<void> {
    await this.change("rebuild", uuid, (inst) => {
      requireState(inst, "rebuild", [RUNNING, SHUTDOWN, CRASHED]);
      requireNoResize(inst, "rebuild");
      requireLocalRoot(inst, "rebuild");
      return async () => {
        const disk = await readImage(image).catch((cause: unknown) => {
          throw new DriverError("OperationFailed", `cannot read image ${image.id}`, { uuid, cause });
        });
        const wasShutdown = inst.powerState === SHUTDOWN;
        haltGuest(inst, SHUTDOWN, inst.powerState === RUNNING ? powerDownLog : "");
        inst.disk = disk;
        if (!wasShutdown) bootGuest(inst, this.now());
      };
    });
  }

  async resize(uuid: string, flavor: FlavorInput): Promise<void> {
    const parsed = flavorSchema.safeParse(flavor);
    if (!parsed.success) {
      throw new DriverError("InvalidRequest", `invalid flavor: ${parsed.error.message}`, { uuid });
    }
    await this.change("resize", uuid, (inst) => {
      requireState(inst, "resize", [RUNNING, SHUTDOWN]);
      requireNoResize(inst, "resize");
      if (parsed.data.rootGb < inst.flavor.rootGb) {
        throw new DriverError(
          "InvalidRequest",
          `root disk cannot shrink from ${inst.flavor.rootGb} GB to ${parsed.data.rootGb} GB`,
          { uuid },
        );
      }
      return () => {
        inst.preResize = inst.flavor;
        inst.flavor = parsed.data;
      };
    });
  }

  async confirmResize(uuid: string): Promise<void> {
    await this.change("confirmResize", uuid, (inst) => () => {
      inst.preResize = undefined;
    });
  }

  async revertResize(uuid: string): Promise<void> {
    await this.change("revertResize", uuid, (inst) => {
      const previous = inst.preResize;
      if (previous === undefined) {
        throw new DriverError("InvalidState", `instance ${uuid} has no resize to revert`, { uuid });
      }
      return () => {
        inst.flavor = previous;
        inst.preResize = undefined;
      };
    });
  }

  async snapshot(uuid: string, sink: SnapshotSink): Promise<SnapshotResult> {
    return this.change("snapshot", uuid, (inst) => {
      requireLocalRoot(inst, "snapshot");
      return () => this.writeSnapshot(inst, sink);
    });
  }

  private async writeSnapshot(inst: FakeInstance, sink: SnapshotSink): Promise<SnapshotResult> {
    const uuid = inst.uuid;
    const payload = snapshotPayload(uuid, diskOf(inst), inst.flavor.rootGb);
    try {
      if (sink.kind === "path") await writeFile(sink.path, payload);
      else await pipeline(Readable.from([payload]), sink.stream);
    } catch (cause) {
      if (sink.kind === "path") await rm(sink.path, { force: true });
      throw new DriverError("OperationFailed", `snapshot of ${uuid} could not be written`, { uuid, cause });
    }
    return { sizeBytes: payload.length, diskFormat: "raw" };
  }

  async consoleOutput(uuid: string, options: ConsoleOutputOptions = {}): Promise<string> {
    const { tailBytes } = options;
    if (tailBytes !== undefined && !(Number.isInteger(tailBytes) && tailBytes >= 0)) {
      throw new DriverError("InvalidRequest", `tailBytes must be a non-negative integer, got ${tailBytes}`, {
        uuid,
      });
    }
    return this.read("consoleOutput", uuid, (inst) => {
      if (tailBytes === undefined) return inst.consoleLog;
      const bytes = Buffer.from(inst.consoleLog);
      return tailBytes === 0 ? "" : bytes.subarray(Math.max(0, bytes.length - tailBytes)).toString();
    });
  }

  async consoleEndpoint(uuid: string, kind: ConsoleKind): Promise<ConsoleEndpoint> {
    const capability = kind === "serial" ? "supportsSerialConsole" : "supportsGraphicConsole";
    if (!this.capabilities[capability]) {
      throw new DriverError("Unsupported", `this driver has no ${kind} console`, { uuid });
    }
    return this.read("consoleEndpoint", uuid, (inst) => {
      requireState(inst, `open a ${kind} console of`, [RUNNING, PAUSED]);
      return {
        kind,
        connect: async () => {
          // The guest may have stopped since the endpoint was handed out.
          const target = await this.read("consoleEndpoint", uuid, (current) => {
            requireState(current, `connect to a ${kind} console of`, [RUNNING, PAUSED]);
            return current;
          });
          const stream = consoleStream(kind, target.name);
          target.consoles.add(stream);
          stream.once("close", () => target.consoles.delete(stream));
          return stream;
        },
      };
    });
  }

  async attachVolume(uuid: string, volume: VolumeConnectionInput): Promise<VolumeAttachment> {
    const parsed = volumeConnectionSchema.safeParse(volume);
    if (!parsed.success) {
      throw new DriverError("InvalidRequest", `invalid volume: ${parsed.error.message}`, { uuid });
    }
    const v = parsed.data;
    if (v.bootIndex === 0) {
      throw new DriverError("InvalidRequest", "a boot volume is attached by spawn only", { uuid });
    }
    return this.change("attachVolume", uuid, (inst) => {
      requireAttachable(inst, "attach a volume to");
      return () => {
        const existing = inst.volumes.get(v.attachmentId);
        if (existing) return { ...existing };
        const attachment = attachmentOf(v, nextDevice(takenDevices(inst)));
        inst.volumes.set(v.attachmentId, attachment);
        return { ...attachment };
      };
    });
  }

  async detachVolume(uuid: string, attachmentId: string): Promise<void> {
    await this.change("detachVolume", uuid, (inst) => {
      requireAttachable(inst, "detach a volume from");
      if (inst.volumes.get(attachmentId)?.bootIndex === 0) {
        throw new DriverError("InvalidRequest", `attachment ${attachmentId} is the root disk`, { uuid });
      }
      return () => {
        inst.volumes.delete(attachmentId);
      };
    });
  }

  /** Sizes the guests saw their volumes grow to (the fake's whole effect), by attachment. */
  readonly grownVolumes = new Map<string, number>();

  async growVolume(uuid: string, attachmentId: string, sizeBytes: number): Promise<void> {
    await this.change("growVolume", uuid, (inst) => {
      if (!inst.volumes.has(attachmentId)) {
        throw new DriverError("InvalidRequest", `attachment ${attachmentId} is not on the instance`, {
          uuid,
        });
      }
      return () => {
        this.grownVolumes.set(attachmentId, Math.max(this.grownVolumes.get(attachmentId) ?? 0, sizeBytes));
      };
    });
  }

  async attachInterface(uuid: string, input: NetworkInterface): Promise<void> {
    const parsed = networkInterfaceSchema.safeParse(input);
    if (!parsed.success) {
      throw new DriverError("InvalidRequest", `invalid interface: ${parsed.error.message}`, { uuid });
    }
    const vif = parsed.data;
    await this.change("attachInterface", uuid, (inst) => {
      requireAttachable(inst, "attach an interface to");
      if (inst.interfaces.has(vif.portId)) return noop;
      this.tapDevices.check(uuid, [vif]);
      return async () => {
        inst.interfaces.set(vif.portId, vif);
        await this.tapDevices.add(uuid, vif);
      };
    });
  }

  async detachInterface(uuid: string, portId: string): Promise<void> {
    await this.change("detachInterface", uuid, (inst) => {
      requireAttachable(inst, "detach an interface from");
      return async () => {
        const vif = inst.interfaces.get(portId);
        if (vif === undefined) return;
        inst.interfaces.delete(portId);
        await this.tapDevices.remove(vif);
      };
    });
  }

  // ── machinery ──────────────────────────────────────────────────────────

  /** Call order and capabilities, checked before anything else. */
  private enter(op: DriverOperation): void {
    if (!this.ready) throw new DriverError("InvalidState", `${op} called before init()`);
    const capability = CAPABILITY_GATES[op];
    if (capability !== undefined && !this.capabilities[capability]) {
      throw new DriverError("Unsupported", `this driver does not support ${op} (${capability} is false)`);
    }
  }

  private find(uuid: string): FakeInstance {
    const inst = this.instances.get(uuid);
    if (!inst) throw new DriverError("InstanceNotFound", `instance ${uuid} not found`, { uuid });
    return inst;
  }

  /** A read-only call: no exclusion, but latency and faults apply. */
  private async read<T>(op: DriverOperation, uuid: string, body: (inst: FakeInstance) => T): Promise<T> {
    this.enter(op);
    this.find(uuid);
    return this.run(op, uuid, () => body(this.find(uuid)));
  }

  /**
   * A state change: checked once up front so invalid calls fail fast (and
   * faults only see valid ones), again after the simulated delay in case the
   * guest changed meanwhile (`externalPowerOff`), then applied while the
   * instance is marked busy.
   */
  private async change<T>(op: DriverOperation, uuid: string, decide: Decide<T>): Promise<T> {
    this.enter(op);
    const inst = this.find(uuid);
    if (inst.busy !== undefined) {
      throw new DriverError("InvalidState", `instance ${uuid} is busy with ${inst.busy}`, { uuid });
    }
    decide(inst);
    inst.busy = op;
    try {
      return await this.run(op, uuid, () => decide(this.find(uuid))());
    } finally {
      inst.busy = undefined;
    }
  }

  /** Latency, faults and the deadline around one call's effect. */
  private async run<T>(
    op: DriverOperation,
    uuid: string | undefined,
    effect: () => T | Promise<T>,
  ): Promise<T> {
    this.log.debug({ op, instance: uuid }, "driver call");
    let abandoned = false;
    const work = (async () => {
      const latency = this.latencyOf(op);
      if (latency > 0) await sleep(latency);
      for (const fault of [...this.faults]) await fault.intercept({ op, uuid });
      // Past the deadline the caller has been told Timeout; an effect not yet started never runs.
      if (abandoned) throw new DriverError("Timeout", `${op} abandoned`);
      return effect();
    })();
    const deadlineMs = this.options.deadlineMs;
    if (deadlineMs === undefined) return work;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abandoned = true;
        const target = uuid === undefined ? {} : { uuid };
        reject(new DriverError("Timeout", `${op} did not finish within ${deadlineMs} ms`, target));
      }, deadlineMs);
    });
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private latencyOf(op: DriverOperation): number {
    const { latencyMs } = this.options;
    return typeof latencyMs === "number" ? latencyMs : (latencyMs?.[op] ?? 0);
  }
}
