/**
 * The one archive policy every metric gets (Gnocchi's archive policies,
 * fixed here): 10 s points kept 1 day, 1 min kept 7 days, 1 h kept 90 days.
 * Points are stored 60 to a row (`measure_chunk`), so a row spans 10 min,
 * 1 h or 60 h.
 */
export const ARCHIVE_POLICY_NAME = "zenith";

export interface ArchiveLevel {
  /** Seconds between points. */
  granularity: number;
  /** Seconds a point is kept. */
  timespan: number;
}

export const ARCHIVE_LEVELS: readonly ArchiveLevel[] = [
  { granularity: 10, timespan: 86_400 },
  { granularity: 60, timespan: 7 * 86_400 },
  { granularity: 3_600, timespan: 90 * 86_400 },
];
export const SLOTS_PER_CHUNK = 60;

/** What a measures query may ask for (Gnocchi's names). */
export const AGGREGATION_METHODS = [
  "mean",
  "min",
  "max",
  "sum",
  "count",
  "rate:mean",
  "rate:min",
  "rate:max",
  "rate:sum",
] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

export function isAggregationMethod(value: string): value is AggregationMethod {
  return (AGGREGATION_METHODS as readonly string[]).includes(value);
}

export function levelOf(granularity: number): ArchiveLevel | undefined {
  return ARCHIVE_LEVELS.find((l) => l.granularity === granularity);
}

/** Seconds one chunk row spans at a granularity. */
export const chunkSpan = (granularity: number): number => granularity * SLOTS_PER_CHUNK;
