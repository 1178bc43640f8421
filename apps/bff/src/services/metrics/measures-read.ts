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
 * exist yet (nothing sampled so far) is an empty series.
 *
 * `rate:mean` (a counter's growth per period) is computed here from the
 * periods' means, never asked of the metric service: upstream Gnocchi's
 * `rate:mean` differentiates the raw measures before aggregating, so it is
 * the growth per *sample*, which equals the growth per period only where
 * Ceilometer polls exactly once per period (a Ceilometer polling every
 * minute into its 5-minute policy would chart a fifth of the real rate).
 * The difference of consecutive means is the growth per period whatever the
 * sampling (and is what Zenith's `/metric` answers for `rate:mean`). One
 * period before `start` is read so the first period has a rate too.
 */
export async function readMeasures(gnocchi: GnocchiClient, req: SeriesRequest): Promise<Measure[]> {
  const rate = req.aggregation === "rate:mean";
  const from = rate ? new Date(req.start.getTime() - req.granularity * 1000) : req.start;
  try {
    const measures = await readAggregation(gnocchi, { ...req, start: from }, rate ? "mean" : req.aggregation);
    return rate ? rateOf(measures).filter((m) => m.at >= req.start.getTime()) : measures;
  } catch (err) {
    if (missingSeries(err) || err instanceof NoSuchAggregation) return [];
    throw err;
  }
}

/**
 * A counter's growth per period from its periods' means: each mean minus
 * the one before, at the same granularity. Where points are further apart
 * than one period (a gap, or a polling interval coarser than the
 * granularity) the growth is scaled to one period, so charts read it per
 * second the same way. A counter that started again gives a negative value,
 * which the chart maps drop.
 */
export function rateOf(means: readonly Measure[]): Measure[] {
  const out: Measure[] = [];
  for (let i = 1; i < means.length; i++) {
    const prev = means[i - 1];
    const cur = means[i];
    if (!prev || !cur || prev.granularity !== cur.granularity) continue;
    const seconds = (cur.at - prev.at) / 1000;
    if (seconds <= 0) continue;
    const value =
      cur.value === null || prev.value === null
        ? null
        : ((cur.value - prev.value) * cur.granularity) / seconds;
    out.push({ ...cur, value });
  }
  return out;
}

export function closestGranularity(measures: readonly Measure[], wanted: number): Measure[] {
  const granularities = [...new Set(measures.map((m) => m.granularity))].sort((a, b) => a - b);
  const chosen = granularities.find((g) => g >= wanted) ?? granularities.at(-1);
  return measures.filter((m) => m.granularity === chosen);
}
