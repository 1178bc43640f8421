/**
 * The compute driver contract: what a reconciler may ask of a hypervisor
 * host. Modelled on Nova's `nova/virt/driver.py`, cut down to what Zenith
 * needs and typed. Every driver (fake, qemu) passes `test/driver-suite.ts`.
 *
 * Rules that hold for every method (not repeated below):
 * - Instances are named by Nova's instance uuid only. Hypervisor ids (QEMU
 *   pids, QMP socket paths, domain names) never leave the driver.
 * - Failures reject with `DriverError`; its `code` is the contract, the
 *   message is for humans. Unknown uuids reject with `InstanceNotFound`,
 *   except where a method says otherwise.
 * - Methods that name a target state are idempotent: already there is
 *   success, so a reconciler can repeat a call after a crash or a timeout.
 *   From a state the transition does not start from they reject with
 *   `InvalidState` and change nothing.
 * - One operation at a time per instance: a state-changing call while another
 *   one on the same uuid is in flight rejects with `InvalidState`. Read-only
 *   calls (`getInfo`, `listInstances`, `consoleOutput`, `hostResources`,
 *   `readCounters`, `hostUsage`) may
 *   run at any time; calls on different instances run concurrently.
 * - Every call settles within a deadline the driver is configured with; past
 *   it the call rejects with `Timeout` and the operation may still complete,
 *   so the caller re-reads the state (`getInfo`) rather than assume either way.
 * - A method gated by `capabilities` rejects with `Unsupported` when the
 *   driver declares it false.
 * - Calls other than `init` before `init()` (or after `close()`) reject with
 *   `InvalidState`.
 */
import type { Duplex, Readable, Writable } from "node:stream";
import type { HostUsage, InstanceCounters } from "./counters.ts";
import { DriverError } from "./errors.ts";
import {
  type ConsoleKind,
  type DriverCapabilities,
  type FlavorInput,
  type HostResources,
  type ImageRef,
  type InstanceInfo,
  type InstanceSpec,
  type InstanceSpecInput,
  type InstanceSummary,
  instanceSpecSchema,
  type NetworkInterface,
  type RebootType,
  type SnapshotResult,
  type VolumeAttachment,
  type VolumeConnectionInput,
} from "./schemas.ts";

// The package exports this file as `./driver`: it is the one entry point to the contract.
export * from "./counters.ts";
export * from "./errors.ts";
export * from "./schemas.ts";

/** Where image bytes come from. Resolved by the agent (its image cache); never sent over the wire. */
export type ImageData = { kind: "path"; path: string } | { kind: "stream"; open: () => Promise<Readable> };

/** An image the driver can read: the wire `ImageRef` plus its bytes. */
export interface ImageSource extends ImageRef {
  data: ImageData;
  kernel?: ImageData;
  ramdisk?: ImageData;
}

/** `spawn`'s argument: the wire `InstanceSpec` with the image resolved (null: boot from a volume). */
export type SpawnSpec = Omit<InstanceSpecInput, "image"> & { image: ImageSource | null };

/**
 * Where `snapshot` writes the root disk. A path is created or replaced (and
 * removed again if the snapshot fails); a stream is ended on success and
 * destroyed with the error on failure, as `stream.pipeline` does.
 */
export type SnapshotSink = { kind: "path"; path: string } | { kind: "stream"; stream: Writable };

/** An opaque way to reach a guest console; the console proxy relays the stream. */
export interface ConsoleEndpoint {
  kind: ConsoleKind;
  /** A fresh byte stream to the console (serial: the guest's tty; vnc: RFB). Ends when the guest stops. */
  connect(): Promise<Duplex>;
}

export interface PowerOffOptions {
  /**
   * Seconds to wait for the guest to shut down cleanly (ACPI) before
   * forcing it off; 0 forces at once. Default: the driver's (60 s for qemu).
   */
  timeoutS?: number;
}

export interface ConsoleOutputOptions {
  /** Only the last N bytes of the log (may start mid-line). Default: all of it the driver keeps. */
  tailBytes?: number;
}

export interface ComputeDriver {
  /** Fixed for the driver's lifetime and readable before `init()`. */
  readonly capabilities: DriverCapabilities;

  /**
   * Connects to the hypervisor and adopts what is already on the host:
   * after `init()`, `listInstances()` shows guests left by a previous agent
   * process. Idempotent. Nothing else works before it.
   */
  init(): Promise<void>;

  /**
   * Releases the driver's own resources (monitor connections, timers).
   * Never touches guests: they keep running and the next `init()` adopts them.
   * Idempotent.
   */
  close(): Promise<void>;

  /** Totals of the host (not usage), for the control plane's inventory. */
  hostResources(): Promise<HostResources>;

  /**
   * Every instance this host holds resources for, whatever its state,
   * including one still spawning or left by an interrupted spawn (`NOSTATE`).
   * The reconciler destroys what it does not want; the driver never does.
   */
  listInstances(): Promise<InstanceSummary[]>;

  /** What is, for one instance: power state, size, counters, attachments. */
  getInfo(uuid: string): Promise<InstanceInfo>;

  /**
   * Metering: the counters of every instance whose guest process exists
   * (`RUNNING`, `PAUSED`, `CRASHED`), each disk and NIC included. Shut-down,
   * suspended and spawning instances are left out, and so is one that goes
   * away during the read: a guest that is gone is not sampled. Never
   * rejects because of one guest (it is left out and logged).
   */
  readCounters(): Promise<InstanceCounters[]>;

  /**
   * Metering: the host's CPU, memory and storage-folder use now. CPU use is
   * over the time since the previous call (the driver keeps that reading),
   * so one caller (the agent's sampler) should call it.
   */
  hostUsage(): Promise<HostUsage>;

  /**
   * Creates the instance from `spec` and starts it; resolves once it is
   * `RUNNING` (started, not necessarily booted). While it runs the uuid is
   * taken and shows as `NOSTATE`.
   * - `InstanceExists` if the uuid is taken (the existing instance is untouched).
   * - `InvalidRequest` if `spec` fails `instanceSpecSchema`.
   * - `spec.volumes` are attached from the first start (cold, not
   *   hot-plugged) and listed in `getInfo` at once; a `bootIndex` 0 volume
   *   is the root disk (`/dev/vda`), data volumes follow in order.
   * - `SpawnFailed` for any failure while building (image unreadable, hypervisor
   *   error), `Timeout` past the deadline. A failed spawn leaves nothing behind:
   *   no disk, no process, no entry in `listInstances`; spawning again is safe.
   */
  spawn(spec: SpawnSpec): Promise<void>;

  /**
   * Stops the guest at once and deletes everything of it (disks, console log,
   * attachments; volumes themselves belong to Cinder and are only detached).
   * Succeeds when the instance is already gone: this is how a reconciler
   * converges to "absent".
   */
  destroy(uuid: string): Promise<void>;

  /**
   * `SOFT`: asks the guest to reboot (ACPI); only from `RUNNING`. `HARD`: power
   * cycles from any state, the "get it running again" operation (Nova's
   * semantics). Both resolve `RUNNING` with uptime restarted.
   */
  reboot(uuid: string, type: RebootType): Promise<void>;

  /**
   * `RUNNING`, `PAUSED` or `CRASHED` → `SHUTDOWN`, clean first then forced
   * (see `PowerOffOptions`); a guest that ignores ACPI is forced, never a
   * `Timeout`. Already `SHUTDOWN`: success. `SUSPENDED`: `InvalidState`
   * (resume first, so a saved memory image is never dropped silently).
   */
  powerOff(uuid: string, options?: PowerOffOptions): Promise<void>;

  /** `SHUTDOWN` or `CRASHED` → `RUNNING`. Already `RUNNING`: success. Paused or suspended: `InvalidState`. */
  powerOn(uuid: string): Promise<void>;

  /** `RUNNING` → `PAUSED` (vCPUs stopped, memory kept). Already `PAUSED`: success. Gated by `supportsPause`. */
  pause(uuid: string): Promise<void>;

  /** `PAUSED` → `RUNNING`. Already `RUNNING`: success. Gated by `supportsPause`. */
  unpause(uuid: string): Promise<void>;

  /** `RUNNING` or `PAUSED` → `SUSPENDED` (memory saved to disk, process gone). Already: success. `supportsSuspend`. */
  suspend(uuid: string): Promise<void>;

  /** `SUSPENDED` → `RUNNING`. Already `RUNNING`: success. Gated by `supportsSuspend`. */
  resume(uuid: string): Promise<void>;

  /**
   * Replaces the root disk with a fresh copy of `image`, keeping uuid, flavor
   * and attachments. From `RUNNING`, `SHUTDOWN` or `CRASHED`; a `SHUTDOWN`
   * instance stays `SHUTDOWN` (as Nova), the others end `RUNNING`.
   * `InvalidState` while a resize is pending. Gated by `supportsRebuild`.
   * On failure the old disk is kept.
   */
  rebuild(uuid: string, image: ImageSource): Promise<void>;

  /**
   * Gives the instance `flavor`, keeping the old definition and disk until
   * `confirmResize` or `revertResize` (Nova's model on one host). From
   * `RUNNING` or `SHUTDOWN`, which it keeps. `InvalidState` if a resize is
   * already pending; `InvalidRequest` if the root disk would shrink.
   * Gated by `supportsResize`.
   */
  resize(uuid: string, flavor: FlavorInput): Promise<void>;

  /** Drops the pre-resize copy. Nothing pending: success (it is already gone). */
  confirmResize(uuid: string): Promise<void>;

  /** Restores the pre-resize flavor and disk, keeping the power state. Nothing pending: `InvalidState`. */
  revertResize(uuid: string): Promise<void>;

  /**
   * Writes a point-in-time copy of the root disk to `sink`, in any power
   * state, and leaves the power state as it was. The copy is bootable as an
   * image of the returned format. Gated by `supportsSnapshot`.
   */
  snapshot(uuid: string, sink: SnapshotSink): Promise<SnapshotResult>;

  /**
   * The guest's serial console log so far (kept across power cycles, gone
   * with `destroy`). Empty until the guest prints something.
   */
  consoleOutput(uuid: string, options?: ConsoleOutputOptions): Promise<string>;

  /**
   * A way to connect to a live console. The guest must be `RUNNING` or
   * `PAUSED`, else `InvalidState`. Gated by `supportsSerialConsole` /
   * `supportsGraphicConsole`.
   */
  consoleEndpoint(uuid: string, kind: ConsoleKind): Promise<ConsoleEndpoint>;

  /**
   * Attaches a data volume (hot-plug when running, into the definition when
   * shut down); resolves the guest device, the first free one after the
   * instance's own disks. The same attachment id again resolves the
   * existing attachment as it is (a changed connection is not applied:
   * detach and attach again). `InvalidRequest` for a boot volume
   * (`bootIndex` 0: only `spawn` takes one). `InvalidState` when `SUSPENDED`.
   * Gated by `supportsVolumeAttach`.
   */
  attachVolume(uuid: string, volume: VolumeConnectionInput): Promise<VolumeAttachment>;

  /**
   * Detaches by attachment id (hot-unplug when running: the guest must
   * release the device within the driver's detach timeout, else the call
   * rejects and the volume stays attached); not attached is success.
   * `InvalidRequest` for the boot volume. `InvalidState` when `SUSPENDED`.
   * Gated by `supportsVolumeAttach`.
   */
  detachVolume(uuid: string, attachmentId: string): Promise<void>;

  /**
   * Makes the guest see an attached data volume grown to `sizeBytes` (its
   * volume host already grew it): a running guest's disk grows live (the
   * guest gets a capacity change); a stopped one opens the volume at its new
   * size when it starts. Already that size or larger: success. `InvalidRequest`
   * when the attachment is not on the instance. Gated by `supportsVolumeAttach`.
   */
  growVolume(uuid: string, attachmentId: string, sizeBytes: number): Promise<void>;

  /**
   * Adds a NIC for a Neutron port (the network agent plugs its tap). The same
   * port again is success. `InvalidState` when `SUSPENDED`. `supportsInterfaceAttach`.
   */
  attachInterface(uuid: string, vif: NetworkInterface): Promise<void>;

  /** Removes a port's NIC; not attached is success. `InvalidState` when `SUSPENDED`. `supportsInterfaceAttach`. */
  detachInterface(uuid: string, portId: string): Promise<void>;
}

/** Names of the driver's operations, for logs, latency tables and fault injection. */
export type DriverOperation = Exclude<keyof ComputeDriver, "capabilities">;

/**
 * Validates the serialisable part of a spawn spec (drivers call this first);
 * rejects with `InvalidRequest` naming the fields.
 */
export function parseSpawnSpec(spec: SpawnSpec): { spec: InstanceSpec; image: ImageSource | null } {
  const parsed = instanceSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".") || "spec"}: ${i.message}`);
    throw new DriverError("InvalidRequest", `invalid spawn spec: ${fields.join("; ")}`);
  }
  return { spec: parsed.data, image: spec.image };
}
