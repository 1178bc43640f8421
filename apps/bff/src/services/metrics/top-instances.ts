import {
  flattenAggregates,
  type GnocchiClient,
  type Measure,
  type Resource,
  type SearchFilter,
} from "@zenith/api-client/gnocchi";
import { isOpenStackError } from "@zenith/api-client/http";
import type { Cloud } from "../cloud/clients.ts";
import type { Scope } from "../compute/list-instances.ts";
import { closestGranularity, rateOf } from "./measures-read.ts";
import { type MetricRange, RANGE_SPECS } from "./ranges.ts";
import { cpuPercent, mean, perSecond, pointsOf } from "./series-math.ts";

export interface TopInstance {
  id: string;
  name: string;
  /** CPU: mean % of the flavor's vCPUs over the range. Network: mean bytes/s in + out. */
  value: number;
}

export interface TopInstances {
  available: boolean;
  range: MetricRange;
  byCpu: TopInstance[];
  byNetwork: (TopInstance & { inBps: number; outBps: number })[];
}

/**
 * A counter's growth per period, per resource of one metric over the
 * project's resources of a type: the periods' means in one aggregates call
 * (`fill=dropna`: no overlap is needed across resources), differenced here
 * as `readMeasures` does (upstream's `rate:mean` is the growth per sample,
 * see there), from one period before `start`. Where the archive policy lacks
 * the granularity (a real cloud's), every common granularity is read and the
 * closest kept. A type with no such metric yet is an empty answer.
 */
async function perResource(
  gnocchi: GnocchiClient,
  opts: { type: string; metric: string; search: SearchFilter; granularity: number; start: Date },
): Promise<Map<string, Measure[]>> {
  const read = (granularity: number | undefined) =>
    gnocchi.aggregate({
      operations: `(metric ${opts.metric} mean)`,
      resourceType: opts.type,
      search: opts.search,
      granularity,
      start: new Date(opts.start.getTime() - opts.granularity * 1000),
      fill: "dropna",
    });
  const missing = (err: unknown) => isOpenStackError(err) && (err.status === 400 || err.status === 404);
  let result: Awaited<ReturnType<typeof read>>;
  try {
    result = await read(opts.granularity);
  } catch (err) {
    // Gnocchi answers 400 "Metrics not found" where no resource has the metric yet, 400/404 for a granularity it lacks.
    if (!missing(err)) throw err;
    try {
      result = await read(undefined);
    } catch (again) {
      if (missing(again)) return new Map();
      throw again;
    }
  }
  const out = new Map<string, Measure[]>();
  for (const series of flattenAggregates(result.measures)) {
    const rates = rateOf(closestGranularity(series.measures, opts.granularity));
    out.set(
      series.key,
      rates.filter((m) => m.at >= opts.start.getTime()),
    );
  }
  return out;
}

const MAX_NICS = 5_000;

/**
 * The project's busiest instances over a range, by CPU and by network, for
 * overview pages. Only the caller's current project: the search names it
 * (an admin's token would otherwise see every project's), and the metric
 * API scopes by token too. Instances Nova no longer lists are left out.
 */
export async function topInstances(
  cloud: Cloud,
  _scope: Scope,
  projectId: string,
  range: MetricRange,
  limit: number,
  now = Date.now(),
): Promise<TopInstances> {
  const empty: TopInstances = { available: false, range, byCpu: [], byNetwork: [] };
  const metric = await cloud.metric();
  if (!metric.available) return empty;
  const gnocchi = metric.client;
  const { granularity, spanMs } = RANGE_SPECS[range];
  const start = new Date(now - spanMs);
  const inProject: SearchFilter = { "=": { project_id: projectId } };

  const nova = await cloud.nova();
  const notFound = (err: unknown) => {
    if (isOpenStackError(err) && err.status === 404) return [] as Resource[];
    throw err;
  };
  // One round of parallel calls. Nova's summary list (ids and names, no details) says which
  // instances it still lists; each one's vCPUs come from its flavor, named on its metric
  // resource. Listing every server's details here cost seconds at thousands of instances.
  const [servers, flavors, instances, cpuNs, nics, incoming, outgoing] = await Promise.all([
    nova.servers.listAll({}),
    nova.flavors.list(),
    gnocchi.resources.searchAll("instance", inProject).catch(notFound),
    perResource(gnocchi, {
      type: "instance",
      metric: "cpu",
      search: inProject,
      granularity,
      start,
    }),
    gnocchi.resources.searchAll("instance_network_interface", inProject).catch(notFound),
    perResource(gnocchi, {
      type: "instance_network_interface",
      metric: "network.incoming.bytes",
      search: inProject,
      granularity,
      start,
    }),
    perResource(gnocchi, {
      type: "instance_network_interface",
      metric: "network.outgoing.bytes",
      search: inProject,
      granularity,
      start,
    }),
  ]);
  const byId = new Map(servers.map((s) => [s.id, s]));
  const vcpusOfFlavor = new Map(flavors.map((f) => [f.id, f.vcpus]));
  const vcpusOf = new Map(
    instances.map((r) => [r.id, r.flavor_id ? (vcpusOfFlavor.get(r.flavor_id) ?? 0) : 0]),
  );

  const byCpu: TopInstance[] = [];
  for (const [id, measures] of cpuNs) {
    const server = byId.get(id);
    if (!server) continue;
    const value = mean(pointsOf(measures, cpuPercent(vcpusOf.get(id) ?? 0)));
    if (value !== null) byCpu.push({ id, name: server.name || id, value });
  }

  const nicOwner = new Map(nics.slice(0, MAX_NICS).map((r) => [r.id, r.instance_id ?? undefined]));
  const traffic = new Map<string, { inBps: number; outBps: number }>();
  const add = (series: Map<string, Measure[]>, field: "inBps" | "outBps") => {
    for (const [nicId, measures] of series) {
      const owner = nicOwner.get(nicId);
      const value = mean(pointsOf(measures, perSecond));
      if (!owner || !byId.has(owner) || value === null) continue;
      const entry = traffic.get(owner) ?? { inBps: 0, outBps: 0 };
      entry[field] += value;
      traffic.set(owner, entry);
    }
  };
  add(incoming, "inBps");
  add(outgoing, "outBps");
  const byNetwork = [...traffic].map(([id, t]) => ({
    id,
    name: byId.get(id)?.name || id,
    value: t.inBps + t.outBps,
    ...t,
  }));

  const top = <T extends TopInstance>(items: T[]) =>
    items.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name)).slice(0, limit);
  return { available: true, range, byCpu: top(byCpu), byNetwork: top(byNetwork) };
}
