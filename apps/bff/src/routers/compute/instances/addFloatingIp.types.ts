import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZAddFloatingIpRequestSchema = z
  .object({
    id: ZId,
    portId: ZId,
    /** An existing free floating IP of the project… */
    floatingIpId: ZId.optional(),
    /** …or a new one allocated from this external network. */
    poolNetworkId: ZId.optional(),
    fixedIp: z.ipv4({ error: "Enter an IPv4 address of the port." }).optional(),
  })
  .refine((v) => (v.floatingIpId === undefined) !== (v.poolNetworkId === undefined), {
    message: "Choose a free floating IP or a pool to allocate one from (one of them).",
    path: ["floatingIpId"],
  });
export type TAddFloatingIpRequest = z.infer<typeof ZAddFloatingIpRequestSchema>;
export const ZAddFloatingIpResponseSchema = z.object({
  floatingIp: z.object({ id: z.string(), address: z.string() }),
});
export type TAddFloatingIpResponse = z.infer<typeof ZAddFloatingIpResponseSchema>;
