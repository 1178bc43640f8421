import { z } from "zod";
import { METRIC_RANGES } from "../../services/metrics/ranges.ts";

export const ZMetricRange = z.enum(METRIC_RANGES);

/** One chart point: Unix milliseconds and the value in the series' unit. */
export const ZPoint = z.object({ t: z.number(), v: z.number() });

/** An instance's series, each in its chart's unit. */
export const ZSeriesSet = z.object({
  /** % of the flavor's vCPUs. */
  cpu: z.array(ZPoint),
  /** MB in use. */
  memory: z.array(ZPoint),
  /** Bytes per second, all disks. */
  diskRead: z.array(ZPoint),
  diskWrite: z.array(ZPoint),
  /** Bytes per second, all interfaces, in the guest's direction. */
  netIn: z.array(ZPoint),
  netOut: z.array(ZPoint),
});
