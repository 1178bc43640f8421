/**
 * Shapes the driver layer shares with the rest of the agent that will travel
 * in agent ↔ control-plane messages, so each has a zod schema. Anything that
 * cannot be serialised (streams, functions) lives in `types.ts` instead.
 */

/** Nova's power states (`nova/compute/power_state.py`): one definition, shared with the agent protocol. */
import { PowerState, ZPowerState } from "@zenith/agent-protocol/compute";
import { z } from "zod";

export { PowerState };
export const powerStateSchema = ZPowerState;

const powerStateNames = new Map<number, string>(Object.entries(PowerState).map(([name, v]) => [v, name]));

/** "RUNNING" for 1; for logs and messages, never for logic. */
export function powerStateName(state: PowerState): string {
  return powerStateNames.get(state) ?? `UNKNOWN(${state})`;
}

const count = z.int().nonnegative();

export const flavorSchema = z.object({
  vcpus: z.int().positive(),
  memoryMb: z.int().positive(),
  rootGb: count,
  ephemeralGb: count.default(0),
  swapMb: count.default(0),
});
export type Flavor = z.infer<typeof flavorSchema>;
export type FlavorInput = z.input<typeof flavorSchema>;

/** Glance v2 disk formats; a driver rejects the ones it cannot boot with `InvalidRequest`. */
export const diskFormatSchema = z.enum([
  "raw",
  "qcow2",
  "vmdk",
  "vdi",
  "vhd",
  "vhdx",
  "iso",
  "ami",
  "aki",
  "ari",
]);
export type DiskFormat = z.infer<typeof diskFormatSchema>;

/** What identifies an image on the wire; the agent resolves it to bytes (`ImageSource`). */
export const imageRefSchema = z.object({
  id: z.uuid(),
  diskFormat: diskFormatSchema,
  kernelId: z.uuid().optional(),
  ramdiskId: z.uuid().optional(),
  /** The kernel command line of a kernel-booted image (Glance `os_command_line`); the driver's default otherwise. */
  commandLine: z.string().min(1).max(1024).optional(),
});
export type ImageRef = z.infer<typeof imageRefSchema>;

/** A Neutron port as the compute side needs it; the network agent plugs the tap. */
export const networkInterfaceSchema = z.object({
  portId: z.uuid(),
  macAddress: z.mac(),
  mtu: z.int().min(68).max(65535).optional(),
  /** The host's tap device for the port (the network agent finds it by this name); default Nova's `tap<id[:11]>`. */
  device: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,14}$/)
    .optional(),
});
export type NetworkInterface = z.infer<typeof networkInterfaceSchema>;

/** Nova's tap name: "tap" + the first 11 characters of the port id (IFNAMSIZ allows 15). */
export function tapName(portId: string): string {
  return `tap${portId.slice(0, 11)}`;
}

/** The host device of a NIC: the name the control plane chose, else Nova's. */
export function tapOf(vif: NetworkInterface): string {
  return vif.device ?? tapName(vif.portId);
}

/** A guest's NICs, in order: one per port, each with its own tap. */
export const networkInterfacesSchema = z.array(networkInterfaceSchema).superRefine((vifs, ctx) => {
  const ports = new Set<string>();
  const taps = new Set<string>();
  for (const [i, vif] of vifs.entries()) {
    if (ports.has(vif.portId))
      ctx.addIssue({ code: "custom", path: [i, "portId"], message: "duplicate port" });
    if (taps.has(tapOf(vif))) ctx.addIssue({ code: "custom", path: [i, "device"], message: "duplicate tap" });
    ports.add(vif.portId);
    taps.add(tapOf(vif));
  }
});

/** How the host reaches a volume's bytes. */
export const nbdConnectionSchema = z.object({
  /**
   * An NBD export of a volume host (qemu-storage-daemon), over TCP with
   * TLS-PSK: `tlsUsername` and the attachment's own `secret` (64 hex).
   */
  driver: z.literal("nbd"),
  host: z.string().min(1).max(255),
  port: z.int().min(1).max(65535),
  exportName: z.string().min(1).max(255),
  tlsUsername: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' or '-' (it is written into a keys file)"),
  secret: z.string().regex(/^[0-9a-f]{64}$/),
});
export type NbdConnection = z.infer<typeof nbdConnectionSchema>;

/** A disk file on this host (tests, and a volume host that is the compute host). */
export const fileConnectionSchema = z.object({
  driver: z.literal("file"),
  path: z.string().min(1).max(4096),
  format: z.enum(["raw", "qcow2"]),
});

export const volumeConnectionSchema = z.object({
  /** Cinder's attachment id: names the attachment everywhere (node, device, keys file, reports). */
  attachmentId: z.uuid(),
  volumeId: z.uuid(),
  /** 0: the root disk of a server booted from a volume (`/dev/vda`, no local root disk). Others are data disks. */
  bootIndex: z.int().min(0).max(31).nullable().default(null),
  readOnly: z.boolean().default(false),
  connection: z.discriminatedUnion("driver", [nbdConnectionSchema, fileConnectionSchema]),
});
export type VolumeConnection = z.infer<typeof volumeConnectionSchema>;
export type VolumeConnectionInput = z.input<typeof volumeConnectionSchema>;

/** The volume a guest boots from, if any. */
export function bootVolumeOf<T extends { bootIndex: number | null }>(volumes: readonly T[]): T | undefined {
  return volumes.find((v) => v.bootIndex === 0);
}

/**
 * The wire form of a spawn request. `spawn()` takes this with `image`
 * resolved to an `ImageSource`.
 *
 * Boot from volume: `image` null and a volume with `bootIndex` 0, which
 * becomes `/dev/vda`. An image given together with a boot volume (the
 * volume's own image metadata, as Nova reads `volume_image_metadata`) only
 * lends its kernel, ramdisk and command line; its disk is not used.
 */
export const instanceSpecSchema = z
  .object({
    /** Nova's instance uuid: the only id callers ever use. */
    uuid: z.uuid(),
    name: z.string().min(1).max(255),
    flavor: flavorSchema,
    image: imageRefSchema.nullable(),
    /** Base64, exactly as in Nova's `POST /servers`; the driver hands it to the guest (config drive). */
    userData: z.base64().max(65535).optional(),
    metadata: z.record(z.string().min(1).max(255), z.string().max(255)).default({}),
    networkInterfaces: networkInterfacesSchema.default([]),
    /** Volumes attached from the start (on the command line, not hot-plugged), in order. */
    volumes: z.array(volumeConnectionSchema).max(26).default([]),
  })
  .superRefine((spec, ctx) => {
    const ids = new Set<string>();
    for (const [i, v] of spec.volumes.entries()) {
      if (ids.has(v.attachmentId))
        ctx.addIssue({
          code: "custom",
          path: ["volumes", i, "attachmentId"],
          message: "duplicate attachment",
        });
      ids.add(v.attachmentId);
    }
    const boots = spec.volumes.filter((v) => v.bootIndex === 0).length;
    if (boots > 1) ctx.addIssue({ code: "custom", path: ["volumes"], message: "more than one boot volume" });
    if (spec.image === null && boots === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["image"],
        message: "an instance without an image needs a boot volume",
      });
    }
  });
export type InstanceSpec = z.infer<typeof instanceSpecSchema>;
/** Before defaults: what callers write. */
export type InstanceSpecInput = z.input<typeof instanceSpecSchema>;

export const cpuInfoSchema = z.object({
  arch: z.string(),
  model: z.string(),
  vendor: z.string(),
  topology: z.object({ sockets: z.int().positive(), cores: z.int().positive(), threads: z.int().positive() }),
  features: z.array(z.string()),
});
export type CpuInfo = z.infer<typeof cpuInfoSchema>;

/** Totals of the host, not usage: the control plane accounts usage from flavors (like placement). */
export const hostResourcesSchema = z.object({
  vcpus: z.int().positive(),
  memoryMb: z.int().positive(),
  diskGb: z.int().positive(),
  /** Nova's `hypervisor_type`: "fake", "QEMU". */
  hypervisorType: z.string().min(1),
  /** Nova's integer encoding, major * 1_000_000 + minor * 1_000 + patch (8.2.1 → 8002001). */
  hypervisorVersion: count,
  cpuInfo: cpuInfoSchema,
});
export type HostResources = z.infer<typeof hostResourcesSchema>;

export const instanceSummarySchema = z.object({
  uuid: z.uuid(),
  name: z.string(),
  powerState: powerStateSchema,
});
export type InstanceSummary = z.infer<typeof instanceSummarySchema>;

export const volumeAttachmentSchema = z.object({
  attachmentId: z.uuid(),
  volumeId: z.uuid(),
  /** 0 for the root disk of a server booted from a volume, which cannot be detached. */
  bootIndex: z.int().min(0).max(31).nullable(),
  /** Guest device as Nova reports it, e.g. "/dev/vdb"; a hint, guests may name it otherwise. */
  device: z.string().regex(/^\/dev\/vd[a-z]$/),
});
export type VolumeAttachment = z.infer<typeof volumeAttachmentSchema>;

/** What is, for one instance: the agent reports it and the control plane compares with what should be. */
export const instanceInfoSchema = z.object({
  uuid: z.uuid(),
  powerState: powerStateSchema,
  /** The hypervisor's own name for the state (QMP run state, e.g. `internal-error`), which says why. */
  runState: z.string().min(1).max(64).optional(),
  vcpus: z.int().positive(),
  memoryMb: z.int().positive(),
  /** Guest CPU time since the guest process last started; resets on power-on (counter reset). */
  cpuTimeMs: count,
  /** Seconds since the guest process last started (spawn, power-on, reboot, resume); null unless RUNNING or PAUSED. */
  uptimeS: count.nullable(),
  volumes: z.array(volumeAttachmentSchema),
  interfaces: z.array(networkInterfaceSchema),
  /** A resize awaits `confirmResize` or `revertResize`. */
  resizePending: z.boolean(),
});
export type InstanceInfo = z.infer<typeof instanceInfoSchema>;

export const snapshotResultSchema = z.object({
  sizeBytes: count,
  diskFormat: diskFormatSchema,
});
export type SnapshotResult = z.infer<typeof snapshotResultSchema>;

export const consoleKindSchema = z.enum(["serial", "vnc"]);
export type ConsoleKind = z.infer<typeof consoleKindSchema>;

export const rebootTypeSchema = z.enum(["SOFT", "HARD"]);
export type RebootType = z.infer<typeof rebootTypeSchema>;

/** Optional features, declared up front so callers never learn them by catching `Unsupported`. */
export const driverCapabilitiesSchema = z.object({
  supportsPause: z.boolean(),
  supportsSuspend: z.boolean(),
  supportsSnapshot: z.boolean(),
  supportsResize: z.boolean(),
  supportsRebuild: z.boolean(),
  supportsSerialConsole: z.boolean(),
  supportsGraphicConsole: z.boolean(),
  supportsVolumeAttach: z.boolean(),
  supportsInterfaceAttach: z.boolean(),
});
export type DriverCapabilities = z.infer<typeof driverCapabilitiesSchema>;
