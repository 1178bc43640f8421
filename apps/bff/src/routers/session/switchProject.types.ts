import { z } from "zod";
import { ZId } from "../list.types.ts";

export const ZSwitchProjectRequestSchema = z.object({ projectId: ZId });
export type TSwitchProjectRequest = z.infer<typeof ZSwitchProjectRequestSchema>;

export const ZSwitchProjectResponseSchema = z.object({
  project: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(z.string()),
});
export type TSwitchProjectResponse = z.infer<typeof ZSwitchProjectResponseSchema>;
