import type { PrismaClient } from "@zenith/db/client";
import type { ComputeHost, Instance } from "@zenith/db/generated";
import { type Jsonified, selectList, utc, utcOrNull } from "../../json-rows.ts";
import type { InstanceWithHost } from "./lookup.ts";

const INSTANCE_COLUMNS = {
  id: "id",
  name: "name",
  projectId: "project_id",
  userId: "user_id",
  hostId: "host_id",
  availabilityZone: "availability_zone",
  reservationId: "reservation_id",
  launchIndex: "launch_index",
  flavorId: "flavor_id",
  flavor: "flavor",
  oldFlavor: "old_flavor",
  imageId: "image_id",
  keyName: "key_name",
  keyData: "key_data",
  userData: "user_data",
  metadata: "metadata",
  hostname: "hostname",
  vmState: "vm_state",
  taskState: "task_state",
  powerState: "power_state",
  locked: "locked",
  lockedReason: "locked_reason",
  lockedBy: "locked_by",
  fault: "fault",
  progress: "progress",
  accessIpV4: "access_ip_v4",
  accessIpV6: "access_ip_v6",
  configDrive: "config_drive",
  description: "description",
  desiredPower: "desired_power",
  generation: "generation",
  rebootSeq: "reboot_seq",
  rebootType: "reboot_type",
  rebuildSeq: "rebuild_seq",
  resizeSeq: "resize_seq",
  scheduleAttempts: "schedule_attempts",
  triedHosts: "tried_hosts",
  launchedAt: "launched_at",
  terminatedAt: "terminated_at",
  createdAt: "created_at",
  updatedAt: "updated_at",
  deletedAt: "deleted_at",
  requestedNetworks: "requested_networks",
  spawnedAt: "spawned_at",
} as const satisfies Record<keyof Instance, string>;

const HOST_COLUMNS = {
  id: "id",
  host: "host",
  availabilityZone: "availability_zone",
  disabled: "disabled",
  disabledReason: "disabled_reason",
  forcedDown: "forced_down",
  lastHeartbeat: "last_heartbeat",
  hypervisorType: "hypervisor_type",
  hypervisorVersion: "hypervisor_version",
  hypervisorHostname: "hypervisor_hostname",
  hostIp: "host_ip",
  vcpus: "vcpus",
  memoryMb: "memory_mb",
  localGb: "local_gb",
  cpuInfo: "cpu_info",
  cpuAllocationRatio: "cpu_allocation_ratio",
  ramAllocationRatio: "ram_allocation_ratio",
  diskAllocationRatio: "disk_allocation_ratio",
  vcpusUsed: "vcpus_used",
  memoryMbUsed: "memory_mb_used",
  localGbUsed: "local_gb_used",
  runningVms: "running_vms",
  version: "version",
  createdAt: "created_at",
  updatedAt: "updated_at",
} as const satisfies Record<keyof ComputeHost, string>;

type InstanceJson = Jsonified<Instance> & { host: Jsonified<ComputeHost> | null };

function toHost(h: Jsonified<ComputeHost>): ComputeHost {
  return {
    ...h,
    lastHeartbeat: utcOrNull(h.lastHeartbeat),
    createdAt: utc(h.createdAt),
    updatedAt: utc(h.updatedAt),
  };
}

function toInstance(j: InstanceJson): InstanceWithHost {
  return {
    ...j,
    launchedAt: utcOrNull(j.launchedAt),
    terminatedAt: utcOrNull(j.terminatedAt),
    createdAt: utc(j.createdAt),
    updatedAt: utc(j.updatedAt),
    deletedAt: utcOrNull(j.deletedAt),
    spawnedAt: utcOrNull(j.spawnedAt),
    host: j.host === null ? null : toHost(j.host),
  };
}

/**
 * The instances with these ids and their hosts, as `findMany({ include:
 * { host: true } })` would give them, in one query (see json-rows.ts);
 * unordered: the caller orders.
 */
export async function instancesWithHost(
  prisma: PrismaClient,
  ids: readonly string[],
): Promise<InstanceWithHost[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.$queryRaw<Array<{ doc: InstanceJson[] }>>`
    SELECT coalesce(json_agg(x), '[]'::json) AS doc FROM (
      SELECT ${selectList(INSTANCE_COLUMNS, "i")},
        (SELECT row_to_json(h) FROM (
          SELECT ${selectList(HOST_COLUMNS, "c")} FROM compute_host c WHERE c.id = i.host_id
        ) h) AS "host"
      FROM instance i WHERE i.id IN (SELECT unnest(${[...ids]}::text[]))
    ) x`;
  return (rows[0]?.doc ?? []).map(toInstance);
}
