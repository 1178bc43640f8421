import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZActionLogRequestSchema = z.object({ id: ZId });
export type TActionLogRequest = z.infer<typeof ZActionLogRequestSchema>;
export const ZActionLogResponseSchema = z.array(
  z.object({
    action: z.string(),
    requestId: z.string(),
    userId: z.string().nullable(),
    startTime: z.string(),
    message: z.string().nullable(),
    events: z.array(
      z.object({
        event: z.string(),
        result: z.string().nullable(),
        startTime: z.string().nullable(),
        finishTime: z.string().nullable(),
      }),
    ),
  }),
);
export type TActionLogResponse = z.infer<typeof ZActionLogResponseSchema>;
