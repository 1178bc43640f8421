import { z } from "zod";
import { ZId } from "../../list.types.ts";

/** Without a router: the options for creating one in the current project. */
export const ZRouterOptionsRequestSchema = z.object({ routerId: ZId.optional() });
export type TRouterOptionsRequest = z.infer<typeof ZRouterOptionsRequestSchema>;

export const ZRouterOptionsResponseSchema = z.object({
  externalNetworks: z.array(z.object({ id: z.string(), name: z.string() })),
  subnets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      cidr: z.string(),
      ipVersion: z.number().int(),
      networkId: z.string(),
      networkName: z.string(),
      gatewayIp: z.string().nullable(),
      gatewayFree: z.boolean(),
      blockedReason: z.string().nullable(),
    }),
  ),
});
export type TRouterOptionsResponse = z.infer<typeof ZRouterOptionsResponseSchema>;
