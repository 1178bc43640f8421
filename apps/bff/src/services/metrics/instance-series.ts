import type { GnocchiClient } from "@zenith/api-client/gnocchi";
import type { Cloud } from "../cloud/clients.ts";
import { getInstance } from "../compute/instance-ops.ts";
import type { Scope } from "../compute/list-instances.ts";
import { readMeasures } from "./measures-read.ts";
import { type MetricRange, RANGE_SPECS } from "./ranges.ts";
import {
  asIs,
  cpuPercent,
  type Point,
  perSecond,
  pointsOf,
  sumByTime,
  type ValueMap,
} from "./series-math.ts";

/** The series of an instance's Metrics tab, each in the unit the chart shows. */
export const SERIES_KEYS = ["cpu", "memory", "diskRead", "diskWrite", "netIn", "netOut"] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];
export type SeriesSet = Record<SeriesKey, Point[]>;

/** Units of each series, as the portal labels them. */
export const SERIES_UNITS: Record<SeriesKey, "%" | "MB" | "B/s"> = {
  cpu: "%",
  memory: "MB",
  diskRead: "B/s",
  diskWrite: "B/s",
  netIn: "B/s",
  netOut: "B/s",
};

/**
 * What reading one server's series needs, found once per view (a live
 * stream refreshes `disks` and `nics` now and then: volumes and interfaces
 * come and go).
 */
export interface InstanceSource {
  gnocchi: GnocchiClient;
  serverId: string;
  vcpus: number;
  granularity: number;
  /** Resource ids of its `instance_disk` and `instance_network_interface` resources. */
  disks: string[];
  nics: string[];
}

/** Ceilometer's meters (the names Zenith's agents use too) behind each series. */
interface SeriesPlan {
  type: "instance" | "instance_disk" | "instance_network_interface";
  metric: string;
  aggregation: "mean" | "rate:mean";
  map: (source: InstanceSource) => ValueMap;
}

const PLANS: Record<SeriesKey, SeriesPlan> = {
  cpu: { type: "instance", metric: "cpu", aggregation: "rate:mean", map: (s) => cpuPercent(s.vcpus) },
  memory: { type: "instance", metric: "memory.usage", aggregation: "mean", map: () => asIs },
  diskRead: {
    type: "instance_disk",
    metric: "disk.device.read.bytes",
    aggregation: "rate:mean",
    map: () => perSecond,
  },
  diskWrite: {
    type: "instance_disk",
    metric: "disk.device.write.bytes",
    aggregation: "rate:mean",
    map: () => perSecond,
  },
  netIn: {
    type: "instance_network_interface",
    metric: "network.incoming.bytes",
    aggregation: "rate:mean",
    map: () => perSecond,
  },
  netOut: {
    type: "instance_network_interface",
    metric: "network.outgoing.bytes",
    aggregation: "rate:mean",
    map: () => perSecond,
  },
};

/** A bound on the parts summed for one server (Nova allows far fewer disks and interfaces). */
const MAX_PARTS = 64;

/** The server's disks and interfaces in Gnocchi, found by `instance_id` as Ceilometer records them. */
export async function findParts(
  gnocchi: GnocchiClient,
  serverId: string,
): Promise<{ disks: string[]; nics: string[] }> {
  const filter = { "=": { instance_id: serverId } };
  const [disks, nics] = await Promise.all([
    gnocchi.resources.search("instance_disk", filter, { limit: MAX_PARTS }),
    gnocchi.resources.search("instance_network_interface", filter, { limit: MAX_PARTS }),
  ]);
  return { disks: disks.map((r) => r.id), nics: nics.map((r) => r.id) };
}

/**
 * Opens a server's series for the caller, or null where the cloud has no
 * metric service. The server is read through Nova with the caller's token
 * first: another project's server is NOT_FOUND before any metric is asked
 * for (and the metric API scopes by token as well).
 */
export async function openInstanceSource(
  cloud: Cloud,
  scope: Scope,
  serverId: string,
  range: MetricRange,
): Promise<InstanceSource | null> {
  const instance = await getInstance(cloud, scope, serverId);
  const metric = await cloud.metric();
  if (!metric.available) return null;
  const parts = await findParts(metric.client, instance.id);
  return {
    gnocchi: metric.client,
    serverId: instance.id,
    vcpus: instance.flavor.vcpus,
    granularity: RANGE_SPECS[range].granularity,
    ...parts,
  };
}

/** Every series from `start` on; disks and interfaces are summed per timestamp. */
export async function readSeries(source: InstanceSource, start: Date): Promise<SeriesSet> {
  return (await readSeriesAt(source, start)).series;
}

/**
 * `readSeries`, with the granularity the points really have: a real
 * Gnocchi whose archive policy lacks the wanted one (Ceilometer's keeps
 * 5 min) answers its own, and the page says how far apart points are.
 * The coarsest one read; the wanted one where nothing came back.
 */
export async function readSeriesAt(
  source: InstanceSource,
  start: Date,
): Promise<{ series: SeriesSet; granularity: number }> {
  let coarsest: number | undefined;
  const entries = await Promise.all(
    SERIES_KEYS.map(async (key) => {
      const plan = PLANS[key];
      const ids =
        plan.type === "instance"
          ? [source.serverId]
          : plan.type === "instance_disk"
            ? source.disks
            : source.nics;
      const map = plan.map(source);
      const parts = await Promise.all(
        ids.map(async (resourceId) => {
          const measures = await readMeasures(source.gnocchi, {
            type: plan.type,
            resourceId,
            metric: plan.metric,
            aggregation: plan.aggregation,
            granularity: source.granularity,
            start,
          });
          for (const m of measures) coarsest = Math.max(coarsest ?? 0, m.granularity);
          return pointsOf(measures, map);
        }),
      );
      return [key, parts.length === 1 ? (parts[0] ?? []) : sumByTime(parts)] as const;
    }),
  );
  return { series: Object.fromEntries(entries) as SeriesSet, granularity: coarsest ?? source.granularity };
}

export interface InstanceSeries {
  available: true;
  range: MetricRange;
  granularity: number;
  vcpus: number;
  start: number;
  stop: number;
  series: SeriesSet;
}

/** A server's chart series over a range, or `available: false` on a cloud without a metric service. */
export async function instanceSeries(
  cloud: Cloud,
  scope: Scope,
  serverId: string,
  range: MetricRange,
  now = Date.now(),
): Promise<InstanceSeries | { available: false }> {
  const source = await openInstanceSource(cloud, scope, serverId, range);
  if (!source) return { available: false };
  const start = now - RANGE_SPECS[range].spanMs;
  const { series, granularity } = await readSeriesAt(source, new Date(start));
  return {
    available: true,
    range,
    granularity,
    vcpus: source.vcpus,
    start,
    stop: now,
    series,
  };
}
