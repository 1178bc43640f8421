import type { ServerUsage, TenantUsage } from "../../services/compute/usage.ts";
import { novaTime } from "./render-common.ts";

export function renderServerUsage(s: ServerUsage) {
  return {
    ended_at: novaTime(s.endedAt),
    flavor: s.flavor,
    hours: s.hours,
    instance_id: s.instanceId,
    local_gb: s.localGb,
    memory_mb: s.memoryMb,
    name: s.name,
    started_at: novaTime(s.startedAt),
    state: s.state,
    tenant_id: s.tenantId,
    uptime: s.uptimeS,
    vcpus: s.vcpus,
  };
}

/** A tenant's totals; `server_usages` only in detailed views (always for `show`). */
export function renderTenantUsage(t: TenantUsage, detailed: boolean) {
  return {
    ...(detailed ? { server_usages: t.servers.map(renderServerUsage) } : {}),
    start: novaTime(t.window.start),
    stop: novaTime(t.window.stop),
    tenant_id: t.tenantId,
    total_hours: t.totalHours,
    total_local_gb_usage: t.totalLocalGbUsage,
    total_memory_mb_usage: t.totalMemoryMbUsage,
    total_vcpus_usage: t.totalVcpusUsage,
  };
}
