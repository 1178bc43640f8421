import { z } from "zod";
import { INSTANCE_ACTIONS } from "../../../services/compute/instance-ops.ts";
import { ZId } from "../../list.types.ts";

export const ZInstanceActionRequestSchema = z.object({
  ids: z.array(ZId).min(1).max(50),
  action: z.enum(INSTANCE_ACTIONS),
});
export type TInstanceActionRequest = z.infer<typeof ZInstanceActionRequestSchema>;
export const ZInstanceActionResponseSchema = z.object({
  results: z.array(z.object({ id: z.string(), ok: z.boolean(), message: z.string().optional() })),
});
export type TInstanceActionResponse = z.infer<typeof ZInstanceActionResponseSchema>;
