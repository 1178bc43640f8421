import { z } from "zod";
import { NETWORK_AGENT_SORT_KEYS } from "../../../../services/admin/network-agents.ts";
import { zListInput, zPage } from "../../../list.types.ts";
import { ZNetworkAgentSchema } from "./agent.types.ts";

/** `q` matches the host, type or binary; the other filters are exact. */
export const ZListNetworkAgentsRequestSchema = zListInput(NETWORK_AGENT_SORT_KEYS).extend({
  type: z.string().trim().max(255, "At most 255 characters.").optional(),
  host: z.string().trim().max(255, "At most 255 characters.").optional(),
  alive: z.boolean().optional(),
  adminStateUp: z.boolean().optional(),
});
export type TListNetworkAgentsRequest = z.infer<typeof ZListNetworkAgentsRequestSchema>;
export const ZListNetworkAgentsResponseSchema = zPage(ZNetworkAgentSchema);
export type TListNetworkAgentsResponse = z.infer<typeof ZListNetworkAgentsResponseSchema>;
