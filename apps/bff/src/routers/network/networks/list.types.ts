import { z } from "zod";
import { NETWORK_SORT_KEYS } from "../../../services/network/networks.ts";
import { zListInput, zPage } from "../../list.types.ts";
import { ZNetworkSchema } from "./network.types.ts";

export const ZListNetworksRequestSchema = zListInput(NETWORK_SORT_KEYS).extend({
  /** Admin only: every project's networks, with project names. */
  allProjects: z.boolean().optional(),
  /** Admin only: one project's networks. */
  projectId: z.string().min(1).max(64).optional(),
});
export type TListNetworksRequest = z.infer<typeof ZListNetworksRequestSchema>;
export const ZListNetworksResponseSchema = zPage(ZNetworkSchema);
export type TListNetworksResponse = z.infer<typeof ZListNetworksResponseSchema>;
