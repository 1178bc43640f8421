import { isHostUp } from "../../services/compute/host-liveness.ts";
import { COMPUTE_BINARY, type HostRow, type HostServer } from "../../services/compute/hosts.ts";
import { atLeast, type Microversion } from "./microversion.ts";
import { novaTime } from "./render-common.ts";

/**
 * Services and hypervisors are two views of one `ComputeHost` row. Ids are
 * the row's uuid at every microversion (upstream uses integers below 2.53;
 * clients treat ids as opaque).
 */

function state(h: HostRow, now: Date): "up" | "down" {
  return isHostUp(h, now) ? "up" : "down";
}

function status(h: HostRow): "enabled" | "disabled" {
  return h.disabled ? "disabled" : "enabled";
}

export function renderService(h: HostRow, mv: Microversion, now = new Date()) {
  return {
    id: h.id,
    binary: COMPUTE_BINARY,
    disabled_reason: h.disabledReason,
    host: h.host,
    state: state(h, now),
    status: status(h),
    // Nova's service row is touched by every heartbeat.
    updated_at: novaTime(h.lastHeartbeat ?? h.updatedAt),
    ...(atLeast(mv, 2, 11) ? { forced_down: h.forcedDown } : {}),
    zone: h.availabilityZone,
  };
}

export function renderHypervisorSummary(h: HostRow, servers: HostServer[] | undefined, now = new Date()) {
  return {
    hypervisor_hostname: h.hypervisorHostname,
    id: h.id,
    state: state(h, now),
    status: status(h),
    ...(servers && servers.length > 0 ? { servers } : {}),
  };
}

/** The detail view (≤ 2.87 shape); `cpu_info` is a JSON string below 2.28, an object from 2.28. */
export function renderHypervisor(
  h: HostRow,
  mv: Microversion,
  extra: { servers?: HostServer[] | undefined; workload: number },
  now = new Date(),
) {
  const freeDisk = h.localGb - h.localGbUsed;
  return {
    cpu_info: atLeast(mv, 2, 28) ? h.cpuInfo : JSON.stringify(h.cpuInfo),
    current_workload: extra.workload,
    status: status(h),
    state: state(h, now),
    ...(extra.servers && extra.servers.length > 0 ? { servers: extra.servers } : {}),
    disk_available_least: freeDisk,
    host_ip: h.hostIp,
    free_disk_gb: freeDisk,
    free_ram_mb: h.memoryMb - h.memoryMbUsed,
    hypervisor_hostname: h.hypervisorHostname,
    hypervisor_type: h.hypervisorType,
    hypervisor_version: h.hypervisorVersion,
    id: h.id,
    local_gb: h.localGb,
    local_gb_used: h.localGbUsed,
    memory_mb: h.memoryMb,
    memory_mb_used: h.memoryMbUsed,
    running_vms: h.runningVms,
    service: { host: h.host, id: h.id, disabled_reason: h.disabledReason },
    vcpus: h.vcpus,
    vcpus_used: h.vcpusUsed,
  };
}

/** Sums over the hypervisors of enabled services, as Nova's `compute_node_statistics`. */
export function renderHypervisorStatistics(hosts: HostRow[], workloads: Map<string, number>) {
  const sum = (f: (h: HostRow) => number) => hosts.reduce((n, h) => n + f(h), 0);
  return {
    count: hosts.length,
    current_workload: sum((h) => workloads.get(h.id) ?? 0),
    disk_available_least: sum((h) => h.localGb - h.localGbUsed),
    free_disk_gb: sum((h) => h.localGb - h.localGbUsed),
    free_ram_mb: sum((h) => h.memoryMb - h.memoryMbUsed),
    local_gb: sum((h) => h.localGb),
    local_gb_used: sum((h) => h.localGbUsed),
    memory_mb: sum((h) => h.memoryMb),
    memory_mb_used: sum((h) => h.memoryMbUsed),
    running_vms: sum((h) => h.runningVms),
    vcpus: sum((h) => h.vcpus),
    vcpus_used: sum((h) => h.vcpusUsed),
  };
}
