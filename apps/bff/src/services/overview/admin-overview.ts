import type { Logger } from "@zenith/core/logger";
import type { Cloud } from "../cloud/clients.ts";
import { type HostUse, hostMetrics } from "./host-metrics.ts";
import { unlessMissing } from "./optional-service.ts";

export interface Health {
  up: number;
  down: number;
  /** Up or down, but taken out of service by an admin. */
  disabled: number;
}

export interface HypervisorUse {
  id: string;
  hostname: string;
  state: string;
  status: string;
  runningVms: number | null;
  /** Allocation (what instances were given) against capacity, as Nova reports them; null where it does not (2.88+). */
  vcpus: { used: number; total: number } | null;
  memoryMb: { used: number; total: number } | null;
  diskGb: { used: number; total: number } | null;
  /** Real use from the metric service, or null when it has no data for this host. */
  measured: HostUse | null;
}

const pair = (used: number | undefined, total: number | undefined) =>
  used === undefined || total === undefined ? null : { used, total };

function count<T>(items: readonly T[], up: (t: T) => boolean, disabled: (t: T) => boolean): Health {
  const h: Health = { up: 0, down: 0, disabled: 0 };
  for (const i of items) {
    if (up(i)) h.up += 1;
    else h.down += 1;
    if (disabled(i)) h.disabled += 1;
  }
  return h;
}

/**
 * Nova's server statuses a listing can show (DELETED only lists deleted
 * servers, which the overview does not count).
 */
const SERVER_STATUSES = [
  "ACTIVE",
  "BUILD",
  "ERROR",
  "HARD_REBOOT",
  "MIGRATING",
  "PASSWORD",
  "PAUSED",
  "REBOOT",
  "REBUILD",
  "RESCUE",
  "RESIZE",
  "REVERT_RESIZE",
  "SHELVED",
  "SHELVED_OFFLOADED",
  "SHUTOFF",
  "SOFT_DELETED",
  "SUSPENDED",
  "UNKNOWN",
  "VERIFY_RESIZE",
] as const;

/**
 * Instances of every project by status (ACTIVE, SHUTOFF, ERROR…), most
 * first. Zenith's control plane counts them in one call; on another cloud,
 * one summary listing (ids only, no details) per status, in parallel:
 * listing every server's details cost seconds at thousands of instances,
 * Nova has no count, and the summary is its cheapest listing.
 */
/** What counting needs of a cloud (a `Cloud` is one). */
export interface CountingCloud {
  changes(): Promise<{ serverCounts(): Promise<Array<{ status: string; count: number }>> } | null>;
  nova(): Promise<{
    servers: { listAll(filter: { allTenants: boolean; status: string }): Promise<unknown[]> };
  }>;
}

export async function instancesByState(cloud: CountingCloud) {
  const counts = await countByState(cloud);
  return counts
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || a.state.localeCompare(b.state));
}

async function countByState(cloud: CountingCloud): Promise<Array<{ state: string; count: number }>> {
  const zenith = await cloud.changes();
  if (zenith) return (await zenith.serverCounts()).map((c) => ({ state: c.status, count: c.count }));
  const nova = await cloud.nova();
  return Promise.all(
    SERVER_STATUSES.map(async (state) => ({
      state,
      count: (await nova.servers.listAll({ allTenants: true, status: state })).length,
    })),
  );
}

/**
 * What the admin overview shows about the cloud's hosts and services, in
 * one round of parallel calls: hypervisors (allocation, and real use where
 * the metric service has it), instances by state, and the health of the
 * compute services, network agents and volume services. A service the
 * cloud lacks is null, not an error.
 */
export async function adminOverview(cloud: Cloud, log?: Logger) {
  const nova = await cloud.nova();
  const [hypervisors, states, compute, network, volume, metric] = await Promise.all([
    nova.hosts.hypervisors(),
    instancesByState(cloud),
    nova.hosts.services(),
    unlessMissing(async () => (await cloud.neutron()).agents.listAll()),
    unlessMissing(async () => (await cloud.cinder()).services.list()),
    cloud.metric(),
  ]);
  const measured = await hostMetrics(
    metric,
    hypervisors.map((h) => h.hypervisor_hostname),
    Date.now(),
    log,
  );
  const hosts: HypervisorUse[] = hypervisors
    .map((h) => ({
      id: h.id,
      hostname: h.hypervisor_hostname,
      state: h.state,
      status: h.status,
      runningVms: h.running_vms ?? null,
      vcpus: pair(h.vcpus_used, h.vcpus),
      memoryMb: pair(h.memory_mb_used, h.memory_mb),
      diskGb: pair(h.local_gb_used, h.local_gb),
      measured: measured?.get(h.hypervisor_hostname) ?? null,
    }))
    .sort((a, b) => a.hostname.localeCompare(b.hostname));
  return {
    hypervisors: hosts,
    /** False where the cloud has no metric service: the page says real use is not available. */
    metricsAvailable: measured !== null,
    instancesByState: states,
    health: {
      compute: count(
        compute,
        (s) => s.state === "up",
        (s) => s.status === "disabled",
      ),
      network: network
        ? count(
            network,
            (a) => a.alive,
            (a) => !a.admin_state_up,
          )
        : null,
      volume: volume
        ? count(
            volume,
            (s) => s.state === "up",
            (s) => s.status === "disabled",
          )
        : null,
    },
  };
}
