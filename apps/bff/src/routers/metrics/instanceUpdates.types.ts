import { z } from "zod";
import { ZId } from "../list.types.ts";
import { ZMetricRange, ZPoint } from "./series.types.ts";

export const ZInstanceUpdatesRequestSchema = z.object({
  id: ZId,
  range: ZMetricRange,
  /** The newest point time (Unix ms) the browser holds; points from a little before it come again. */
  after: z.number().int().nonnegative().optional(),
});
export type TInstanceUpdatesRequest = z.infer<typeof ZInstanceUpdatesRequestSchema>;

/** New or changed points per series: the browser replaces points at equal times and appends the rest. */
export const ZInstanceUpdatesEventSchema = z.object({
  granularity: z.number(),
  series: z.object({
    cpu: z.array(ZPoint).optional(),
    memory: z.array(ZPoint).optional(),
    diskRead: z.array(ZPoint).optional(),
    diskWrite: z.array(ZPoint).optional(),
    netIn: z.array(ZPoint).optional(),
    netOut: z.array(ZPoint).optional(),
  }),
});
export type TInstanceUpdatesEvent = z.infer<typeof ZInstanceUpdatesEventSchema>;
