import { z } from "zod";
import { ROUTER_SORT_KEYS } from "../../../services/network/routers.ts";
import { ZId, zListInput, zPage } from "../../list.types.ts";
import { ZRouterRowSchema } from "./router.types.ts";

export const ROUTER_STATUSES = ["ACTIVE", "DOWN", "BUILD", "ERROR"] as const;

export const ZListRoutersRequestSchema = zListInput(ROUTER_SORT_KEYS).extend({
  status: z.enum(ROUTER_STATUSES).optional(),
  /** Cloud admins only: every project's routers, with the project's name. */
  allProjects: z.boolean().optional(),
  /** Cloud admins only (another project). */
  projectId: ZId.optional(),
});
export type TListRoutersRequest = z.infer<typeof ZListRoutersRequestSchema>;
export const ZListRoutersResponseSchema = zPage(ZRouterRowSchema);
export type TListRoutersResponse = z.infer<typeof ZListRoutersResponseSchema>;
