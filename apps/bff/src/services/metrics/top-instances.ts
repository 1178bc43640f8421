import {
  flattenAggregates,
  type GnocchiClient,
  type Measure,
  type Resource,
  type SearchFilter,
} from "@zenith/api-client/gnocchi";
import { isOpenStackError } from "@zenith/api-client/http";
import type { NovaClient } from "@zenith/api-client/nova";
import { TtlCache } from "../cache.ts";
import type { Cloud } from "../cloud/clients.ts";
import type { Scope } from "../compute/list-instances.ts";
import { instanceNames } from "../network/secfip-common.ts";
import { boundedAll } from "./bounded.ts";
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
 * Resources per aggregates call. Zenith's metric service answers at most
 * 2,000 series and 500,000 points per call (docs/metering.md); 500 series
 * of 1 h points over 30 days (722 each, with the period before) fit, and a
 * real Gnocchi takes a list of 500 ids in a search as well.
 */
export const RANKING_BATCH = 500;
/** Aggregates calls in flight at once, all metrics together. */
export const RANKING_PARALLEL = 3;
/**
 * The granularity a ranking reads over a window of `windowMs` (the range, or
 * less where the oldest live instance is younger): it keeps only the mean,
 * so 1 min points up to 12 h (at most 721 a series, with the hour ahead the
 * metric service counts: 500 series stay under its 500,000 points) and 1 h
 * points beyond. Hourly points alone would leave a young cloud's ranking
 * empty for its first two hours: a rate needs two whole periods, and the
 * one still filling is left out.
 */
function rankingGranularity(windowMs: number): number {
  return windowMs <= 12 * 3_600_000 ? 60 : 3600;
}

/** How much older than its metric resource a sample may be: agents post what they buffered. */
const SAMPLES_BEFORE_START_MS = 3_600_000;

/** When the oldest of `resources` started (Unix ms), or null where none says. */
function oldestStart(resources: readonly Resource[]): number | null {
  let oldest: number | null = null;
  for (const r of resources) {
    const at = r.started_at ? Date.parse(r.started_at) : Number.NaN;
    if (Number.isFinite(at) && (oldest === null || at < oldest)) oldest = at;
  }
  return oldest;
}

/** A 400 or 404 that says the metric or the granularity is missing (not one saying the call was too big). */
function missing(err: unknown): boolean {
  return (
    isOpenStackError(err) && (err.status === 400 || err.status === 404) && !/too many/i.test(err.message)
  );
}

/**
 * A counter's growth per period, per resource of one metric over some
 * resources of a type named by id: the periods' means in one aggregates call
 * (`fill=dropna`: no overlap is needed across resources), differenced here
 * as `readMeasures` does (upstream's `rate:mean` is the growth per sample,
 * see there), from one period before `start`. Where the archive policy lacks
 * the granularity (a real cloud's), every common granularity is read and the
 * closest kept. The period still filling at `now` is left out: its mean lags
 * behind the counter, so its rate reads low (by up to half; at 1 h points a
 * twenty-fourth of a day's ranking). Resources with no such metric yet are an
 * empty answer.
 */
async function perResource(
  gnocchi: GnocchiClient,
  opts: {
    type: string;
    metric: string;
    projectId: string;
    ids: readonly string[];
    granularity: number;
    start: Date;
    now: number;
  },
): Promise<Map<string, Measure[]>> {
  const read = (granularity: number | undefined) =>
    gnocchi.aggregate({
      operations: `(metric ${opts.metric} mean)`,
      resourceType: opts.type,
      // The project named as well: an admin's token would reach any project's resource.
      search: { and: [{ "=": { project_id: opts.projectId } }, { in: { id: [...opts.ids] } }] },
      granularity,
      start: new Date(opts.start.getTime() - opts.granularity * 1000),
      fill: "dropna",
    });
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
      rates.filter((m) => m.at >= opts.start.getTime() && m.at + m.granularity * 1000 <= opts.now),
    );
  }
  return out;
}

type Ranked = "cpu" | "network.incoming.bytes" | "network.outgoing.bytes";

/**
 * Each metric's growth per resource over every resource given: in batches
 * of `RANKING_BATCH` ids, `RANKING_PARALLEL` calls at a time, so one call
 * never asks the metric service more than it answers at once.
 */
async function rankedSeries(
  gnocchi: GnocchiClient,
  projectId: string,
  reads: ReadonlyArray<{ type: string; metric: Ranked; ids: readonly string[] }>,
  window: { granularity: number; start: Date; now: number },
): Promise<Map<Ranked, Map<string, Measure[]>>> {
  const batches = reads.flatMap(({ type, metric, ids }) =>
    Array.from({ length: Math.ceil(ids.length / RANKING_BATCH) }, (_, i) => ({
      metric,
      run: () =>
        perResource(gnocchi, {
          type,
          metric,
          projectId,
          ids: ids.slice(i * RANKING_BATCH, (i + 1) * RANKING_BATCH),
          ...window,
        }),
    })),
  );
  const answers = await boundedAll(
    batches.map((b) => b.run),
    RANKING_PARALLEL,
  );
  const out = new Map<Ranked, Map<string, Measure[]>>(reads.map((r) => [r.metric, new Map()]));
  batches.forEach((b, i) => {
    const into = out.get(b.metric);
    for (const [id, measures] of answers[i] ?? []) into?.set(id, measures);
  });
  return out;
}

const MAX_NICS = 5_000;
/**
 * Resources per search page: the most Gnocchi's `max_limit` (1,000 by
 * default, as Zenith's metric service) answers. The pages come one after
 * another (by marker), so at 5,000 instances twice the client's default is
 * half the round trips before the ranking can start.
 */
export const SEARCH_PAGE = 1_000;
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
 * for this cost seconds at thousands of instances. The ranking itself is
 * shared for `RANKING_TTL_MS` per project, range and limit; the Nova check
 * runs on every call.
 */
export async function topInstances(
  cloud: Pick<Cloud, "metric" | "nova">,
  scope: Scope,
  projectId: string,
  range: MetricRange,
  limit: number,
  now = Date.now(),
): Promise<TopInstances> {
  const metric = await cloud.metric();
  if (!metric.available) return { available: false, range, byCpu: [], byNetwork: [] };
  const nova = await cloud.nova();
  // Every reader of the project's overview in the next seconds shares one ranking (and one read
  // while it runs: a server render that gave up on it and the browser's retry wait for the same).
  const key = JSON.stringify([metric.endpoint, projectId, range, limit]);
  const { cpu, network } = await rankingCache.get(key, () =>
    rankCandidates(metric.client, nova, projectId, range, limit, now),
  );
  // The token's own project (never all projects): by id for the few at the top, on every call, so
  // an instance deleted since the ranking was read is left out and each name is Nova's of now.
  const listed = await instanceNames(
    nova,
    { token: scope.token, projectId, isAdmin: false },
    { ids: [...cpu, ...network].map((c) => c.id) },
  );
  const confirmed = <T extends TopInstance>(items: readonly T[]) =>
    items
      .filter((c) => listed.has(c.id))
      .map((c) => ({ ...c, name: listed.get(c.id) || c.id }))
      .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name))
      .slice(0, limit);
  return { available: true, range, byCpu: confirmed(cpu), byNetwork: confirmed(network) };
}

/**
 * How long one ranking serves the project's readers. It reads whole periods
 * of 1 min (or 1 h) and leaves out the one still filling, so a fresher read
 * differs by at most the periods closed since; 30 s keeps it within one
 * minute point of the metric service. At 5,000 instances a read is ten
 * aggregates calls over 5,000 series (seconds of the metric service), which
 * every landing on the overview would otherwise repeat.
 */
export const RANKING_TTL_MS = 30_000;
type Candidates = { cpu: TopInstance[]; network: TopInstances["byNetwork"] };
const rankingCache = new TtlCache<Candidates>(RANKING_TTL_MS, 1_000);

/** Forgets every cached ranking (tests; each builds a cloud of its own). */
export function clearRankingCache(): void {
  rankingCache.clear();
}

/** The busiest live instances by metric, `limit` and a few spares per list, not yet confirmed by Nova. */
async function rankCandidates(
  gnocchi: GnocchiClient,
  nova: NovaClient,
  projectId: string,
  range: MetricRange,
  limit: number,
  now: number,
): Promise<Candidates> {
  const rangeStart = now - RANGE_SPECS[range].spanMs;
  const live: SearchFilter = { and: [{ "=": { project_id: projectId } }, { "=": { ended_at: null } }] };

  const notFound = (err: unknown) => {
    if (isOpenStackError(err) && err.status === 404) return [] as Resource[];
    throw err;
  };
  // The live resources first (each instance's vCPUs come from its flavor, named on its metric
  // resource), then their series by id in bounded batches: a search over all of them would be
  // one answer of thousands of series.
  const [flavors, instances, nics] = await Promise.all([
    nova.flavors.list(),
    gnocchi.resources.searchAll("instance", live, { limit: SEARCH_PAGE }).catch(notFound),
    gnocchi.resources.searchAll("instance_network_interface", live, { limit: SEARCH_PAGE }).catch(notFound),
  ]);
  const nicIds = nics.slice(0, MAX_NICS).map((r) => r.id);
  // No live instance has points from long before it started (an agent's buffered samples may
  // predate their resource a little): the window, and the points it reads, end there.
  const start = new Date(
    Math.max(rangeStart, (oldestStart(instances) ?? rangeStart) - SAMPLES_BEFORE_START_MS),
  );
  const granularity = rankingGranularity(now - start.getTime());
  const series = await rankedSeries(
    gnocchi,
    projectId,
    [
      { type: "instance", metric: "cpu", ids: instances.map((r) => r.id) },
      { type: "instance_network_interface", metric: "network.incoming.bytes", ids: nicIds },
      { type: "instance_network_interface", metric: "network.outgoing.bytes", ids: nicIds },
    ],
    { granularity, start, now },
  );
  const none = new Map<string, Measure[]>();
  const cpuNs = series.get("cpu") ?? none;
  const incoming = series.get("network.incoming.bytes") ?? none;
  const outgoing = series.get("network.outgoing.bytes") ?? none;
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
  return { cpu: ranked(byCpu), network: ranked(byNetwork) };
}
