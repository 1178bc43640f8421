import { z } from "zod";
import { ZId } from "../list.types.ts";
import { ZMetricRange, ZSeriesSet } from "./series.types.ts";

export const ZInstanceSeriesRequestSchema = z.object({ id: ZId, range: ZMetricRange.default("1h") });
export type TInstanceSeriesRequest = z.infer<typeof ZInstanceSeriesRequestSchema>;

export const ZInstanceSeriesResponseSchema = z.discriminatedUnion("available", [
  z.object({
    available: z.literal(true),
    range: ZMetricRange,
    /**
     * Seconds between points: 10 for 1 h, 60 for 24 h, 3600 for 7 and 30 days, or the metric
     * service's own where its archive policy lacks those (300 with Ceilometer's `ceilometer-low`).
     */
    granularity: z.number(),
    vcpus: z.number(),
    /** The range's bounds, Unix milliseconds. */
    start: z.number(),
    stop: z.number(),
    series: ZSeriesSet,
  }),
  /** The cloud has no metric service. */
  z.object({ available: z.literal(false) }),
]);
export type TInstanceSeriesResponse = z.infer<typeof ZInstanceSeriesResponseSchema>;
