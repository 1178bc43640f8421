import type { GnocchiClient, Measure, MeasuresQuery } from "@zenith/api-client/gnocchi";
import { isOpenStackError } from "@zenith/api-client/http";

export interface SeriesRequest {
  type: string;
  resourceId: string;
  metric: string;
  aggregation: string;
  granularity: number;
  start: Date;
}

/**
 * Gnocchi says a granularity or aggregation method is not in the metric's
 * archive policy with 400 or with 404 "Aggregation method 'x' at
 * granularity 'y' … does not exist"; a 404 without those words is a
 * resource or metric that does not exist.
 */
function missingAggregation(err: unknown): boolean {
  if (!isOpenStackError(err)) return false;
  return err.status === 400 || (err.status === 404 && /aggregation|granularit/i.test(err.message));
}

function missingSeries(err: unknown): boolean {
  return isOpenStackError(err) && err.status === 404 && !missingAggregation(err);
}

class NoSuchAggregation extends Error {}

/**
 * A resource metric's measures; where none are aggregated yet, asked again
 * with `refresh=true`. A real Gnocchi keeps posted measures in a backlog
 * until gnocchi-metricd aggregates them, so a new server's chart would stay
 * empty while metricd lags or is down; `refresh` aggregates that metric's
 * backlog inside the read. Only on an empty answer: Zenith's `/metric`
 * folds its whole backlog on `refresh`. Gnocchi answers 503 when metricd
 * holds the metric's lock right then: the points come on the next read.
 */
async function measuresOf(
  gnocchi: GnocchiClient,
  req: SeriesRequest,
  query: MeasuresQuery,
): Promise<Measure[]> {
  const read = (refresh: boolean | undefined) =>
    gnocchi.resources.measures(req.type, req.resourceId, req.metric, { ...query, refresh });
  const measures = await read(undefined);
  if (measures.length > 0) return measures;
  try {
    return await read(true);
  } catch (err) {
    if (isOpenStackError(err) && err.status === 503) return measures;
    throw err;
  }
}

/**
 * One aggregation at the wanted granularity or, where the archive policy
 * lacks it (a real cloud's Ceilometer keeps 5 min or 1 h), at every
 * granularity, keeping the finest one at least as coarse as wanted.
 */
async function readAggregation(
  gnocchi: GnocchiClient,
  req: SeriesRequest,
  aggregation: string,
): Promise<Measure[]> {
  const query = { start: req.start, aggregation };
  try {
    return await measuresOf(gnocchi, req, { ...query, granularity: req.granularity });
  } catch (err) {
    if (!missingAggregation(err)) throw err;
  }
  try {
    const all = await measuresOf(gnocchi, req, query);
    return closestGranularity(all, req.granularity);
  } catch (err) {
    if (missingAggregation(err)) throw new NoSuchAggregation(aggregation);
    throw err;
  }
}

/**
 * Measures of one resource metric. A resource or metric that does not
 * exist yet (nothing sampled so far) is an empty series. Where the archive
 * policy has no `rate:mean` (older Ceilometer policies keep `mean` only),
 * the rate is the difference of consecutive means, as Gnocchi computes it.
 */
export async function readMeasures(gnocchi: GnocchiClient, req: SeriesRequest): Promise<Measure[]> {
  try {
    return await readAggregation(gnocchi, req, req.aggregation);
  } catch (err) {
    if (missingSeries(err)) return [];
    if (!(err instanceof NoSuchAggregation)) throw err;
    if (req.aggregation !== "rate:mean") return [];
  }
  try {
    return rateOf(await readAggregation(gnocchi, req, "mean"));
  } catch (err) {
    if (missingSeries(err) || err instanceof NoSuchAggregation) return [];
    throw err;
  }
}

/** Gnocchi's `rate:mean`: each period's mean minus the one before, at the same granularity. */
export function rateOf(means: readonly Measure[]): Measure[] {
  const out: Measure[] = [];
  for (let i = 1; i < means.length; i++) {
    const prev = means[i - 1];
    const cur = means[i];
    if (!prev || !cur || prev.granularity !== cur.granularity) continue;
    const value = cur.value === null || prev.value === null ? null : cur.value - prev.value;
    out.push({ ...cur, value });
  }
  return out;
}

export function closestGranularity(measures: readonly Measure[], wanted: number): Measure[] {
  const granularities = [...new Set(measures.map((m) => m.granularity))].sort((a, b) => a - b);
  const chosen = granularities.find((g) => g >= wanted) ?? granularities.at(-1);
  return measures.filter((m) => m.granularity === chosen);
}
