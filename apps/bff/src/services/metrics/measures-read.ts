import type { GnocchiClient, Measure } from "@zenith/api-client/gnocchi";
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
 * Measures of one resource metric. A resource or metric that does not
 * exist yet (nothing sampled so far) is an empty series. A Gnocchi whose
 * archive policy lacks the wanted granularity (a real cloud's Ceilometer
 * keeps 5 min or 1 h) answers 400: then every granularity is read and the
 * finest one at least as coarse as wanted is kept (else the coarsest).
 */
export async function readMeasures(gnocchi: GnocchiClient, req: SeriesRequest): Promise<Measure[]> {
  const query = { start: req.start, aggregation: req.aggregation };
  try {
    return await gnocchi.resources.measures(req.type, req.resourceId, req.metric, {
      ...query,
      granularity: req.granularity,
    });
  } catch (err) {
    if (isOpenStackError(err) && err.status === 404) return [];
    if (!isOpenStackError(err) || err.status !== 400) throw err;
  }
  try {
    return closestGranularity(
      await gnocchi.resources.measures(req.type, req.resourceId, req.metric, query),
      req.granularity,
    );
  } catch (err) {
    if (isOpenStackError(err) && err.status === 404) return [];
    throw err;
  }
}

export function closestGranularity(measures: readonly Measure[], wanted: number): Measure[] {
  const granularities = [...new Set(measures.map((m) => m.granularity))].sort((a, b) => a - b);
  const chosen = granularities.find((g) => g >= wanted) ?? granularities.at(-1);
  return measures.filter((m) => m.granularity === chosen);
}
