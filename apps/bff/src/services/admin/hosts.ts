import type { Cloud } from "../cloud/clients.ts";

export async function listHypervisors(cloud: Cloud) {
  const hypervisors = await (await cloud.nova()).hosts.hypervisors();
  return hypervisors
    .map((h) => ({
      id: h.id,
      hostname: h.hypervisor_hostname,
      type: h.hypervisor_type ?? null,
      state: h.state,
      status: h.status,
      // Capacity left the API at 2.88 (placement owns it); this client asks for 2.79.
      vcpus: h.vcpus ?? null,
      vcpusUsed: h.vcpus_used ?? null,
      memoryMb: h.memory_mb ?? null,
      memoryMbUsed: h.memory_mb_used ?? null,
      localGb: h.local_gb ?? null,
      localGbUsed: h.local_gb_used ?? null,
      runningVms: h.running_vms ?? null,
    }))
    .sort((a, b) => a.hostname.localeCompare(b.hostname));
}

export async function listComputeServices(cloud: Cloud) {
  const services = await (await cloud.nova()).hosts.services();
  return services
    .map((s) => ({
      id: s.id,
      host: s.host,
      binary: s.binary,
      zone: s.zone ?? null,
      status: s.status,
      state: s.state,
      disabledReason: s.disabled_reason ?? null,
      updatedAt: s.updated_at ?? null,
    }))
    .sort((a, b) => a.host.localeCompare(b.host) || a.binary.localeCompare(b.binary));
}

export async function setServiceEnabled(
  cloud: Cloud,
  input: { id: string; enabled: boolean; reason?: string | undefined },
) {
  const s = await (await cloud.nova()).hosts.updateService(input.id, {
    status: input.enabled ? "enabled" : "disabled",
    disabledReason: input.reason,
  });
  return {
    id: s.id,
    host: s.host,
    binary: s.binary,
    zone: s.zone ?? null,
    status: s.status,
    state: s.state,
    disabledReason: s.disabled_reason ?? null,
    updatedAt: s.updated_at ?? null,
  };
}
