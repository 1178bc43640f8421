/**
 * What a driver reads for metering: the raw counters of every guest it runs
 * and the host's usage now. Cumulative counters count since the guest's
 * process (or device) started and only grow until it restarts; the agent
 * turns them into samples (`../metering.ts`) and the control plane derives
 * rates. Never sent as they are: only as `Sample`s, so no zod schema here.
 */
import type { PowerState } from "./schemas.ts";

/** One virtio disk of a guest, as QMP `query-blockstats` counts it. */
export interface DiskCounters {
  /** The guest's device name without `/dev/`: `vda` (root disk or boot volume), `vdb`, … */
  device: string;
  readBytes: number;
  writeBytes: number;
  readRequests: number;
  writeRequests: number;
}

/** One NIC, in the GUEST's direction: what its tap sends, the guest receives. */
export interface NicCounters {
  /** The host's tap device (the `instance_network_interface` part). */
  tap: string;
  incomingBytes: number;
  outgoingBytes: number;
  incomingPackets: number;
  outgoingPackets: number;
}

/** A guest whose process exists (running, paused or crashed); shut-down and suspended guests have none. */
export interface InstanceCounters {
  uuid: string;
  powerState: PowerState;
  vcpus: number;
  /** CPU time of the guest's process (all threads, user + system), ns. Does not advance while paused. */
  cpuNs: number;
  /** Memory the guest uses, MB; undefined when the driver cannot tell. */
  memoryMb: number | undefined;
  disks: DiskCounters[];
  nics: NicCounters[];
}

/** The host as it is used now (not its totals: `hostResources`). */
export interface HostUsage {
  /** CPU use of the whole host over the time since the previous reading, 0–100; undefined when there is none yet. */
  cpuUtilPercent: number | undefined;
  memoryTotalBytes: number;
  /** Total minus available (what the kernel could not hand out without swapping). */
  memoryUsedBytes: number;
  /** The file system holding the driver's storage folder. */
  diskTotalBytes: number;
  diskUsedBytes: number;
  /** Guests in RUNNING. */
  runningInstances: number;
}
