import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZUpdateProjectRequestSchema = z.object({
  id: ZId,
  name: z.string().trim().min(1).max(64).optional(),
  description: z.string().max(255).optional(),
  enabled: z.boolean().optional(),
});
export type TUpdateProjectRequest = z.infer<typeof ZUpdateProjectRequestSchema>;
export { ZProjectSchema as ZUpdateProjectResponseSchema } from "./project.types.ts";
