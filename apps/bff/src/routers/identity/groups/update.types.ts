import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZUpdateGroupRequestSchema = z.object({
  id: ZId,
  name: z.string().trim().min(1).max(64).optional(),
  description: z.string().max(255).optional(),
});
export type TUpdateGroupRequest = z.infer<typeof ZUpdateGroupRequestSchema>;
export { ZGroupSchema as ZUpdateGroupResponseSchema } from "./group.types.ts";
