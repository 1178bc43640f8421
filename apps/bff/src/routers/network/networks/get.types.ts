import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZSubnetSchema } from "../subnets/subnet.types.ts";
import { ZNetworkSchema } from "./network.types.ts";

export const ZGetNetworkRequestSchema = z.object({ id: ZId });
export const ZGetNetworkResponseSchema = z.object({
  network: ZNetworkSchema,
  subnets: z.array(ZSubnetSchema).max(1000),
  portCount: z.number().int(),
  instances: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        addresses: z.array(z.string()).max(100),
      }),
    )
    .max(10_000),
  /** What keeps the network from being deleted now, as counts and names (up to five), or null. */
  inUse: z
    .object({
      instanceCount: z.number().int(),
      instances: z.string(),
      routerCount: z.number().int(),
      routers: z.string(),
      gatewayCount: z.number().int(),
      gateways: z.string(),
      floatingIps: z.number().int(),
      otherPorts: z.number().int(),
    })
    .nullable(),
});
export type TGetNetworkResponse = z.infer<typeof ZGetNetworkResponseSchema>;
