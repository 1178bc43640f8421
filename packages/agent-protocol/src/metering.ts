/**
 * Metering samples (Ceilometer's polling, as Zenith does it): every agent
 * reads real counters of what it runs every `SAMPLE_INTERVAL_MS` and posts
 * them in batches to `AGENT_SAMPLES_PATH` with its host's credential. An
 * agent that cannot reach the control plane keeps them in a bounded buffer
 * and sends them later (oldest first, the oldest dropped when full).
 *
 * The control plane stores them per metric (Gnocchi's model: a resource has
 * metrics, a metric has measures) and accepts a sample only for a resource
 * that lives on the sending host: its own host resource, the instances it
 * runs, the volumes it holds, the routers and floating IPs it serves. A
 * compromised host cannot write another host's or project's series.
 *
 * Names and units follow Ceilometer's meters where one exists, so charts
 * built for a real Gnocchi read them unchanged.
 */
import { z } from "zod";

export const AGENT_SAMPLES_PATH = "/agent/v1/metering/samples";
export const SAMPLE_INTERVAL_MS = 10_000;
/** Per POST: a host of 500 guests sends ~5,500 samples per interval. */
export const MAX_SAMPLES_PER_BATCH = 20_000;

/** Gnocchi resource types this cloud meters. */
export const RESOURCE_TYPES = [
  "instance",
  "instance_disk",
  "instance_network_interface",
  "volume",
  "host",
  "router",
  "floating_ip",
] as const;
export const ZResourceType = z.enum(RESOURCE_TYPES);
export type ResourceType = z.infer<typeof ZResourceType>;

/**
 * How a metric reads: a `cumulative` counter only grows (a restart of what
 * it counts starts it again from 0; charts use its rate), a `gauge` is a
 * level at the sample's time.
 */
export type MetricKind = "cumulative" | "gauge";

export interface MetricDefinition {
  resourceType: ResourceType;
  unit: string;
  kind: MetricKind;
  description: string;
}

const instance = (unit: string, kind: MetricKind, description: string): MetricDefinition => ({
  resourceType: "instance",
  unit,
  kind,
  description,
});
const disk = (unit: string, description: string): MetricDefinition => ({
  resourceType: "instance_disk",
  unit,
  kind: "cumulative",
  description,
});
const nic = (unit: string, description: string): MetricDefinition => ({
  resourceType: "instance_network_interface",
  unit,
  kind: "cumulative",
  description,
});
const host = (unit: string, kind: MetricKind, description: string): MetricDefinition => ({
  resourceType: "host",
  unit,
  kind,
  description,
});

export const METRICS = {
  // An instance's QEMU process (Ceilometer's libvirt pollsters read the same).
  cpu: instance("ns", "cumulative", "CPU time of the guest's process (user + system)"),
  "memory.usage": instance(
    "MB",
    "gauge",
    "Memory the guest uses (balloon when it reports, else the process's RSS)",
  ),
  // Per disk (root disk, volumes), from QMP query-blockstats.
  "disk.device.read.bytes": disk("B", "Bytes read by the guest from the disk"),
  "disk.device.write.bytes": disk("B", "Bytes written by the guest to the disk"),
  "disk.device.read.requests": disk("request", "Read requests of the guest to the disk"),
  "disk.device.write.requests": disk("request", "Write requests of the guest to the disk"),
  // Per interface, from the tap device, in the guest's direction (what the tap sends, the guest receives).
  "network.incoming.bytes": nic("B", "Bytes the guest received"),
  "network.outgoing.bytes": nic("B", "Bytes the guest sent"),
  "network.incoming.packets": nic("packet", "Packets the guest received"),
  "network.outgoing.packets": nic("packet", "Packets the guest sent"),
  // Volumes, from the volume host.
  "volume.size": { resourceType: "volume", unit: "GB", kind: "gauge", description: "Size of the volume" },
  "volume.allocation": {
    resourceType: "volume",
    unit: "B",
    kind: "gauge",
    description: "Bytes the volume takes on its host's disk (thin provisioning)",
  },
  // Hosts: compute, network and volume agents each report what they see of theirs.
  "hardware.cpu.util": host("%", "gauge", "CPU use of the host over the last interval"),
  "hardware.memory.used": host("B", "gauge", "Memory in use on the host (total - available)"),
  "hardware.memory.total": host("B", "gauge", "Memory of the host"),
  "hardware.disk.size.used": host(
    "B",
    "gauge",
    "Bytes used on the file system of the agent's storage folder",
  ),
  "hardware.disk.size.total": host("B", "gauge", "Size of the file system of the agent's storage folder"),
  "compute.node.instances": host("instance", "gauge", "Guests running on the host"),
  "volume.provider.capacity.total": host("B", "gauge", "Space the volume host offers"),
  "volume.provider.capacity.allocated": host("B", "gauge", "Space the volume host's volumes take"),
  // Routers (the gateway interface of the router's namespace) and floating IPs (their NAT rules' counters).
  "router.incoming.bytes": {
    resourceType: "router",
    unit: "B",
    kind: "cumulative",
    description: "Bytes into the router from its external gateway",
  },
  "router.outgoing.bytes": {
    resourceType: "router",
    unit: "B",
    kind: "cumulative",
    description: "Bytes out of the router through its external gateway",
  },
  "ip.floating.incoming.bytes": {
    resourceType: "floating_ip",
    unit: "B",
    kind: "cumulative",
    description: "Bytes to the floating IP (DNAT to its port)",
  },
  "ip.floating.outgoing.bytes": {
    resourceType: "floating_ip",
    unit: "B",
    kind: "cumulative",
    description: "Bytes from the floating IP's port to the outside (SNAT)",
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as [MetricName, ...MetricName[]];
export const ZMetricName = z.enum(METRIC_NAMES);

/**
 * One reading. `subject` names the resource the agent knows: the server,
 * volume, router or floating IP id, or the host's name for `host`; `part`
 * is the disk (`vda`) or tap device (`tap1a2b…`) of an instance's
 * `instance_disk` / `instance_network_interface` resource, absent for the
 * other types. `at` is the agent's clock, Unix milliseconds.
 */
export const ZSample = z.strictObject({
  resource: ZResourceType,
  subject: z.string().min(1).max(255),
  part: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional(),
  metric: ZMetricName,
  value: z.number().finite(),
  at: z.int().positive(),
});
export type Sample = z.infer<typeof ZSample>;

export const ZSampleBatch = z.strictObject({
  /** The sending host; must be the credential's (a fleet credential may name any). */
  host: z.string().min(1).max(255),
  samples: z.array(ZSample).min(1).max(MAX_SAMPLES_PER_BATCH),
});
export type SampleBatch = z.infer<typeof ZSampleBatch>;

/** The control plane's answer: samples for resources not on the host (or gone) are counted, not stored. */
export const ZSampleBatchResult = z.object({
  accepted: z.int().nonnegative(),
  rejected: z.int().nonnegative(),
});
export type SampleBatchResult = z.infer<typeof ZSampleBatchResult>;
