/**
 * The compute agent ↔ control plane protocol. The agent dials out (hosts
 * need no inbound port) to `ws(s)://<control>/agent/v1/compute` with
 * `Authorization: Bearer <agent token>`; every message is one JSON text
 * frame validated by these schemas on both sides.
 *
 * Desired state, reconciled: the control plane sends what should be on the
 * host; the agent converges and reports what is. Every pending task is a
 * difference between desired and applied counters (`rebootSeq`, …), never an
 * in-memory job, so either side may restart at any moment and the system
 * converges again after the next `hello`.
 */
import { z } from "zod";

export const COMPUTE_PROTOCOL_VERSION = 1;
export const COMPUTE_AGENT_PATH = "/agent/v1/compute";
/** Image bytes for spawn/rebuild: `GET`, agent token. Snapshots upload with `PUT`. */
export const agentImageFilePath = (imageId: string): string => `/agent/v1/images/${imageId}/file`;
/**
 * Consoles: after an `openConsole` rpc the agent dials this WebSocket (agent
 * token) and relays raw console bytes in binary frames both ways; the
 * control plane pairs it with the browser's socket of the same session.
 */
export const agentConsolePath = (sessionId: string): string => `/agent/v1/consoles/${sessionId}`;
export const AGENT_CONSOLE_PREFIX = "/agent/v1/consoles/";

/** Nova's power states (`nova/compute/power_state.py`). */
export const PowerState = {
  NOSTATE: 0,
  RUNNING: 1,
  PAUSED: 3,
  SHUTDOWN: 4,
  CRASHED: 6,
  SUSPENDED: 7,
} as const;
export type PowerState = (typeof PowerState)[keyof typeof PowerState];
export const ZPowerState = z.literal(Object.values(PowerState));

const count = z.int().nonnegative();

export const ZFlavorSpec = z.object({
  name: z.string(),
  vcpus: z.int().positive(),
  memoryMb: z.int().positive(),
  rootGb: count,
  ephemeralGb: count,
  swapMb: count,
});
export type FlavorSpec = z.infer<typeof ZFlavorSpec>;

export const ZImageSpec = z.object({
  id: z.string().min(1),
  diskFormat: z.string().min(1),
  kernelId: z.string().min(1).optional(),
  ramdiskId: z.string().min(1).optional(),
  /** Glance's `os_command_line`: the kernel command line for a kernel-booted image, as Nova's libvirt driver uses it. */
  commandLine: z.string().min(1).max(1024).optional(),
});
export type ImageSpec = z.infer<typeof ZImageSpec>;

/** The power the instance should have; `running` also means "spawned". */
export const ZDesiredPower = z.enum(["running", "stopped", "paused", "suspended"]);
export type DesiredPower = z.infer<typeof ZDesiredPower>;

/** What should be true of one instance on the host. */
export const ZDesiredInstance = z.object({
  uuid: z.string().min(1),
  name: z.string(),
  hostname: z.string(),
  /** Bumps with every change of this record; echoed back in `applied.generation`. */
  generation: count,
  flavor: ZFlavorSpec,
  image: ZImageSpec.nullable(),
  /** Base64 as given to Nova. */
  userData: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  power: ZDesiredPower,
  /** A reboot is wanted while `rebootSeq` > the applied one. */
  rebootSeq: count,
  rebootType: z.enum(["SOFT", "HARD"]),
  /** A rebuild from `image` is wanted while `rebuildSeq` > the applied one. */
  rebuildSeq: count,
  /**
   * Resize: while `resize.seq` > the applied one, resize to `flavor`
   * (keeping the old disk for revert); `resize.finish` says what to do with
   * a pending resize: keep waiting, confirm it, or revert it.
   */
  resize: z.object({ seq: count, finish: z.enum(["wait", "confirm", "revert"]) }),
  /** Snapshots to take and upload (`PUT agentImageFilePath(imageId)`). */
  snapshots: z.array(z.object({ imageId: z.string().min(1) })),
  /**
   * The guest's network interfaces, in order (eth0, eth1, …): a tap device
   * per port (named by `tapDeviceName` of the network protocol) with the
   * port's MAC. The network agent of the host plugs the tap into its
   * network; interfaces added or removed on a running guest are hot-plugged.
   */
  ports: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        mac: z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/),
        device: z.string().regex(/^[a-z][a-z0-9-]{1,14}$/),
        mtu: z.int().min(68).max(9216),
      }),
    )
    .max(32)
    .default([]),
  /**
   * Volumes attached to the guest, over NBD from their volume host (TLS-PSK
   * with the attachment's own secret). `bootIndex` 0 is the root disk of a
   * server booted from a volume (no `image` then); others are virtio-blk
   * data disks in order (vdb, vdc, …), hot-plugged on a running guest
   * (QMP `blockdev-add` + `device_add`) and unplugged when no longer listed.
   * `connection` is null while the volume host has not exported it yet.
   */
  volumes: z
    .array(
      z.object({
        attachmentId: z.uuid(),
        volumeId: z.uuid(),
        bootIndex: z.int().min(0).max(31).nullable(),
        readOnly: z.boolean(),
        /**
         * The volume's size once its volume host has it (absent while it is
         * being extended): a guest whose disk is smaller grows it live.
         */
        sizeGb: z
          .int()
          .min(1)
          .max(16 * 1024)
          .optional(),
        connection: z
          .object({
            host: z.string().min(1).max(255),
            port: z.int().min(1).max(65535),
            exportName: z.string().min(1).max(255),
            tlsUsername: z.string().min(1).max(255),
            secret: z.string().regex(/^[0-9a-f]{64}$/),
          })
          .nullable(),
      }),
    )
    .max(26)
    .default([]),
});
export type DesiredInstance = z.infer<typeof ZDesiredInstance>;

export const ZAppliedCounters = z.object({
  generation: count,
  rebootSeq: count,
  rebuildSeq: count,
  resizeSeq: count,
});
export type AppliedCounters = z.infer<typeof ZAppliedCounters>;

/** What is true of one instance on the host. */
export const ZActualInstance = z.object({
  uuid: z.string().min(1),
  powerState: ZPowerState,
  /**
   * The hypervisor's own name for the state when it has one (QEMU's run
   * state: `internal-error`, `guest-panicked`, …): why a guest is CRASHED.
   */
  hypervisorState: z.string().min(1).max(64).optional(),
  /** False once destroyed (or never spawned). */
  exists: z.boolean(),
  applied: ZAppliedCounters,
  resizePending: z.boolean(),
  /**
   * Ids of the desired `ports` the guest has a NIC (and tap) for, in the
   * guest's order: a hot-plug is done once its port is listed, an unplug
   * once it is not. Absent from agents that predate networking.
   */
  ports: z.array(z.string().min(1).max(64)).max(64).optional(),
  /**
   * Attachment ids of the desired `volumes` the guest has as disks now, with
   * the guest device (`/dev/vdb`): an attach is done once listed, a detach
   * once not. Absent from agents that predate volumes.
   */
  volumes: z
    .array(z.object({ attachmentId: z.uuid(), device: z.string().regex(/^\/dev\/vd[a-z]$/) }))
    .max(32)
    .optional(),
});
export type ActualInstance = z.infer<typeof ZActualInstance>;

export const ZHostResources = z.object({
  vcpus: z.int().positive(),
  memoryMb: z.int().positive(),
  diskGb: z.int().positive(),
  hypervisorType: z.string().min(1),
  hypervisorVersion: count,
  hypervisorHostname: z.string().min(1),
  hostIp: z.string().min(1),
  cpuInfo: z.record(z.string(), z.unknown()),
});
export type HostResources = z.infer<typeof ZHostResources>;

export const ZTaskName = z.enum([
  "spawn",
  "destroy",
  "reboot",
  "power",
  "rebuild",
  "resize",
  "confirmResize",
  "revertResize",
  "snapshot",
]);
export type TaskName = z.infer<typeof ZTaskName>;

// ---- agent → control ----

export const ZHello = z.object({
  type: z.literal("hello"),
  protocol: z.literal(COMPUTE_PROTOCOL_VERSION),
  host: z.string().min(1).max(255),
  agentVersion: z.string(),
  availabilityZone: z.string().min(1).optional(),
  resources: ZHostResources,
  instances: z.array(ZActualInstance),
});
export const ZHeartbeat = z.object({ type: z.literal("heartbeat") });
export const ZReport = z.object({ type: z.literal("report"), instances: z.array(ZActualInstance).min(1) });
/** The outcome of one task; failures carry the message shown in the server's `fault`. */
export const ZTaskResult = z.object({
  type: z.literal("taskResult"),
  uuid: z.string().min(1),
  task: ZTaskName,
  ok: z.boolean(),
  message: z.string().optional(),
  /** For snapshot: the image it was for. */
  imageId: z.string().optional(),
});
export const ZRpcResult = z.object({
  type: z.literal("rpcResult"),
  id: z.string().min(1),
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const ZAgentMessage = z.discriminatedUnion("type", [
  ZHello,
  ZHeartbeat,
  ZReport,
  ZTaskResult,
  ZRpcResult,
]);
export type AgentMessage = z.infer<typeof ZAgentMessage>;

// ---- control → agent ----

export const ZWelcome = z.object({
  type: z.literal("welcome"),
  hostId: z.string().min(1),
  heartbeatIntervalS: z.int().positive(),
});
/** `full`: the whole host (instances not listed and not in `deleted` are orphans). */
export const ZDesired = z.object({
  type: z.literal("desired"),
  full: z.boolean(),
  instances: z.array(ZDesiredInstance),
  /** Instances that must be destroyed on this host. */
  deleted: z.array(z.string().min(1)),
});
export const ZRpc = z.discriminatedUnion("method", [
  z.object({
    type: z.literal("rpc"),
    id: z.string().min(1),
    method: z.literal("consoleOutput"),
    params: z.object({ uuid: z.string().min(1), length: z.int().positive().optional() }),
  }),
  z.object({
    type: z.literal("rpc"),
    id: z.string().min(1),
    method: z.literal("openConsole"),
    /** Answered once the agent's console socket is open (or with the reason it cannot be). */
    params: z.object({ uuid: z.string().min(1), kind: z.enum(["serial", "vnc"]), sessionId: z.uuid() }),
  }),
]);
export const ZControlMessage = z.union([ZWelcome, ZDesired, ZRpc]);
export type ControlMessage = z.infer<typeof ZControlMessage>;
export type DesiredMessage = z.infer<typeof ZDesired>;
export type RpcMessage = z.infer<typeof ZRpc>;

/** consoleOutput's result. */
export const ZConsoleOutput = z.object({ output: z.string() });
