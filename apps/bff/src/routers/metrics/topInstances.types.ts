import { z } from "zod";
import { ZMetricRange } from "./series.types.ts";

/**
 * The project's busiest instances over a range (for overview pages).
 * Input: `range` (`1h` | `24h` | `7d` | `30d`, default `24h`), `limit`
 * (1–20, default 5). Only the caller's current project, admin or not.
 */
export const ZTopInstancesRequestSchema = z
  .object({
    range: ZMetricRange.default("24h"),
    limit: z.number().int().min(1).max(20).default(5),
  })
  .default({ range: "24h", limit: 5 });
export type TTopInstancesRequest = z.infer<typeof ZTopInstancesRequestSchema>;

const ZTopInstance = z.object({ id: z.string(), name: z.string(), value: z.number() });

/**
 * `available: false` (and empty lists) where the cloud has no metric
 * service. `byCpu[].value`: mean CPU % of the flavor's vCPUs over the
 * range. `byNetwork[].value`: mean bytes/s received + sent (`inBps`,
 * `outBps` apart). Both sorted busiest first, at most `limit` each.
 */
export const ZTopInstancesResponseSchema = z.object({
  available: z.boolean(),
  range: ZMetricRange,
  byCpu: z.array(ZTopInstance),
  byNetwork: z.array(ZTopInstance.extend({ inBps: z.number(), outBps: z.number() })),
});
export type TTopInstancesResponse = z.infer<typeof ZTopInstancesResponseSchema>;
