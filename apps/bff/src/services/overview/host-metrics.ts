import type { GnocchiClient, MetricService, Resource } from "@zenith/api-client/gnocchi";
import type { Logger } from "@zenith/core/logger";

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

const FIELDS = {
  "hardware.cpu.util": "cpuPercent",
  "hardware.memory.used": "memoryUsedBytes",
  "hardware.memory.total": "memoryTotalBytes",
  "hardware.disk.size.used": "diskUsedBytes",
  "hardware.disk.size.total": "diskTotalBytes",
} as const satisfies Record<string, keyof HostUse>;
export const HOST_METRICS = Object.keys(FIELDS) as (keyof typeof FIELDS)[];

/** How far back a measure still counts as "now": a few sampling intervals. */
const RECENT_MS = 5 * 60_000;
/** Hosts the overview reads at once (each costs one call per metric). */
const MAX_HOSTS = 200;

/**
 * The newest measure: without a granularity Gnocchi answers every archive
 * (1 h, 1 min, 10 s) in one list, so take the latest timestamp and, for a
 * tie, the finest granularity.
 */
async function latest(client: GnocchiClient, metricId: string, since: Date): Promise<number | null> {
  const measures = await client.metrics.measures(metricId, { start: since });
  let best: { at: number; granularity: number; value: number } | null = null;
  for (const m of measures) {
    if (m.value === null) continue;
    if (!best || m.at > best.at || (m.at === best.at && m.granularity < best.granularity)) {
      best = { at: m.at, granularity: m.granularity, value: m.value };
    }
  }
  return best?.value ?? null;
}

async function hostUse(client: GnocchiClient, resource: Resource, since: Date): Promise<HostUse> {
  const use: HostUse = {
    cpuPercent: null,
    memoryUsedBytes: null,
    memoryTotalBytes: null,
    diskUsedBytes: null,
    diskTotalBytes: null,
  };
  await Promise.all(
    HOST_METRICS.map(async (name) => {
      const id = resource.metrics[name];
      // A metric without measures yet (404) reads as unknown, not as a failed host.
      if (id) use[FIELDS[name]] = await latest(client, id, since).catch(() => null);
    }),
  );
  return use;
}

/**
 * Real use per host name from the metric service's `host` resources (their
 * `original_resource_id` is the host name; the id is a UUIDv5 of it), the
 * latest measure of each of HOST_METRICS within the last few minutes; null
 * where the cloud has no metric service. A host the service does not know,
 * or whose reading fails, is simply absent: allocation still shows.
 */
export async function hostMetrics(
  service: MetricService,
  hostnames: readonly string[],
  now = Date.now(),
  log?: Logger,
): Promise<Map<string, HostUse> | null> {
  if (!service.available) return null;
  const out = new Map<string, HostUse>();
  const names = hostnames.slice(0, MAX_HOSTS);
  if (names.length === 0) return out;
  const since = new Date(now - RECENT_MS);
  let resources: Resource[];
  try {
    resources = await service.client.resources.searchAll("host", { in: { original_resource_id: names } });
  } catch (err) {
    log?.warn({ err }, "metric service: host resources unreadable; hypervisors show allocation only");
    return out;
  }
  await Promise.all(
    resources.map(async (r) => {
      const name = r.original_resource_id;
      if (!name) return;
      try {
        out.set(name, await hostUse(service.client, r, since));
      } catch (err) {
        // One host's failed reading leaves its row on allocation only.
        log?.warn({ err, host: name }, "metric service: host measures unreadable");
      }
    }),
  );
  return out;
}
