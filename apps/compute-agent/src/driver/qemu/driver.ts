/**
 * `QemuDriver`: one QEMU process per instance, driven over QMP, state kept in
 * `<stateDir>/instances/<uuid>/` so guests outlive the agent and a new agent
 * process adopts them (`init()`). Semantics are the `ComputeDriver`
 * contract's (`../types.ts`); `test/driver-suite.ts` holds this driver to it
 * wherever QEMU is installed.
 *
 * Layout: `guest.ts` does the mechanics of one guest (start, stop, QMP),
 * `spawn.ts` builds new ones, `disk-ops.ts` rebuild/resize/snapshot,
 * `attachments.ts` volumes and NICs; this file is the contract: call order,
 * capabilities, one operation per instance, allowed transitions, deadlines.
 */

import { accessSync, constants } from "node:fs";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { createLogger, type Logger } from "@zenith/core/logger";
import { CAPABILITY_GATES } from "../capabilities.ts";
import type { HostUsage, InstanceCounters } from "../counters.ts";
import { DriverError } from "../errors.ts";
import {
  type ConsoleKind,
  type DriverCapabilities,
  type FlavorInput,
  type HostResources,
  type InstanceInfo,
  type InstanceSummary,
  type NetworkInterface,
  PowerState,
  powerStateName,
  type RebootType,
  type SnapshotResult,
  type VolumeAttachment,
  type VolumeConnectionInput,
} from "../schemas.ts";
import type {
  ComputeDriver,
  ConsoleEndpoint,
  ConsoleOutputOptions,
  DriverOperation,
  ImageSource,
  PowerOffOptions,
  SnapshotSink,
  SpawnSpec,
} from "../types.ts";
import { parseSpawnSpec } from "../types.ts";
import * as attachments from "./attachments.ts";
import { guestCounters } from "./counters.ts";
import { asDriverError, withDeadline } from "./deadline.ts";
import * as diskOps from "./disk-ops.ts";
import { BaseCache, DiskTools } from "./disks.ts";
import type { Guest, GuestContext } from "./guest.ts";
import * as host from "./host.ts";
import { HostUsageMeter } from "./host-usage.ts";
import {
  FIRST_NIC_SLOT,
  instancePaths,
  instancesDir,
  LAST_NIC_SLOT,
  listInstanceDirs,
  MAX_SOCKET_PATH,
} from "./instance-dir.ts";
import { readLog } from "./log-file.ts";
import {
  type AcceleratorChoice,
  type AcceleratorSetting,
  chooseAccelerator,
  type ProbeOptions,
  type QemuVersion,
  qemuVersion,
} from "./probe.ts";
import { processTimes } from "./process.ts";
import { adoptGuest, buildGuest, checkImage, cleanLeftovers, destroyGuest, type SpawnDeps } from "./spawn.ts";

export interface QemuDriverOptions {
  /** Where instances, image bases and sockets live (e.g. `<data>/compute/<host>/qemu`). */
  stateDir: string;
  /** Default `qemu-system-x86_64` (from PATH). */
  qemuBinary?: string;
  /** Default `qemu-img`. */
  qemuImgBinary?: string;
  /** Default "auto": KVM if a Linux probe guest really boots under it, else TCG. */
  accel?: AcceleratorSetting;
  /** What "auto" boots to prove KVM (zenith-tiny); without an image guests use TCG. */
  kvmProbe?: ProbeOptions;
  /** Every call settles within it (`Timeout` after). Default: the power-off timeout plus two minutes. */
  deadlineMs?: number;
  /** Clean-shutdown wait of powerOff (unless the call says otherwise), soft reboot, resize, rebuild. Default 60. */
  powerOffTimeoutS?: number;
  /** How long a running guest gets to release a hot-unplugged device. Default 30. */
  detachTimeoutS?: number;
  /** Kernel command line for direct kernel boot (AKI/ARI); the guest's hostname is appended. */
  kernelCommandLine?: string;
  /** NICs as tap devices (QEMU creates them; needs CAP_NET_ADMIN). Default: running as root with /dev/net/tun. */
  tapNetworking?: boolean;
  /** The console log kept across restarts of a guest. Default 1 MiB. */
  maxConsoleLogBytes?: number;
  logger?: Logger;
}

const { NOSTATE, RUNNING, PAUSED, SHUTDOWN, CRASHED, SUSPENDED } = PowerState;

export const DEFAULT_KERNEL_COMMAND_LINE = "console=ttyS0 root=/dev/vda quiet";

function canCreateTaps(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    accessSync("/dev/net/tun", constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export class QemuDriver implements ComputeDriver {
  readonly capabilities: DriverCapabilities;
  private readonly stateDir: string;
  private readonly qemuBinary: string;
  private readonly accel: AcceleratorSetting;
  private readonly kvmProbe: ProbeOptions;
  private acceleratorChoice: AcceleratorChoice | undefined;
  private readonly tools: DiskTools;
  private readonly bases: BaseCache;
  private readonly deadlineMs: number;
  private readonly powerOffTimeoutS: number;
  private readonly detachTimeoutMs: number;
  private readonly kernelCommandLine: string;
  private readonly maxConsoleLogBytes: number;
  private readonly log: Logger;
  private readonly usage: HostUsageMeter;
  private ctx: GuestContext | undefined;
  private version: QemuVersion | undefined;
  private guests = new Map<string, Guest>();
  /** Spawns in flight (uuid → spec): taken uuids that show NOSTATE. */
  private readonly spawning = new Map<string, SpawnSpec>();
  private ready = false;
  private initializing: Promise<void> | undefined;

  constructor(options: QemuDriverOptions) {
    this.stateDir = resolve(options.stateDir);
    const longest = instancePaths(this.stateDir, "00000000-0000-0000-0000-000000000000").serial;
    if (Buffer.byteLength(longest) > MAX_SOCKET_PATH) {
      throw new DriverError(
        "InvalidRequest",
        `qemu state dir ${this.stateDir} is too long for unix socket paths (${longest} exceeds ${MAX_SOCKET_PATH} bytes)`,
      );
    }
    this.qemuBinary = options.qemuBinary ?? "qemu-system-x86_64";
    this.accel = options.accel ?? "auto";
    this.kvmProbe = options.kvmProbe ?? {};
    this.tools = new DiskTools(options.qemuImgBinary ?? "qemu-img");
    this.bases = new BaseCache(resolve(this.stateDir, "_base"), this.tools);
    this.powerOffTimeoutS = options.powerOffTimeoutS ?? 60;
    this.deadlineMs = options.deadlineMs ?? this.powerOffTimeoutS * 1000 + 120_000;
    this.detachTimeoutMs = (options.detachTimeoutS ?? 30) * 1000;
    this.kernelCommandLine = options.kernelCommandLine ?? DEFAULT_KERNEL_COMMAND_LINE;
    this.maxConsoleLogBytes = options.maxConsoleLogBytes ?? 1024 * 1024;
    this.log = options.logger ?? createLogger("qemu-driver", "silent");
    this.usage = new HostUsageMeter(this.stateDir);
    this.capabilities = {
      supportsPause: true,
      supportsSuspend: true,
      supportsSnapshot: true,
      supportsResize: true,
      supportsRebuild: true,
      supportsSerialConsole: true,
      supportsGraphicConsole: true,
      supportsVolumeAttach: true,
      supportsInterfaceAttach: options.tapNetworking ?? canCreateTaps(),
    };
  }

  async init(): Promise<void> {
    if (this.ready) return;
    this.initializing ??= withDeadline("init", undefined, this.deadlineMs, this.load()).finally(() => {
      this.initializing = undefined;
    });
    await this.initializing;
  }

  private async load(): Promise<void> {
    try {
      const [choice, version] = await Promise.all([
        chooseAccelerator(this.qemuBinary, this.accel, this.log, this.kvmProbe),
        qemuVersion(this.qemuBinary),
      ]);
      const { accelerator } = choice;
      await mkdir(instancesDir(this.stateDir), { recursive: true });
      await cleanLeftovers(this.stateDir);
      const ctx: GuestContext = {
        qemuBinary: this.qemuBinary,
        accelerator,
        tools: this.tools,
        log: this.log,
        maxConsoleLogBytes: this.maxConsoleLogBytes,
      };
      const guests = await adoptGuests(this.stateDir, ctx, this.log);
      this.ctx = ctx;
      this.version = version;
      this.acceleratorChoice = choice;
      this.guests = guests;
      this.ready = true;
      this.log.info(
        {
          accelerator,
          acceleratorReason: choice.reason,
          qemu: version.text,
          stateDir: this.stateDir,
          instances: guests.size,
        },
        "qemu driver ready",
      );
    } catch (err) {
      throw asDriverError(err, "OperationFailed", "init", undefined);
    }
  }

  /** The accelerator guests use and why (after `init`). */
  get accelerator(): AcceleratorChoice | undefined {
    return this.acceleratorChoice;
  }

  async close(): Promise<void> {
    if (!this.ready) return;
    this.ready = false;
    for (const g of this.guests.values()) g.detach();
  }

  async hostResources(): Promise<HostResources> {
    this.enter("hostResources");
    const version = this.version;
    const accelerator = this.context().accelerator;
    return this.guard("hostResources", undefined, async () => ({
      vcpus: host.vcpus(),
      memoryMb: host.memoryMb(),
      diskGb: await host.diskGb(this.stateDir),
      // The accelerator is the hypervisor: "KVM" with hardware virtualisation, "QEMU" for TCG emulation.
      hypervisorType: accelerator === "kvm" ? "KVM" : "QEMU",
      hypervisorVersion: version?.encoded ?? 0,
      cpuInfo: await host.cpuInfo(),
    }));
  }

  async listInstances(): Promise<InstanceSummary[]> {
    this.enter("listInstances");
    return this.guard("listInstances", undefined, async () => {
      const spawning = [...this.spawning.values()].map((s) => ({
        uuid: s.uuid,
        name: s.name,
        powerState: NOSTATE,
      }));
      const guests = await Promise.all(
        [...this.guests.values()].map(async (g) => ({
          uuid: g.uuid,
          name: g.domain.name,
          powerState: await g.powerState(),
        })),
      );
      return [...spawning, ...guests];
    });
  }

  async getInfo(uuid: string): Promise<InstanceInfo> {
    this.enter("getInfo");
    const pending = this.spawning.get(uuid);
    if (pending) return spawningInfo(pending);
    const g = this.find(uuid);
    return this.guard("getInfo", uuid, async () => {
      const { powerState, runState } = await g.runState();
      const alive = powerState === RUNNING || powerState === PAUSED || powerState === CRASHED;
      const pid = alive ? await g.pid() : undefined;
      const times = pid === undefined ? undefined : await processTimes(pid);
      const { flavor, interfaces, preResize } = g.domain;
      const volumes = await attachments.attachedVolumes(g);
      return {
        uuid,
        powerState,
        ...(runState === undefined ? {} : { runState }),
        vcpus: flavor.vcpus,
        memoryMb: flavor.memoryMb,
        cpuTimeMs: times?.cpuMs ?? 0,
        uptimeS: powerState === RUNNING || powerState === PAUSED ? (times?.uptimeS ?? 0) : null,
        volumes,
        interfaces: interfaces.map(({ slot: _slot, ...vif }) => vif),
        resizePending: preResize !== undefined,
      };
    });
  }

  async readCounters(): Promise<InstanceCounters[]> {
    this.enter("readCounters");
    return this.guard("readCounters", undefined, async () => {
      const read = await Promise.all(
        [...this.guests.values()].map((g) =>
          guestCounters(g).catch((err: unknown) => {
            // Mostly a guest stopping or destroyed during the read; the next interval reads it again.
            this.log.debug({ instance: g.uuid, err }, "cannot read the guest's counters");
            return undefined;
          }),
        ),
      );
      return read.filter((c) => c !== undefined);
    });
  }

  async hostUsage(): Promise<HostUsage> {
    this.enter("hostUsage");
    return this.guard("hostUsage", undefined, async () => {
      const states = await Promise.all(
        [...this.guests.values()].map((g) => g.powerState().catch(() => NOSTATE)),
      );
      return this.usage.read(states.filter((s) => s === RUNNING).length);
    });
  }

  async spawn(spec: SpawnSpec): Promise<void> {
    this.enter("spawn");
    const { spec: parsed, image } = parseSpawnSpec(spec);
    const { uuid } = parsed;
    if (image !== null) checkImage(image, uuid);
    const nicSlots = LAST_NIC_SLOT - FIRST_NIC_SLOT + 1;
    if (parsed.networkInterfaces.length > nicSlots) {
      throw new DriverError("InvalidRequest", `at most ${nicSlots} NICs per instance`, { uuid });
    }
    if (parsed.networkInterfaces.length > 0 && !this.capabilities.supportsInterfaceAttach) {
      throw new DriverError("SpawnFailed", "this host cannot create tap devices for the instance's ports", {
        uuid,
      });
    }
    if (this.guests.has(uuid) || this.spawning.has(uuid)) {
      throw new DriverError("InstanceExists", `instance ${uuid} exists`, { uuid });
    }
    // Taken synchronously, so a concurrent spawn of the same uuid sees InstanceExists.
    this.spawning.set(uuid, spec);
    let abandoned = false;
    const work = (async () => {
      try {
        const g = await buildGuest(this.spawnDeps(), parsed, image);
        // Past the deadline the caller was told Timeout, i.e. "nothing left behind": undo the late success.
        if (abandoned) {
          await destroyGuest(g);
          throw new DriverError("Timeout", `spawn of ${uuid} finished after its deadline and was undone`, {
            uuid,
          });
        }
        this.guests.set(uuid, g);
      } finally {
        this.spawning.delete(uuid);
      }
    })();
    try {
      await withDeadline("spawn", uuid, this.deadlineMs, work, () => {
        abandoned = true;
      });
    } catch (err) {
      throw asDriverError(err, "SpawnFailed", "spawn", uuid);
    }
  }

  async destroy(uuid: string): Promise<void> {
    this.enter("destroy");
    if (!this.guests.has(uuid) && !this.spawning.has(uuid)) return;
    await this.change("destroy", uuid, async (g) => {
      await destroyGuest(g);
      if (this.guests.get(uuid) === g) this.guests.delete(uuid);
    });
  }

  async reboot(uuid: string, type: RebootType): Promise<void> {
    await this.change("reboot", uuid, async (g) => {
      if (type === "SOFT") {
        await requireState(g, "soft reboot", [RUNNING]);
        // Like Nova's libvirt driver: a clean shutdown, forced after the timeout, then a fresh start.
        await g.shutdown(this.powerOffTimeoutS);
        await g.start();
        return;
      }
      const state = await requireState(g, "hard reboot", [RUNNING, PAUSED, SHUTDOWN, CRASHED, SUSPENDED]);
      // Nova's hard reboot discards a saved memory image, too.
      if (state === SUSPENDED) await diskOps.dropMemory(g);
      await g.hardStop();
      await g.start();
    });
  }

  async powerOff(uuid: string, options: PowerOffOptions = {}): Promise<void> {
    const { timeoutS } = options;
    if (timeoutS !== undefined && !(Number.isFinite(timeoutS) && timeoutS >= 0)) {
      throw new DriverError("InvalidRequest", `timeoutS must be >= 0, got ${timeoutS}`, { uuid });
    }
    await this.change("powerOff", uuid, async (g) => {
      const state = await requireState(g, "power off", [RUNNING, PAUSED, CRASHED, SHUTDOWN]);
      if (state === SHUTDOWN) return;
      await g.shutdown(state === CRASHED ? 0 : (timeoutS ?? this.powerOffTimeoutS));
    });
  }

  async powerOn(uuid: string): Promise<void> {
    await this.change("powerOn", uuid, async (g) => {
      const state = await requireState(g, "power on", [RUNNING, SHUTDOWN, CRASHED]);
      if (state === RUNNING) return;
      if (state === CRASHED) await g.hardStop();
      await g.start();
    });
  }

  async pause(uuid: string): Promise<void> {
    await this.change("pause", uuid, async (g) => {
      if ((await requireState(g, "pause", [RUNNING, PAUSED])) === RUNNING) await g.pause();
    });
  }

  async unpause(uuid: string): Promise<void> {
    await this.change("unpause", uuid, async (g) => {
      if ((await requireState(g, "unpause", [RUNNING, PAUSED])) === PAUSED) await g.unpause();
    });
  }

  async suspend(uuid: string): Promise<void> {
    await this.change("suspend", uuid, async (g) => {
      if ((await requireState(g, "suspend", [RUNNING, PAUSED, SUSPENDED])) !== SUSPENDED)
        await g.saveMemory();
    });
  }

  async resume(uuid: string): Promise<void> {
    await this.change("resume", uuid, async (g) => {
      if ((await requireState(g, "resume", [RUNNING, SUSPENDED])) === SUSPENDED) await g.restoreMemory();
    });
  }

  async rebuild(uuid: string, image: ImageSource): Promise<void> {
    this.enter("rebuild");
    checkImage(image, uuid);
    await this.change("rebuild", uuid, async (g) => {
      const state = await requireState(g, "rebuild", [RUNNING, SHUTDOWN, CRASHED]);
      requireNoResize(g, "rebuild");
      requireLocalRoot(g, "rebuild");
      await diskOps.rebuild(g, this.spawnDeps(), image, state === SHUTDOWN, this.powerOffTimeoutS);
    });
  }

  async resize(uuid: string, flavor: FlavorInput): Promise<void> {
    this.enter("resize");
    const parsed = diskOps.parseFlavor(flavor, uuid);
    await this.change("resize", uuid, async (g) => {
      const state = await requireState(g, "resize", [RUNNING, SHUTDOWN]);
      requireNoResize(g, "resize");
      requireLocalRoot(g, "resize");
      await diskOps.resize(g, parsed, state === RUNNING, this.powerOffTimeoutS);
    });
  }

  async confirmResize(uuid: string): Promise<void> {
    await this.change("confirmResize", uuid, (g) => diskOps.confirmResize(g));
  }

  async revertResize(uuid: string): Promise<void> {
    await this.change("revertResize", uuid, async (g) => {
      if (g.domain.preResize === undefined) {
        throw new DriverError("InvalidState", `instance ${uuid} has no resize to revert`, { uuid });
      }
      // Resize leaves RUNNING or SHUTDOWN; other states are reached only by later calls, undone first.
      const state = await requireState(g, "revert the resize of", [RUNNING, SHUTDOWN]);
      await diskOps.revertResize(g, state === RUNNING, this.powerOffTimeoutS);
    });
  }

  async snapshot(uuid: string, sink: SnapshotSink): Promise<SnapshotResult> {
    return this.change("snapshot", uuid, async (g) => {
      await requireState(g, "snapshot", [RUNNING, PAUSED, SHUTDOWN, CRASHED, SUSPENDED]);
      requireLocalRoot(g, "snapshot");
      return diskOps.snapshot(g, sink);
    });
  }

  async consoleOutput(uuid: string, options: ConsoleOutputOptions = {}): Promise<string> {
    const { tailBytes } = options;
    if (tailBytes !== undefined && !(Number.isInteger(tailBytes) && tailBytes >= 0)) {
      throw new DriverError("InvalidRequest", `tailBytes must be a non-negative integer, got ${tailBytes}`, {
        uuid,
      });
    }
    this.enter("consoleOutput");
    if (this.spawning.has(uuid)) return "";
    const g = this.find(uuid);
    return this.guard("consoleOutput", uuid, () => readLog(g.paths.consoleLog, tailBytes));
  }

  async consoleEndpoint(uuid: string, kind: ConsoleKind): Promise<ConsoleEndpoint> {
    const capability = kind === "serial" ? "supportsSerialConsole" : "supportsGraphicConsole";
    if (!this.capabilities[capability]) {
      throw new DriverError("Unsupported", `this driver has no ${kind} console`, { uuid });
    }
    this.enter("consoleEndpoint");
    const g = this.find(uuid);
    await this.guard("consoleEndpoint", uuid, () =>
      requireState(g, `open a ${kind} console of`, [RUNNING, PAUSED]),
    );
    return {
      kind,
      connect: async () => {
        this.enter("consoleEndpoint");
        const current = this.find(uuid);
        return this.guard("consoleEndpoint", uuid, async () => {
          // The guest may have stopped since the endpoint was handed out.
          await requireState(current, `connect to a ${kind} console of`, [RUNNING, PAUSED]);
          return kind === "serial" ? current.connectSerial() : current.connectVnc();
        });
      },
    };
  }

  async attachVolume(uuid: string, volume: VolumeConnectionInput): Promise<VolumeAttachment> {
    this.enter("attachVolume");
    const parsed = attachments.parseVolume(volume, uuid);
    return this.change("attachVolume", uuid, async (g) => {
      await requireAttachable(g, "attach a volume to");
      return attachments.attachVolume(g, parsed);
    });
  }

  async detachVolume(uuid: string, attachmentId: string): Promise<void> {
    await this.change("detachVolume", uuid, async (g) => {
      await requireAttachable(g, "detach a volume from");
      await attachments.detachVolume(g, attachmentId, this.detachTimeoutMs);
    });
  }

  async growVolume(uuid: string, attachmentId: string, sizeBytes: number): Promise<void> {
    this.enter("growVolume");
    await this.change("growVolume", uuid, (g) => attachments.growVolume(g, attachmentId, sizeBytes));
  }

  async attachInterface(uuid: string, vif: NetworkInterface): Promise<void> {
    this.enter("attachInterface");
    const parsed = attachments.parseInterface(vif, uuid);
    await this.change("attachInterface", uuid, async (g) => {
      await requireAttachable(g, "attach an interface to");
      await attachments.attachInterface(g, parsed);
    });
  }

  async detachInterface(uuid: string, portId: string): Promise<void> {
    await this.change("detachInterface", uuid, async (g) => {
      await requireAttachable(g, "detach an interface from");
      await attachments.detachInterface(g, portId, this.detachTimeoutMs);
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

  private context(): GuestContext {
    if (!this.ctx) throw new DriverError("InvalidState", "qemu driver not initialised");
    return this.ctx;
  }

  private spawnDeps(): SpawnDeps {
    return {
      stateDir: this.stateDir,
      ctx: this.context(),
      bases: this.bases,
      kernelCommandLine: this.kernelCommandLine,
    };
  }

  /** The instance, or InstanceNotFound; a uuid still spawning is busy. */
  private find(uuid: string): Guest {
    if (this.spawning.has(uuid)) {
      throw new DriverError("InvalidState", `instance ${uuid} is busy with spawn`, { uuid });
    }
    const g = this.guests.get(uuid);
    if (!g) throw new DriverError("InstanceNotFound", `instance ${uuid} not found`, { uuid });
    return g;
  }

  /** A read-only call: deadline and error mapping, no exclusion. */
  private guard<T>(op: DriverOperation, uuid: string | undefined, body: () => Promise<T>): Promise<T> {
    const work = body().catch((err: unknown) => {
      throw asDriverError(err, "OperationFailed", op, uuid);
    });
    return withDeadline(op, uuid, this.deadlineMs, work);
  }

  /** A state change: one per instance at a time; the instance stays busy until the work really ends. */
  private async change<T>(op: DriverOperation, uuid: string, body: (g: Guest) => Promise<T>): Promise<T> {
    this.enter(op);
    const g = this.find(uuid);
    if (g.busy !== undefined) {
      throw new DriverError("InvalidState", `instance ${uuid} is busy with ${g.busy}`, { uuid });
    }
    g.busy = op;
    const work = (async () => {
      try {
        return await body(g);
      } catch (err) {
        throw asDriverError(err, "OperationFailed", op, uuid);
      } finally {
        g.busy = undefined;
      }
    })();
    return withDeadline(op, uuid, this.deadlineMs, work);
  }
}

async function adoptGuests(stateDir: string, ctx: GuestContext, log: Logger): Promise<Map<string, Guest>> {
  const guests = new Map<string, Guest>();
  for (const uuid of await listInstanceDirs(stateDir)) {
    const g = await adoptGuest(stateDir, ctx, uuid, log);
    if (g) guests.set(uuid, g);
  }
  return guests;
}

function spawningInfo(spec: SpawnSpec): InstanceInfo {
  return {
    uuid: spec.uuid,
    powerState: NOSTATE,
    vcpus: spec.flavor.vcpus,
    memoryMb: spec.flavor.memoryMb,
    cpuTimeMs: 0,
    uptimeS: null,
    volumes: [],
    interfaces: (spec.networkInterfaces ?? []).map((i) => ({ ...i })),
    resizePending: false,
  };
}

async function requireState(g: Guest, what: string, allowed: readonly PowerState[]): Promise<PowerState> {
  const state = await g.powerState();
  if (!allowed.includes(state)) {
    throw new DriverError("InvalidState", `cannot ${what} instance ${g.uuid} in ${powerStateName(state)}`, {
      uuid: g.uuid,
    });
  }
  return state;
}

function requireNoResize(g: Guest, what: string): void {
  if (g.domain.preResize !== undefined) {
    throw new DriverError("InvalidState", `cannot ${what} instance ${g.uuid}: a resize awaits confirmation`, {
      uuid: g.uuid,
    });
  }
}

/**
 * Rebuild, resize and snapshot work on the local root disk; a root disk that
 * is a volume belongs to Cinder (Nova snapshots it through Cinder instead).
 */
function requireLocalRoot(g: Guest, what: string): void {
  if (g.domain.base === null) {
    throw new DriverError(
      "InvalidRequest",
      `cannot ${what} instance ${g.uuid}: its root disk is a volume, not a local disk`,
      { uuid: g.uuid },
    );
  }
}

function requireAttachable(g: Guest, what: string): Promise<PowerState> {
  return requireState(g, what, [RUNNING, PAUSED, SHUTDOWN, CRASHED]);
}
