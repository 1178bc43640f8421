import { z } from "zod";
import { ZId } from "../../../list.types.ts";

/** Sets the agent's admin_state_up: a disabled DHCP or L3 agent gets no new networks or routers. */
export const ZSetNetworkAgentEnabledRequestSchema = z.object({ id: ZId, enabled: z.boolean() });
export type TSetNetworkAgentEnabledRequest = z.infer<typeof ZSetNetworkAgentEnabledRequestSchema>;
export { ZNetworkAgentSchema as ZSetNetworkAgentEnabledResponseSchema } from "./agent.types.ts";
