import { z } from "zod";
import { zListInput, zPage } from "../../list.types.ts";
import { ZProjectSchema } from "./project.types.ts";

export const PROJECT_SORT_KEYS = ["name", "id", "domainId", "enabled"] as const;
export const ZListProjectsRequestSchema = zListInput(PROJECT_SORT_KEYS).extend({
  domainId: z.string().optional(),
  enabled: z.boolean().optional(),
});
export type TListProjectsRequest = z.infer<typeof ZListProjectsRequestSchema>;
export const ZListProjectsResponseSchema = zPage(ZProjectSchema);
export type TListProjectsResponse = z.infer<typeof ZListProjectsResponseSchema>;
