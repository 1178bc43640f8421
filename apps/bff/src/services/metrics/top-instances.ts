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
import { instanceNames } from "../network/secfip-common.ts";
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
/** Candidates kept beyond `limit` per list, in case Nova no longer lists some of the busiest. */
const SPARES = 3;

/**
 * The project's busiest instances over a range, by CPU and by network, for
 * overview pages. Only the caller's current project: the search names it
 * (an admin's token would otherwise see every project's), and the metric
 * API scopes by token too. Ranked from the metric resources of instances
 * still alive there (`ended_at` unset; names from `display_name`); the few
 * at the top are then looked up in Nova one by one, so an instance Nova no
 * longer lists is left out and each name is Nova's. Listing every server
 * for this cost seconds at thousands of instances.
 */
export async function topInstances(
  cloud: Pick<Cloud, "metric" | "nova">,
  scope: Scope,
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
  const live: SearchFilter = { and: [{ "=": { project_id: projectId } }, { "=": { ended_at: null } }] };

  const nova = await cloud.nova();
  const notFound = (err: unknown) => {
    if (isOpenStackError(err) && err.status === 404) return [] as Resource[];
    throw err;
  };
  // One round of parallel calls; each instance's vCPUs come from its flavor, named on its metric resource.
  const [flavors, instances, cpuNs, nics, incoming, outgoing] = await Promise.all([
    nova.flavors.list(),
    gnocchi.resources.searchAll("instance", live).catch(notFound),
    perResource(gnocchi, { type: "instance", metric: "cpu", search: live, granularity, start }),
    gnocchi.resources.searchAll("instance_network_interface", live).catch(notFound),
    perResource(gnocchi, {
      type: "instance_network_interface",
      metric: "network.incoming.bytes",
      search: live,
      granularity,
      start,
    }),
    perResource(gnocchi, {
      type: "instance_network_interface",
      metric: "network.outgoing.bytes",
      search: live,
      granularity,
      start,
    }),
  ]);
  const alive = new Map(instances.map((r) => [r.id, r]));
  const vcpusOfFlavor = new Map(flavors.map((f) => [f.id, f.vcpus]));
  const vcpusOf = (id: string) => {
    const flavorId = alive.get(id)?.flavor_id;
    return flavorId ? (vcpusOfFlavor.get(flavorId) ?? 0) : 0;
  };
  const nameOf = (id: string) => alive.get(id)?.display_name || id;

  const byCpu: TopInstance[] = [];
  for (const [id, measures] of cpuNs) {
    if (!alive.has(id)) continue;
    const value = mean(pointsOf(measures, cpuPercent(vcpusOf(id))));
    if (value !== null) byCpu.push({ id, name: nameOf(id), value });
  }

  const nicOwner = new Map(nics.slice(0, MAX_NICS).map((r) => [r.id, r.instance_id ?? undefined]));
  const traffic = new Map<string, { inBps: number; outBps: number }>();
  const add = (series: Map<string, Measure[]>, field: "inBps" | "outBps") => {
    for (const [nicId, measures] of series) {
      const owner = nicOwner.get(nicId);
      const value = mean(pointsOf(measures, perSecond));
      if (!owner || !alive.has(owner) || value === null) continue;
      const entry = traffic.get(owner) ?? { inBps: 0, outBps: 0 };
      entry[field] += value;
      traffic.set(owner, entry);
    }
  };
  add(incoming, "inBps");
  add(outgoing, "outBps");
  const byNetwork = [...traffic].map(([id, t]) => ({
    id,
    name: nameOf(id),
    value: t.inBps + t.outBps,
    ...t,
  }));

  const ranked = <T extends TopInstance>(items: T[]) =>
    items.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name)).slice(0, limit + SPARES);
  const cpuCandidates = ranked(byCpu);
  const networkCandidates = ranked(byNetwork);
  // The token's own project (never all projects): by id for the few at the top.
  const listed = await instanceNames(
    nova,
    { token: scope.token, projectId, isAdmin: false },
    {
      ids: [...cpuCandidates, ...networkCandidates].map((c) => c.id),
    },
  );
  const confirmed = <T extends TopInstance>(items: T[]) =>
    items
      .filter((c) => listed.has(c.id))
      .map((c) => ({ ...c, name: listed.get(c.id) || c.id }))
      .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name))
      .slice(0, limit);
  return { available: true, range, byCpu: confirmed(cpuCandidates), byNetwork: confirmed(networkCandidates) };
}
