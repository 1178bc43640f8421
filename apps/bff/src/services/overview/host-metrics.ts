import type { Cloud } from "../cloud/clients.ts";

/** What a hypervisor really uses, from the metric service's `host` resource (latest measures). */
export interface HostUse {
  /** `hardware.cpu.util`, percent. */
  cpuPercent: number | null;
  /** `hardware.memory.used` / `.total`, bytes. */
  memoryUsedBytes: number | null;
  memoryTotalBytes: number | null;
  /** `hardware.disk.size.used` / `.total`, bytes. */
  diskUsedBytes: number | null;
  diskTotalBytes: number | null;
}

export const HOST_METRICS = [
  "hardware.cpu.util",
  "hardware.memory.used",
  "hardware.memory.total",
  "hardware.disk.size.used",
  "hardware.disk.size.total",
] as const;

/**
 * Real use per host name, or null where the cloud has no metric service.
 *
 * SEAM (issue 12): the Gnocchi client `@zenith/api-client/gnocchi` comes
 * from branch h-mtab. Once it is on main this reads, in one call, the
 * `host` resources (`POST /metric/v1/search/resource/host`, their
 * `original_resource_id` is the host name) and the latest measure of each
 * of HOST_METRICS (`POST /metric/v1/aggregates` over the last few minutes,
 * or per metric `.../measures?start=now-5min`), and returns null when the
 * catalog has no `metric` entry. Until then the admin overview shows
 * allocation only and says real use needs the metric service.
 */
export async function hostMetrics(
  _cloud: Cloud,
  _hostnames: readonly string[],
): Promise<Map<string, HostUse> | null> {
  return null;
}
