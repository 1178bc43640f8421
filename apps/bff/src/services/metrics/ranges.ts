/**
 * The chart ranges the portal offers and the granularity each reads: the
 * finest rollup that still covers the range (Zenith keeps 10 s for a day,
 * 1 min for 7 days, 1 h for 90 days). A real Gnocchi whose archive policy
 * lacks one of these answers an error the caller shows.
 */
export const METRIC_RANGES = ["1h", "24h", "7d", "30d"] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];

interface RangeSpec {
  spanMs: number;
  /** Seconds. */
  granularity: number;
}

const HOUR = 3_600_000;

export const RANGE_SPECS: Record<MetricRange, RangeSpec> = {
  "1h": { spanMs: HOUR, granularity: 10 },
  "24h": { spanMs: 24 * HOUR, granularity: 60 },
  "7d": { spanMs: 7 * 24 * HOUR, granularity: 3600 },
  "30d": { spanMs: 30 * 24 * HOUR, granularity: 3600 },
};

/** How often live views look for new points: the agents' sample interval. */
export const LIVE_INTERVAL_MS = 10_000;
