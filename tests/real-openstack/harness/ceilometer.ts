/**
 * What Ceilometer writes into Gnocchi, written here by hand: its archive
 * policies and resource types (ceilometer/gnocchi_client.py and
 * publisher/data/gnocchi_resources.yaml, Zed), instance resources named by
 * the server id, disks and interfaces named as its pollsters name them, and
 * measures posted in one batch (`POST /v1/batch/resources/metrics/measures`),
 * as its publisher does. Only what the portal reads.
 */

/** Ceilometer's policies: 5 minutes for 30 days; counters it rates get `rate:mean` too. */
export const CEILOMETER_ARCHIVE_POLICIES = [
  {
    name: "ceilometer-low",
    aggregation_methods: ["mean"],
    back_window: 0,
    definition: [{ granularity: "5 minutes", timespan: "30 days" }],
  },
  {
    name: "ceilometer-low-rate",
    aggregation_methods: ["mean", "rate:mean"],
    back_window: 0,
    definition: [{ granularity: "5 minutes", timespan: "30 days" }],
  },
] as const;

const str = (required: boolean) => ({ type: "string", min_length: 0, max_length: 255, required });
const uuid = { type: "uuid", required: true };

/** Ceilometer's resource types the portal reads (it creates them at its first start). */
export const CEILOMETER_RESOURCE_TYPES = [
  {
    name: "instance",
    attributes: {
      display_name: str(true),
      flavor_id: str(true),
      flavor_name: str(false),
      host: str(true),
      image_ref: str(false),
      server_group: str(false),
    },
  },
  { name: "instance_disk", attributes: { name: str(true), instance_id: uuid } },
  { name: "instance_network_interface", attributes: { name: str(true), instance_id: uuid } },
] as const;

/** Which archive policy each meter gets (gnocchi_resources.yaml) and its unit. */
export const METERS = {
  cpu: { policy: "ceilometer-low-rate", unit: "ns" },
  "memory.usage": { policy: "ceilometer-low", unit: "MB" },
  "disk.device.read.bytes": { policy: "ceilometer-low-rate", unit: "B" },
  "disk.device.write.bytes": { policy: "ceilometer-low-rate", unit: "B" },
  "network.incoming.bytes": { policy: "ceilometer-low-rate", unit: "B" },
  "network.outgoing.bytes": { policy: "ceilometer-low-rate", unit: "B" },
} as const;
export type Meter = keyof typeof METERS;

/** A guest's load: how much each counter grows per second, and its memory use. */
export interface GuestLoad {
  cpuNsPerS: number;
  memoryMb: number;
  diskReadBps: number;
  diskWriteBps: number;
  netInBps: number;
  netOutBps: number;
}

export interface SeededServer {
  id: string;
  name: string;
  projectId: string;
  userId: string;
  flavorId: string;
  imageRef: string;
  host: string;
  /** Ceilometer's resource ids: `<server id>-<disk>` and `<libvirt name>-<server id>-<tap>`. */
  disk: string;
  nic: string;
}

export class GnocchiWriter {
  constructor(
    /** The versioned root, `http://127.0.0.1:<port>/v1`. */
    private readonly v1: string,
    private readonly token: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.v1}${path}`, {
      method,
      headers: {
        "x-auth-token": this.token,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 600)}`);
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** Archive policies and resource types, as Ceilometer's `ceilometer-upgrade` creates them. */
  async createCeilometerSchema(): Promise<void> {
    for (const policy of CEILOMETER_ARCHIVE_POLICIES) await this.call("POST", "/archive_policy", policy);
    for (const type of CEILOMETER_RESOURCE_TYPES) await this.call("POST", "/resource_type", type);
  }

  /** The server's instance, disk and interface resources, each with its metrics. */
  async createResources(server: SeededServer): Promise<void> {
    const metrics = (names: Meter[]) =>
      Object.fromEntries(
        names.map((n) => [n, { archive_policy_name: METERS[n].policy, unit: METERS[n].unit }]),
      );
    const owner = { project_id: server.projectId, user_id: server.userId };
    await this.call("POST", "/resource/instance", {
      id: server.id,
      ...owner,
      display_name: server.name,
      flavor_id: server.flavorId,
      host: server.host,
      image_ref: server.imageRef,
      metrics: metrics(["cpu", "memory.usage"]),
    });
    await this.call("POST", "/resource/instance_disk", {
      id: server.disk,
      ...owner,
      name: "vda",
      instance_id: server.id,
      metrics: metrics(["disk.device.read.bytes", "disk.device.write.bytes"]),
    });
    await this.call("POST", "/resource/instance_network_interface", {
      id: server.nic,
      ...owner,
      name: server.nic.slice(server.nic.lastIndexOf("-tap") + 1),
      instance_id: server.id,
      metrics: metrics(["network.incoming.bytes", "network.outgoing.bytes"]),
    });
  }

  /**
   * Samples every `everyS` seconds from `from` to `to` (Unix ms), counters
   * growing at the load's rates from 0 at `from`, in one batch per call;
   * only those after `after` (to continue a series).
   */
  async postSamples(
    server: SeededServer,
    load: GuestLoad,
    from: number,
    to: number,
    everyS: number,
    after = Number.NEGATIVE_INFINITY,
  ) {
    const times: number[] = [];
    for (let t = from; t <= to; t += everyS * 1000) if (t > after) times.push(t);
    const series = (perS: number, cumulative: boolean) =>
      times.map((t) => ({
        timestamp: new Date(t).toISOString(),
        value: cumulative ? Math.round(((t - from) / 1000) * perS) : perS,
      }));
    const entry = (meter: Meter, measures: { timestamp: string; value: number }[]) => ({
      archive_policy_name: METERS[meter].policy,
      unit: METERS[meter].unit,
      measures,
    });
    await this.call("POST", "/batch/resources/metrics/measures?create_metrics=true", {
      [server.id]: {
        cpu: entry("cpu", series(load.cpuNsPerS, true)),
        "memory.usage": entry("memory.usage", series(load.memoryMb, false)),
      },
      [server.disk]: {
        "disk.device.read.bytes": entry("disk.device.read.bytes", series(load.diskReadBps, true)),
        "disk.device.write.bytes": entry("disk.device.write.bytes", series(load.diskWriteBps, true)),
      },
      [server.nic]: {
        "network.incoming.bytes": entry("network.incoming.bytes", series(load.netInBps, true)),
        "network.outgoing.bytes": entry("network.outgoing.bytes", series(load.netOutBps, true)),
      },
    });
  }
}
