import { z } from "zod";
import { ZLinks } from "./common.ts";

export const ZAvailabilityZone = z.object({
  zoneName: z.string(),
  zoneState: z.object({ available: z.boolean() }),
  hosts: z.record(z.string(), z.unknown()).nullish(),
});
export const ZAvailabilityZonesResponse = z.object({ availabilityZoneInfo: z.array(ZAvailabilityZone) });

/**
 * Hypervisor ids are UUID strings from 2.53, integers before. Capacity
 * fields were removed at 2.88, so they are optional.
 */
export const ZHypervisor = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  hypervisor_hostname: z.string(),
  hypervisor_type: z.string().optional(),
  hypervisor_version: z.number().optional(),
  host_ip: z.string().nullish(),
  state: z.string(),
  status: z.string(),
  vcpus: z.number().optional(),
  vcpus_used: z.number().optional(),
  memory_mb: z.number().optional(),
  memory_mb_used: z.number().optional(),
  local_gb: z.number().optional(),
  local_gb_used: z.number().optional(),
  running_vms: z.number().optional(),
  free_ram_mb: z.number().optional(),
  free_disk_gb: z.number().optional(),
  current_workload: z.number().optional(),
  service: z
    .object({
      id: z.union([z.string(), z.number()]).transform(String),
      host: z.string(),
      disabled_reason: z.string().nullish(),
    })
    .optional(),
});
export type Hypervisor = z.infer<typeof ZHypervisor>;
export const ZHypervisorsResponse = z.object({
  hypervisors: z.array(ZHypervisor),
  hypervisors_links: ZLinks.optional(),
});

export const ZComputeService = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  binary: z.string(),
  host: z.string(),
  zone: z.string().nullish(),
  status: z.string(),
  state: z.string(),
  disabled_reason: z.string().nullish(),
  updated_at: z.string().nullish(),
  forced_down: z.boolean().optional(),
});
export type ComputeService = z.infer<typeof ZComputeService>;
export const ZComputeServicesResponse = z.object({ services: z.array(ZComputeService) });
export const ZComputeServiceResponse = z.object({ service: ZComputeService });
