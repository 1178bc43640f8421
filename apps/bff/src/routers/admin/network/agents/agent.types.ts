import { z } from "zod";

export const ZNetworkAgentSchema = z.object({
  id: z.string(),
  /** Neutron's agent_type: "Linux bridge agent", "DHCP agent", "L3 agent", "Metadata agent", … */
  type: z.string(),
  binary: z.string(),
  host: z.string(),
  alive: z.boolean(),
  adminStateUp: z.boolean(),
  /** ISO 8601 (UTC); null before the first heartbeat. */
  heartbeatAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  availabilityZone: z.string().nullable(),
  description: z.string().nullable(),
});
export type TNetworkAgent = z.infer<typeof ZNetworkAgentSchema>;
