import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZSetServiceEnabledRequestSchema = z.object({
  id: ZId,
  enabled: z.boolean(),
  /** Kept only when disabling. */
  reason: z.string().trim().max(255).optional(),
});
export type TSetServiceEnabledRequest = z.infer<typeof ZSetServiceEnabledRequestSchema>;
export { ZComputeServiceSchema as ZSetServiceEnabledResponseSchema } from "./service.types.ts";
