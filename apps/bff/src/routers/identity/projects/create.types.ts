import { z } from "zod";

export const ZCreateProjectRequestSchema = z.object({
  name: z.string().trim().min(1).max(64),
  description: z.string().max(255).optional(),
  domainId: z.string().optional(),
  enabled: z.boolean().optional(),
});
export type TCreateProjectRequest = z.infer<typeof ZCreateProjectRequestSchema>;
export { ZProjectSchema as ZCreateProjectResponseSchema } from "./project.types.ts";
