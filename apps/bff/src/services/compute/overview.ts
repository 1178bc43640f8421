import type { ServerUsage } from "@zenith/api-client/nova";
import { ZenithError } from "@zenith/core/errors";
import { type NetworkQuotaUsage, usageFromDetails } from "../admin/network-quotas.ts";
import type { Cloud } from "../cloud/clients.ts";
import { volumeUsage } from "../volume/quota.ts";
import { quotaFromLimits } from "./quota.ts";

const DAY_MS = 86_400_000;
export const USAGE_DAYS = 14;

export interface UsageDay {
  date: string;
  vcpuHours: number;
  ramMbHours: number;
  diskGbHours: number;
  instances: number;
}

/**
 * Per-day usage from one `os-simple-tenant-usage` call over the whole
 * window: each server's lifetime is cut into the days it overlaps (UTC),
 * instead of one call per day.
 */
export function usageByDay(servers: ServerUsage[], end: Date, days = USAGE_DAYS): UsageDay[] {
  const lastStart = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  const out: UsageDay[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const dayStart = lastStart - i * DAY_MS;
    const dayEnd = Math.min(dayStart + DAY_MS, end.getTime());
    const day: UsageDay = {
      date: new Date(dayStart).toISOString().slice(0, 10),
      vcpuHours: 0,
      ramMbHours: 0,
      diskGbHours: 0,
      instances: 0,
    };
    for (const s of servers) {
      const started = parseNaiveUtc(s.started_at);
      const ended = s.ended_at ? parseNaiveUtc(s.ended_at) : end.getTime();
      const hours = Math.max(0, Math.min(ended, dayEnd) - Math.max(started, dayStart)) / 3_600_000;
      if (hours <= 0) continue;
      day.instances += 1;
      day.vcpuHours += hours * s.vcpus;
      day.ramMbHours += hours * s.memory_mb;
      day.diskGbHours += hours * s.local_gb;
    }
    day.vcpuHours = round(day.vcpuHours);
    day.ramMbHours = round(day.ramMbHours);
    day.diskGbHours = round(day.diskGbHours);
    out.push(day);
  }
  return out;
}

/** Nova prints usage times without a zone; they are UTC. */
function parseNaiveUtc(text: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The project's network quota use (`/quotas/{project}/details`), or null
 * when the cloud has no network service in its catalog: the compute
 * overview still renders on a cloud without Neutron.
 */
export async function networkUsage(cloud: Cloud, projectId: string): Promise<NetworkQuotaUsage | null> {
  let neutron: Awaited<ReturnType<Cloud["neutron"]>>;
  try {
    neutron = await cloud.neutron();
  } catch (err) {
    if (err instanceof ZenithError && err.code === "SERVICE_UNAVAILABLE") return null;
    throw err;
  }
  return usageFromDetails(await neutron.quotas.details(projectId));
}

export async function computeOverview(cloud: Cloud, projectId: string, now = new Date()) {
  const nova = await cloud.nova();
  const start = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (USAGE_DAYS - 1) * DAY_MS,
  );
  const [limits, keyPairs, usage, network, volume] = await Promise.all([
    nova.quotas.limits(),
    nova.keyPairs.list(),
    nova.quotas.usage(projectId, start, now),
    networkUsage(cloud, projectId),
    volumeUsage(cloud, projectId),
  ]);
  return {
    quota: quotaFromLimits(limits, keyPairs.length),
    network,
    volume,
    usage: { days: usageByDay(usage.server_usages ?? [], now) },
  };
}
