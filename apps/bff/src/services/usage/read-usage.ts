import type { ServerUsage } from "@zenith/api-client/nova";
import type { Cloud } from "../cloud/clients.ts";
import type { InstanceUsage } from "./usage-report.ts";
import type { UsageWindow } from "./usage-window.ts";

/** Nova prints usage times without a zone; they are UTC. */
export function parseNovaTime(text: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

export function toInstanceUsage(s: ServerUsage): InstanceUsage {
  const ended = s.ended_at ? parseNovaTime(s.ended_at) : null;
  return {
    instanceId: s.instance_id,
    name: s.name,
    projectId: s.tenant_id,
    flavor: s.flavor ?? null,
    vcpus: s.vcpus,
    memoryMb: s.memory_mb,
    localGb: s.local_gb,
    hours: s.hours,
    startedAt: parseNovaTime(s.started_at),
    endedAt: ended !== null && Number.isNaN(ended) ? null : ended,
  };
}

/** One project's instances in the window (`os-simple-tenant-usage/{project}`, every page). */
export async function projectInstances(
  cloud: Cloud,
  projectId: string,
  window: UsageWindow,
): Promise<InstanceUsage[]> {
  if (window.end <= window.start) return [];
  const nova = await cloud.nova();
  const usage = await nova.quotas.usage(projectId, new Date(window.start), new Date(window.end));
  return (usage.server_usages ?? []).map(toInstanceUsage);
}

/** Every project's instances in the window (admin; `detailed=1`, every page). */
export async function allInstances(cloud: Cloud, window: UsageWindow): Promise<InstanceUsage[]> {
  if (window.end <= window.start) return [];
  const nova = await cloud.nova();
  const tenants = await nova.quotas.usageAll(new Date(window.start), new Date(window.end), true);
  return tenants.flatMap((t) => (t.server_usages ?? []).map(toInstanceUsage));
}
