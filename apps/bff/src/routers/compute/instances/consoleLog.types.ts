import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZConsoleLogRequestSchema = z.object({
  id: ZId,
  lines: z.number().int().min(1).max(10_000).optional(),
});
export type TConsoleLogRequest = z.infer<typeof ZConsoleLogRequestSchema>;
export const ZConsoleLogResponseSchema = z.object({ output: z.string() });
export type TConsoleLogResponse = z.infer<typeof ZConsoleLogResponseSchema>;
