import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZInstanceSchema } from "./instance.types.ts";

export const ZInstanceUpdatesRequestSchema = z
  .object({
    /** Admin only. */
    allProjects: z.boolean().optional(),
    /** Ids on the browser's page: their deletion is reported even where Nova hides deleted servers. */
    watch: z.array(ZId).max(100).optional(),
  })
  .default({});
export type TInstanceUpdatesRequest = z.infer<typeof ZInstanceUpdatesRequestSchema>;
export const ZInstanceUpdatesEventSchema = z.object({
  changed: z.array(ZInstanceSchema),
  deleted: z.array(z.string()),
});
export type TInstanceUpdatesEvent = z.infer<typeof ZInstanceUpdatesEventSchema>;
