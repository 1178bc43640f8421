import { z } from "zod";
import { INSTANCE_SORT_KEYS } from "../../../services/compute/list-instances.ts";
import { zListInput, zPage } from "../../list.types.ts";
import { ZInstanceSchema, ZInstanceStatus } from "./instance.types.ts";

export const ZListInstancesRequestSchema = zListInput(INSTANCE_SORT_KEYS).extend({
  status: ZInstanceStatus.optional(),
  /** Admin only: every project's instances. */
  allProjects: z.boolean().optional(),
  /** Admin only. */
  projectId: z.string().optional(),
  /** Admin only. */
  host: z.string().optional(),
});
export type TListInstancesRequest = z.infer<typeof ZListInstancesRequestSchema>;
export const ZListInstancesResponseSchema = zPage(ZInstanceSchema);
export type TListInstancesResponse = z.infer<typeof ZListInstancesResponseSchema>;
