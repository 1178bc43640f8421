import { isHostUp } from "../host-liveness.ts";
import type { ResourceRequest } from "./resources.ts";

/** The ComputeHost columns the filters and weighers read. */
export interface HostState {
  id: string;
  host: string;
  availabilityZone: string;
  disabled: boolean;
  forcedDown: boolean;
  lastHeartbeat: Date | null;
  vcpus: number;
  memoryMb: number;
  localGb: number;
  vcpusUsed: number;
  memoryMbUsed: number;
  localGbUsed: number;
  cpuAllocationRatio: number;
  ramAllocationRatio: number;
  diskAllocationRatio: number;
  /** "fake", "QEMU", "KVM": what the host's driver reported. */
  hypervisorType: string;
}

export interface PlacementRequest {
  resources: ResourceRequest;
  /** Requested zone; null means any. */
  availabilityZone: string | null;
  /** The image's `hypervisor_type` property, lower-cased; null: any hypervisor. */
  hypervisorType: string | null;
  /** Hosts already tried for this instance (reschedules never go back). */
  excludeHostIds: readonly string[];
}

/** ComputeFilter: the nova-compute service is enabled and up. */
export function computeFilter(host: HostState, now: Date): boolean {
  return !host.disabled && isHostUp(host, now);
}

/** AvailabilityZoneFilter. */
export function availabilityZoneFilter(host: HostState, req: PlacementRequest): boolean {
  return req.availabilityZone === null || host.availabilityZone === req.availabilityZone;
}

/**
 * RAM, vCPU and disk filters: what is claimed plus the request must fit the
 * capacity times the allocation ratio. The same inequality guards the
 * atomic claim; this early check only avoids hopeless claim attempts.
 */
export function resourceFilter(host: HostState, req: PlacementRequest): boolean {
  const r = req.resources;
  return (
    host.vcpusUsed + r.vcpus <= host.vcpus * host.cpuAllocationRatio &&
    host.memoryMbUsed + r.memoryMb <= host.memoryMb * host.ramAllocationRatio &&
    host.localGbUsed + r.diskGb <= host.localGb * host.diskAllocationRatio
  );
}

/**
 * ImagePropertiesFilter, for `hypervisor_type`: an image made for one
 * hypervisor lands only on hosts running it (a KVM host also runs `qemu`
 * images, as upstream's libvirt driver reports both).
 */
export function imagePropertiesFilter(host: HostState, req: PlacementRequest): boolean {
  if (req.hypervisorType === null) return true;
  const type = host.hypervisorType.toLowerCase();
  return type === req.hypervisorType || (req.hypervisorType === "qemu" && type === "kvm");
}

export function passesFilters(host: HostState, req: PlacementRequest, now: Date): boolean {
  return (
    !req.excludeHostIds.includes(host.id) &&
    computeFilter(host, now) &&
    availabilityZoneFilter(host, req) &&
    imagePropertiesFilter(host, req) &&
    resourceFilter(host, req)
  );
}
